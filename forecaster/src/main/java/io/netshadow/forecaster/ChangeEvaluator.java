package io.netshadow.forecaster;

import java.util.List;

/**
 * Starts sequential evaluations of changes from the KPI samples that follow them.
 */
public interface ChangeEvaluator
{
    /**
     * Starts judging a change; from then on the samples of the thresholds' series feed the evaluation. Safe to call
     * from any thread, before or after the change took effect: the baseline is frozen from the samples before
     * {@code changeStartNs} and the samples from then on are judged, including recent ones already seen.
     *
     * @param changeId      the change.
     * @param changeStartNs when the change took effect, ns since the epoch, on the samples' clock.
     * @param thresholds    what harm means, one per series; series that the policy's sides exclude are not judged.
     * @param policy        how the change is judged.
     * @return the evaluation, whose verdict is pending until decided.
     */
    ChangeEvaluation begin(String changeId, long changeStartNs, List<KpiThreshold> thresholds, EvaluationPolicy policy);
}
