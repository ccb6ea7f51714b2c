package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Verdict;

import java.util.List;

/**
 * Hears what the orchestrator does with a change, for progress display and timelines. Every method has a default
 * that ignores the event. The devices of one wave are handled at once, so the per-device methods may be called from
 * several threads at the same time.
 */
public interface ChangeListener
{
    /**
     * A wave of devices is about to be applied.
     *
     * @param changeId  the change.
     * @param wave      the wave's name.
     * @param waveIndex its position, from 1.
     * @param waveCount how many waves the change has.
     * @param devices   its devices.
     */
    default void onWaveStarted(
        final String changeId, final String wave, final int waveIndex, final int waveCount, final List<String> devices)
    {
    }

    /**
     * An edit was applied to a device.
     *
     * @param changeId the change.
     * @param device   the device.
     * @param shadow   true for the shadow copy, false for live.
     */
    default void onApplied(final String changeId, final String device, final boolean shadow)
    {
    }

    /**
     * Still waiting for a verdict.
     *
     * @param changeId  the change.
     * @param elapsedNs time since the wave took effect.
     * @param verdict   the evaluation so far (pending).
     */
    default void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
    {
    }

    /**
     * A wave's gate decided.
     *
     * @param changeId the change.
     * @param wave     the wave's name.
     * @param verdict  the forecaster's verdict on it.
     */
    default void onGate(final String changeId, final String wave, final Verdict verdict)
    {
    }

    /**
     * A device was taken back to its configuration from before the change.
     *
     * @param changeId the change.
     * @param device   the device.
     * @param shadow   true for the shadow copy, false for live.
     * @param detail   how, in words.
     */
    default void onRestored(final String changeId, final String device, final boolean shadow, final String detail)
    {
    }

    /**
     * The change ended.
     *
     * @param result what happened.
     */
    default void onFinished(final ChangeResult result)
    {
    }
}
