package io.netshadow.controlplane.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A configuration change to the network: an edit per device, deployed wave by wave as one transaction. Each wave is
 * applied, then gated by the forecaster's verdict before the next begins; a change without declared waves is one
 * wave of every device. Loaded and checked by {@link ChangeLoader}.
 *
 * @param id          short unique name of the change, used in the history and on the command line.
 * @param description what the change is for, in the words of the engineer who wrote it.
 * @param edits       the edits, one per device, in the order the change file gives them.
 * @param waves       the waves in deployment order; together they hold every edited device exactly once.
 */
public record ChangeSpec(String id, String description, List<Edit> edits, List<Wave> waves)
{
    /** The name of the single wave of a change that declares none. */
    public static final String SINGLE_WAVE = "all";

    /**
     * Copies the lists and checks that the waves hold every edited device exactly once.
     *
     * @param id          the change id.
     * @param description what it is for.
     * @param edits       the edits.
     * @param waves       the waves; empty for one wave of every device.
     * @throws IllegalArgumentException when a wave names a device without an edit, or a device is in no wave or
     *                                  in two.
     */
    public ChangeSpec
    {
        edits = List.copyOf(edits);
        waves = waves.isEmpty() ?
            List.of(new Wave(SINGLE_WAVE, edits.stream().map(Edit::device).toList())) : List.copyOf(waves);
        final Set<String> edited = new HashSet<>(edits.stream().map(Edit::device).toList());
        final Set<String> placed = new HashSet<>();
        for (final Wave wave : waves)
        {
            for (final String device : wave.devices())
            {
                if (!edited.contains(device))
                {
                    throw new IllegalArgumentException("wave " + wave.name() + " names " + device +
                        ", which the change does not edit");
                }
                if (!placed.add(device))
                {
                    throw new IllegalArgumentException(device + " is in more than one wave");
                }
            }
        }
        final List<String> unplaced = new ArrayList<>(edited);
        unplaced.removeAll(placed);
        if (!unplaced.isEmpty())
        {
            throw new IllegalArgumentException("devices in no wave: " + unplaced);
        }
    }

    /**
     * A change deployed in one wave.
     *
     * @param id          the change id.
     * @param description what it is for.
     * @param edits       the edits.
     */
    public ChangeSpec(final String id, final String description, final List<Edit> edits)
    {
        this(id, description, edits, List.of());
    }

    /**
     * The edit of one device: a NETCONF edit-config body in YANG-shaped XML.
     *
     * @param device the device name, as in the network profile.
     * @param xml    the {@code <config>} element to merge into the device's configuration.
     */
    public record Edit(String device, String xml)
    {
    }

    /**
     * One stage of the deployment: devices applied together, then judged together.
     *
     * @param name    the wave's name, such as {@code canary}.
     * @param devices the devices, in the change's edit order.
     */
    public record Wave(String name, List<String> devices)
    {
        /**
         * Copies the devices.
         *
         * @param name    the name.
         * @param devices the devices, at least one.
         * @throws IllegalArgumentException when the wave has no device.
         */
        public Wave
        {
            devices = List.copyOf(devices);
            if (devices.isEmpty())
            {
                throw new IllegalArgumentException("wave " + name + " has no device");
            }
        }
    }

    /**
     * The names of the devices the change edits, in edit order.
     *
     * @return the device names.
     */
    public List<String> devices()
    {
        return edits.stream().map(Edit::device).toList();
    }

    /**
     * The edit of one device.
     *
     * @param device the device name.
     * @return its edit.
     * @throws IllegalArgumentException when the change does not edit the device.
     */
    public Edit edit(final String device)
    {
        return edits.stream()
            .filter(edit -> edit.device().equals(device))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(id + " does not edit " + device));
    }

    /**
     * The same change under another id, such as the id of a second run of one change file.
     *
     * @param newId the id.
     * @return the change with that id.
     */
    public ChangeSpec withId(final String newId)
    {
        return new ChangeSpec(newId, description, edits, waves);
    }
}
