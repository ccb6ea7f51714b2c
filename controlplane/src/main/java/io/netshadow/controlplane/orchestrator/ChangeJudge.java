package io.netshadow.controlplane.orchestrator;

import java.util.List;

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
     * @param devices       the devices the change (or its wave) was applied to, whose roles say which calibration of
     *                      past changes applies.
     * @return the evaluation under way.
     */
    PendingVerdict begin(String changeId, long changeStartNs, List<String> devices);

    /**
     * The latest value of a KPI series, recorded with a committed change so that later predictions can be calibrated
     * against what followed.
     *
     * @param series the series that decided the change.
     * @return the value, or NaN when this judge does not know it.
     */
    default double latestValue(final String series)
    {
        return Double.NaN;
    }
}
