package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Verdict;

/**
 * Hears what the orchestrator does with a change, for progress display and timelines. Every method has a default
 * that ignores the event.
 */
public interface ChangeListener
{
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
     * @param elapsedNs time since the change took effect.
     * @param verdict   the evaluation so far (pending).
     */
    default void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
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
