package io.netshadow.controlplane.change;

import java.util.List;

/**
 * A configuration change to the network: an edit per device, applied in order, as one transaction. Loaded and
 * checked by {@link ChangeLoader}.
 *
 * @param id          short unique name of the change, used in the history and on the command line.
 * @param description what the change is for, in the words of the engineer who wrote it.
 * @param edits       the edits in the order they are applied.
 */
public record ChangeSpec(String id, String description, List<Edit> edits)
{
    /**
     * Copies the edit list.
     *
     * @param id          the change id.
     * @param description what it is for.
     * @param edits       the edits.
     */
    public ChangeSpec
    {
        edits = List.copyOf(edits);
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
     * The names of the devices the change edits, in edit order.
     *
     * @return the device names.
     */
    public List<String> devices()
    {
        return edits.stream().map(Edit::device).toList();
    }
}
