package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.SuiteKpi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SuiteEvaluationTest
{
    private static final List<Scenario> SCENARIOS = List.of(
        TestScenarios.step("step-1", 1, 0.0, 0.04, List.of(SuiteKpi.LOSS_RATIO)),
        TestScenarios.step("step-2", 2, 0.0, 0.06, List.of(SuiteKpi.LOSS_RATIO)),
        TestScenarios.flat("flat-1", 3, 0.02),
        TestScenarios.flat("flat-2", 4, 0.02));
    private static final int POST_CHANGE = TestScenarios.INTERVALS - TestScenarios.CHANGE_INDEX;

    @Test
    void rollingBackAtTheChangeRecallsEveryHarmfulChangeAndRollsBackEveryHarmlessOne()
    {
        final MethodSummary summary = SuiteEvaluation.evaluate(
            method("always-roll-back", Decision.rollBack("live.loss_ratio")), SCENARIOS, (judged, total) -> { })
            .summary();

        assertThat(summary.recall()).isEqualTo(1.0);
        assertThat(summary.falseRollbacks()).isEqualTo(2);
        assertThat(summary.falseRollbackShare()).isEqualTo(1.0);
        assertThat(summary.medianTimeToVerdictS()).isEqualTo(10.0);
        assertThat(summary.p90TimeToVerdictHarmfulS()).isEqualTo(10.0);
        assertThat(summary.totalHarm()).isCloseTo(2.0 + 3.0, within(1e-9));
    }

    @Test
    void keepingRecallsNothingAndLetsTheHarmLandToTheEnd()
    {
        final SuiteEvaluation.MethodEvaluation evaluation =
            SuiteEvaluation.evaluate(method("always-keep", Decision.keep()), SCENARIOS, (judged, total) -> { });
        final MethodSummary summary = evaluation.summary();

        assertThat(summary.recall()).isEqualTo(0.0);
        assertThat(summary.falseRollbacks()).isZero();
        assertThat(summary.falseRollbackShare()).isEqualTo(0.0);
        assertThat(summary.totalHarm()).isCloseTo((2.0 + 3.0) * POST_CHANGE, within(1e-6));
        assertThat(summary.medianHarm()).isCloseTo(2.0 * POST_CHANGE, within(1e-6));
        assertThat(evaluation.results()).allSatisfy(result -> assertThat(result.intervalsFed())
            .isEqualTo(TestScenarios.CHANGE_INDEX + 1));
    }

    @Test
    void aMethodPendingToTheEndKeepsAtTheLastIntervalWithTheWholeHarm()
    {
        final ScenarioResult result = SuiteEvaluation.judge(method("never", Decision.PENDING), SCENARIOS.getFirst());

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.KEEP);
        assertThat(result.decidedInterval()).isEqualTo(TestScenarios.INTERVALS - 1);
        assertThat(result.intervalsToVerdict()).isEqualTo(POST_CHANGE);
        assertThat(result.timeToVerdictS()).isEqualTo(POST_CHANGE * 10.0);
        assertThat(result.harm()).isCloseTo(2.0 * POST_CHANGE, within(1e-6));
        assertThat(result.intervalsFed()).isEqualTo(TestScenarios.INTERVALS);
    }

    @Test
    void decisionsBeforeTheChangeAreIgnoredAndHarmStopsAtTheRollback()
    {
        final DecisionMethod rollsBackFromTheStartButDecidesFiveIn = new DecisionMethod()
        {
            @Override
            public String name()
            {
                return "late";
            }

            @Override
            public ScenarioJudge start(final Scenario scenario)
            {
                return (interval, live, shadow) -> interval < scenario.changeIndex() || interval >= scenario.changeIndex() + 4 ?
                    Decision.rollBack("live.loss_ratio") : Decision.PENDING;
            }
        };

        final ScenarioResult result = SuiteEvaluation.judge(rollsBackFromTheStartButDecidesFiveIn, SCENARIOS.getFirst());

        assertThat(result.decidedInterval()).isEqualTo(TestScenarios.CHANGE_INDEX + 4);
        assertThat(result.intervalsToVerdict()).isEqualTo(5);
        assertThat(result.harm()).isCloseTo(2.0 * 5, within(1e-9));
    }

    @Test
    void harmIsZeroForAHarmlessChangeWhateverTheMethodDoes()
    {
        assertThat(SuiteEvaluation.harm(SCENARIOS.get(2), TestScenarios.INTERVALS - 1)).isZero();
    }

    @Test
    void quantilesAreNearestRank()
    {
        final double[] values = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};

        assertThat(MethodSummary.quantile(values, 0.5)).isEqualTo(5.0);
        assertThat(MethodSummary.quantile(values, 0.9)).isEqualTo(9.0);
        assertThat(MethodSummary.quantile(new double[] {7}, 0.9)).isEqualTo(7.0);
        assertThat(MethodSummary.quantile(new double[0], 0.5)).isNaN();
    }

    private static DecisionMethod method(final String name, final Decision afterTheChange)
    {
        return new DecisionMethod()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public ScenarioJudge start(final Scenario scenario)
            {
                return (interval, live, shadow) -> interval < scenario.changeIndex() ? Decision.PENDING : afterTheChange;
            }
        };
    }
}
