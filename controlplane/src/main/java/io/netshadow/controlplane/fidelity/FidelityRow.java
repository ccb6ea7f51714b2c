package io.netshadow.controlplane.fidelity;

/**
 * One change at one budget: the change in each KPI that the whole network showed and that the shadow predicted,
 * each in the form of the KPI's threshold (an amount, or a share of the baseline), and the verdicts they give.
 *
 * @param changeId          the change.
 * @param observedLoss      the whole network's change in loss ratio.
 * @param predictedLoss     the shadow's change in loss ratio, its strata weighted as in the whole network.
 * @param plainLoss         the shadow's change in loss ratio over its own packets, unweighted.
 * @param observedP99       the whole network's change in p99 latency.
 * @param predictedP99      the shadow's change in p99 latency, weighted.
 * @param plainP99          the shadow's change in p99 latency, unweighted.
 * @param lossError         relative error of the predicted loss change.
 * @param p99Error          relative error of the predicted p99 change.
 * @param harmfulOnWhole    whether the whole network's changes cross a threshold.
 * @param harmfulOnShadow   whether the shadow's predicted changes cross a threshold.
 * @param note              why there is no prediction, or empty.
 */
public record FidelityRow(
    String changeId,
    double observedLoss,
    double predictedLoss,
    double plainLoss,
    double observedP99,
    double predictedP99,
    double plainP99,
    double lossError,
    double p99Error,
    boolean harmfulOnWhole,
    boolean harmfulOnShadow,
    String note)
{
    /**
     * Whether the shadow's verdict is the whole network's.
     *
     * @return true when both call the change harmful or both call it harmless.
     */
    public boolean verdictsAgree()
    {
        return note.isEmpty() && harmfulOnWhole == harmfulOnShadow;
    }
}
