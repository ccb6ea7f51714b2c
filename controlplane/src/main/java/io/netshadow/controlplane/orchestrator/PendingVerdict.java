package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Verdict;

/**
 * A verdict being reached on a change: read it as often as needed, or give up on it.
 */
public interface PendingVerdict
{
    /**
     * The verdict so far: pending until decided. Safe to call from any thread.
     *
     * @return the verdict.
     */
    Verdict verdict();

    /**
     * Stops the evaluation: the change was decided otherwise (e.g. no verdict in time).
     */
    void cancel();
}
