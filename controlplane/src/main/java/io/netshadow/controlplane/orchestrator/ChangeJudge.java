package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Verdict;

import java.util.function.Supplier;

/**
 * Starts judging a change from the KPIs that follow it: the forecaster behind a port, so the orchestrator can be
 * exercised with scripted verdicts.
 */
@FunctionalInterface
public interface ChangeJudge
{
    /**
     * Starts the evaluation of a change applied at the given time.
     *
     * @param changeId      the change.
     * @param changeStartNs when the change took effect, ns since the epoch.
     * @return the verdict so far, pending until decided; safe to read from any thread.
     */
    Supplier<Verdict> begin(String changeId, long changeStartNs);
}
