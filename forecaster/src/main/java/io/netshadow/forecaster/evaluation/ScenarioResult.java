package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;

/**
 * What one decision method made of one scenario: its final decision, when it came, the harm that landed on live
 * before it, and the CPU time the method spent.
 *
 * @param method             the method's name.
 * @param scenario           the scenario judged.
 * @param decision           the final decision, keep or roll back; a method still pending at the end keeps.
 * @param decidedInterval    the interval after which the decision came, or the last interval when none came.
 * @param intervalsToVerdict post-change intervals seen when the decision came: 1 when it came after the first.
 * @param harm               live KPI excess beyond the pre-change baseline, in threshold deltas, summed over the
 *                           harmed KPIs and the intervals from the harm's onset to the rollback or the end.
 * @param intervalsFed       intervals the method was fed.
 * @param cpuNs              CPU time the method spent on the scenario, start included.
 */
public record ScenarioResult(
    String method,
    Scenario scenario,
    Decision decision,
    int decidedInterval,
    int intervalsToVerdict,
    double harm,
    int intervalsFed,
    long cpuNs)
{
    /**
     * Whether the method rolled the change back.
     *
     * @return true for a rollback.
     */
    public boolean rolledBack()
    {
        return Decision.Kind.ROLL_BACK == decision.kind();
    }

    /**
     * Time from the change to the verdict: the post-change intervals seen times the interval length.
     *
     * @return the time in seconds.
     */
    public double timeToVerdictS()
    {
        return intervalsToVerdict * (scenario.intervalNs() / 1e9);
    }
}
