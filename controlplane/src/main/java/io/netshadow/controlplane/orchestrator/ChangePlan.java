package io.netshadow.controlplane.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a change will do, worked out before anything is sent: its waves, each wave's devices, the capabilities each
 * device offers, the sequence of steps each gets, and what a device cannot do. {@link #lines()} prints it.
 *
 * @param changeId         the change.
 * @param description      what it is for.
 * @param devicesAsked     true when the live devices were asked for their capabilities; false for a plan made
 *                         offline, which assumes every device offers everything.
 * @param maxVerdictWaitMs longest wait for each wave's verdict, in milliseconds.
 * @param waves            the waves in deployment order.
 */
public record ChangePlan(
    String changeId, String description, boolean devicesAsked, long maxVerdictWaitMs, List<WavePlan> waves)
{
    /**
     * Copies the waves.
     *
     * @param changeId         the change.
     * @param description      what it is for.
     * @param devicesAsked     whether the devices were asked.
     * @param maxVerdictWaitMs longest wait per verdict.
     * @param waves            the waves.
     */
    public ChangePlan
    {
        waves = List.copyOf(waves);
    }

    /**
     * One wave of the plan.
     *
     * @param name             the wave's name.
     * @param index            its position, from 1.
     * @param confirmTimeoutMs the confirm timeout its live confirmed commits carry: long enough for every gate
     *                         still to come, in milliseconds.
     * @param devices          its devices.
     */
    public record WavePlan(String name, int index, long confirmTimeoutMs, List<DevicePlan> devices)
    {
        /**
         * Copies the devices.
         *
         * @param name             the name.
         * @param index            the position.
         * @param confirmTimeoutMs the confirm timeout.
         * @param devices          the devices.
         */
        public WavePlan
        {
            devices = List.copyOf(devices);
        }
    }

    /**
     * One device of the plan.
     *
     * @param device       the device name.
     * @param inShadow     whether the shadow holds a copy that gets the edit first.
     * @param capabilities what the live device offers; null when it could not be asked.
     * @param sequence     the sequence of its live change; null when it could not be asked.
     * @param steps        the steps sent to the live device, in order, in words.
     * @param notes        what the device cannot do, or why it could not be asked.
     * @param editXml      its edit.
     */
    public record DevicePlan(
        String device,
        boolean inShadow,
        DeviceCapabilities capabilities,
        CommitSequence sequence,
        List<String> steps,
        List<String> notes,
        String editXml)
    {
        /**
         * Copies the lists.
         *
         * @param device       the device.
         * @param inShadow     whether the shadow holds it.
         * @param capabilities its capabilities or null.
         * @param sequence     its sequence or null.
         * @param steps        its steps.
         * @param notes        its notes.
         * @param editXml      its edit.
         */
        public DevicePlan
        {
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Every device's notes, each prefixed with the device: what the plan warns about before anything is sent.
     *
     * @return the notes, in wave and device order.
     */
    public List<String> warnings()
    {
        final List<String> warnings = new ArrayList<>();
        for (final WavePlan wave : waves)
        {
            for (final DevicePlan device : wave.devices())
            {
                device.notes().forEach(note -> warnings.add(device.device() + ": " + note));
            }
        }
        return warnings;
    }

    /**
     * The plan as text for an operator, a line per element.
     *
     * @return the lines.
     */
    public List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        final long deviceCount = waves.stream().mapToLong(wave -> wave.devices().size()).sum();
        lines.add("change " + changeId + ": " + description);
        lines.add(String.format(Locale.ROOT, "  %d wave(s), %d device(s); each wave is gated by the forecaster's " +
            "verdict on live and shadow KPIs (up to %d s)", waves.size(), deviceCount, maxVerdictWaitMs / 1000));
        lines.add(devicesAsked ? "  capabilities: as each live device announced them" :
            "  capabilities: not asked (offline plan); every device is assumed to offer " +
            capabilityNames(DeviceCapabilities.FULL));
        for (final WavePlan wave : waves)
        {
            lines.add(String.format(Locale.ROOT, "  wave %d/%d %s: %s", wave.index(), waves.size(), wave.name(),
                String.join(", ", wave.devices().stream().map(DevicePlan::device).toList())));
            for (final DevicePlan device : wave.devices())
            {
                deviceLines(lines, device);
            }
            lines.add(wave.index() < waves.size() ?
                "    gate: the verdict on this wave must allow it before wave " + (wave.index() + 1) + " starts" :
                "    gate: the verdict on this wave decides the change: confirm every wave, or roll every wave back");
        }
        lines.add("  rollback: a failed gate, a refused step or an abort rolls back every wave applied, last wave " +
            "first");
        final List<String> warnings = warnings();
        if (!warnings.isEmpty())
        {
            lines.add("  notes:");
            warnings.forEach(warning -> lines.add("    " + warning));
        }
        lines.add("  (dry run: nothing was sent)");
        return lines;
    }

    /**
     * Names the capabilities a device offers, as in NETCONF.
     *
     * @param capabilities the capabilities.
     * @return the names, such as {@code :candidate :confirmed-commit}, or {@code none}.
     */
    public static String capabilityNames(final DeviceCapabilities capabilities)
    {
        final List<String> names = new ArrayList<>();
        if (capabilities.candidate())
        {
            names.add(":candidate");
        }
        if (capabilities.confirmedCommit())
        {
            names.add(":confirmed-commit");
        }
        if (capabilities.validate())
        {
            names.add(":validate");
        }
        if (capabilities.rollbackOnError())
        {
            names.add(":rollback-on-error");
        }
        return names.isEmpty() ? "none" : String.join(" ", names);
    }

    private static void deviceLines(final List<String> lines, final DevicePlan device)
    {
        lines.add("    " + device.device() + (device.inShadow() ? " (live, after its shadow copy)" :
            " (live only: the shadow does not hold it, so its effect is judged from live KPIs)"));
        if (null == device.sequence())
        {
            lines.add("      unreachable: the change would fail before anything is sent");
        }
        else
        {
            lines.add("      capabilities: " + capabilityNames(device.capabilities()));
            lines.add("      sequence: " + device.sequence().description());
            for (int i = 0; i < device.steps().size(); i++)
            {
                lines.add("        " + (i + 1) + ". " + device.steps().get(i));
            }
        }
        lines.add("      edit:");
        device.editXml().strip().lines().forEach(line -> lines.add("        " + line));
    }
}
