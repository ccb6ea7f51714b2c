package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Works out a {@link ChangePlan}: the sequence each device gets from its capabilities, and the confirm timeout of
 * each wave, long enough for every gate still to come plus a margin for the confirming commits.
 */
public final class ChangePlanner
{
    private static final String PERSIST_ID_PREFIX = "netshadow-";

    private ChangePlanner()
    {
    }

    /**
     * Plans a change without asking any device, as {@code netshadow change plan} does on files: every device is
     * assumed to offer everything, and the plan says so.
     *
     * @param change         the change.
     * @param inShadow       whether the shadow holds a device.
     * @param maxVerdictWait longest wait for each wave's verdict.
     * @param confirmMargin  time added to each confirm timeout for the confirming commits.
     * @return the plan.
     */
    public static ChangePlan offline(
        final ChangeSpec change,
        final Predicate<String> inShadow,
        final Duration maxVerdictWait,
        final Duration confirmMargin)
    {
        final Map<String, DeviceCapabilities> assumed = new HashMap<>();
        change.devices().forEach(device -> assumed.put(device, DeviceCapabilities.FULL));
        return plan(change, inShadow, assumed, Map.of(), maxVerdictWait.toNanos(), confirmMargin.toNanos(), false);
    }

    static ChangePlan plan(
        final ChangeSpec change,
        final Predicate<String> inShadow,
        final Map<String, DeviceCapabilities> capabilities,
        final Map<String, String> unreachable,
        final long maxWaitNs,
        final long confirmMarginNs,
        final boolean devicesAsked)
    {
        final List<ChangePlan.WavePlan> waves = new ArrayList<>();
        final int waveCount = change.waves().size();
        for (int i = 0; i < waveCount; i++)
        {
            final ChangeSpec.Wave wave = change.waves().get(i);
            final Duration confirmTimeout = confirmTimeout(i, waveCount, maxWaitNs, confirmMarginNs);
            final List<ChangePlan.DevicePlan> devices = new ArrayList<>();
            for (final String device : wave.devices())
            {
                devices.add(devicePlan(change, device, inShadow.test(device), capabilities.get(device),
                    unreachable.get(device), confirmTimeout));
            }
            waves.add(new ChangePlan.WavePlan(wave.name(), i + 1, confirmTimeout.toMillis(), devices));
        }
        return new ChangePlan(change.id(), change.description(), devicesAsked, maxWaitNs / 1_000_000L, waves);
    }

    /**
     * The confirm timeout of a wave's live confirmed commits: one verdict wait for its own gate and for every gate
     * after it, plus the margin.
     *
     * @param waveIndex       the wave, from 0.
     * @param waveCount       how many waves the change has.
     * @param maxWaitNs       longest wait per verdict.
     * @param confirmMarginNs the margin.
     * @return the timeout.
     */
    static Duration confirmTimeout(
        final int waveIndex, final int waveCount, final long maxWaitNs, final long confirmMarginNs)
    {
        return Duration.ofNanos((waveCount - waveIndex) * maxWaitNs + confirmMarginNs);
    }

    /**
     * The persist-id of a change's confirmed commits, which lets any later session confirm or cancel them.
     *
     * @param changeId the change.
     * @return the persist-id.
     */
    static String persistId(final String changeId)
    {
        return PERSIST_ID_PREFIX + changeId;
    }

    private static ChangePlan.DevicePlan devicePlan(
        final ChangeSpec change,
        final String device,
        final boolean inShadow,
        final DeviceCapabilities capabilities,
        final String unreachable,
        final Duration confirmTimeout)
    {
        final String editXml = change.edit(device).xml();
        if (null == capabilities)
        {
            return new ChangePlan.DevicePlan(device, inShadow, null, null, List.of(),
                List.of("unreachable: " + unreachable), editXml);
        }
        final CommitSequence sequence = CommitSequence.of(capabilities, true);
        return new ChangePlan.DevicePlan(device, inShadow, capabilities, sequence,
            steps(sequence, capabilities, confirmTimeout, persistId(change.id())), sequence.limitations(capabilities),
            editXml);
    }

    private static List<String> steps(
        final CommitSequence sequence,
        final DeviceCapabilities capabilities,
        final Duration confirmTimeout,
        final String persistId)
    {
        final String target = sequence.usesCandidate() ? "candidate" : "running";
        final List<String> steps = new ArrayList<>();
        for (final TransactionStep step : sequence.applySteps(capabilities))
        {
            steps.add(switch (step)
            {
                case LOCK -> "lock " + target;
                case EDIT -> "edit-config " + target + (capabilities.rollbackOnError() ? " with rollback-on-error" : "");
                case COMMIT_CONFIRMED -> String.format(Locale.ROOT, "commit confirmed, timeout %d s, persist-id %s",
                    confirmTimeout.toSeconds(), persistId);
                default -> step.description();
            });
        }
        if (CommitSequence.CONFIRMED_COMMIT == sequence)
        {
            steps.add("once the last gate passes: commit with persist-id (confirm), unlock");
            steps.add("on rollback: cancel-commit with persist-id, or after the window restore the saved " +
                "configuration; unlock");
        }
        else
        {
            steps.add("once the last gate passes: unlock");
            steps.add("on rollback: " + (sequence.usesCandidate() ? "discard-changes if not yet committed, else " :
                "") + "restore the saved configuration; unlock");
        }
        return steps;
    }
}
