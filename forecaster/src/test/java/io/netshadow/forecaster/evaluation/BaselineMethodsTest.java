package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.suite.SuiteKpi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineMethodsTest
{
    @Test
    void staticThresholdRollsBackAClearLossStepAfterThreeIntervalsPastTheLine()
    {
        final ScenarioResult result = SuiteEvaluation.judge(new StaticThresholdMethod(),
            TestScenarios.step("step", 11, 0.02, 0.05, List.of(SuiteKpi.LOSS_RATIO)));

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.ROLL_BACK);
        assertThat(result.decision().series()).isEqualTo("live.loss_ratio");
        assertThat(result.decision().limit()).isCloseTo(0.001 + TestScenarios.LOSS_DELTA, within(1e-4));
        assertThat(result.intervalsToVerdict()).isEqualTo(3);
    }

    @Test
    void staticThresholdKeepsAFlatNoisyChangeAfterItsWindow()
    {
        final ScenarioResult result =
            SuiteEvaluation.judge(new StaticThresholdMethod(), TestScenarios.flat("flat", 12, 0.05));

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.KEEP);
        assertThat(result.intervalsToVerdict()).isEqualTo(30);
    }

    @Test
    void kayentaRollsBackAtTheFirstAnalysisWhenTwoOfSixMetricsFail()
    {
        final ScenarioResult result = SuiteEvaluation.judge(new KayentaMethod(), TestScenarios.step("step", 13, 0.02,
            0.05, List.of(SuiteKpi.LOSS_RATIO, SuiteKpi.RETRANSMISSION_RATIO)));

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.ROLL_BACK);
        assertThat(result.decision().series()).isIn("live.loss_ratio", "live.retransmission_ratio");
        assertThat(result.intervalsToVerdict()).isEqualTo(10);
    }

    @Test
    void kayentaRollsBackAOneMetricStepOnlyAtTheEndOfTheCanary()
    {
        final ScenarioResult result = SuiteEvaluation.judge(new KayentaMethod(),
            TestScenarios.step("step", 14, 0.02, 0.05, List.of(SuiteKpi.LOSS_RATIO)));

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.ROLL_BACK);
        assertThat(result.decision().series()).isEqualTo("live.loss_ratio");
        assertThat(result.intervalsToVerdict()).isEqualTo(60);
    }

    @Test
    void kayentaKeepsAFlatNoisyChangeAtTheEndOfTheCanary()
    {
        final ScenarioResult result = SuiteEvaluation.judge(new KayentaMethod(), TestScenarios.flat("flat", 15, 0.05));

        assertThat(result.decision().kind()).isEqualTo(Decision.Kind.KEEP);
        assertThat(result.intervalsToVerdict()).isEqualTo(60);
    }

    @Test
    void tukeyFencesDropOnlyTheSampleBeyondOneAndAHalfIqr()
    {
        // Quartiles of 1..8, 100 at positions 2.5 and 7.5: 2.5 and 7.5, IQR 5, fences -5 and 15.
        final double[] kept = CanaryComparison.withoutOutliers(new double[] {1, 2, 3, 4, 100, 5, 6, 7, 8}, 1.5);

        assertThat(kept).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(CanaryComparison.withoutOutliers(new double[] {1, 2, 3, 4, 15, 5, 6, 7, 8}, 1.5)).hasSize(9);
    }

    @Test
    void mannWhitneyOfFullySeparatedFiveAgainstFiveGivesTheNormalApproximationsP()
    {
        // U = 0, mean 12.5, sd sqrt(25 * 11 / 12) = 4.787, z = -2.611, two-sided p = 0.00902.
        final CanaryComparison.Result result = new CanaryComparison(1.5, 0.98, 0.25)
            .compare(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}, KpiDirection.HIGHER_IS_WORSE);

        assertThat(result.pValue()).isCloseTo(0.009023, within(1e-6));
        assertThat(result.baselineMedian()).isEqualTo(3.0);
        assertThat(result.location()).isEqualTo(8.0);
        assertThat(result.effectRatio()).isCloseTo(8.0 / 3.0, within(1e-12));
        assertThat(result.failed()).isTrue();
    }

    @Test
    void hodgesLehmannShiftIsTheMedianOfPairwiseDifferences()
    {
        assertThat(CanaryComparison.hodgesLehmannShift(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isEqualTo(3.0);
    }

    @Test
    void aSignificantRiseWithinTheToleranceOrInTheBetterDirectionPasses()
    {
        final CanaryComparison comparison = new CanaryComparison(1.5, 0.98, 0.25);
        final double[] baseline = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};
        final double[] canary = {115, 116, 117, 118, 119, 120, 121, 122, 123, 124};

        final CanaryComparison.Result withinTolerance = comparison.compare(baseline, canary, KpiDirection.HIGHER_IS_WORSE);
        final CanaryComparison.Result better = comparison.compare(baseline, canary, KpiDirection.LOWER_IS_WORSE);

        assertThat(withinTolerance.pValue()).isLessThan(0.02);
        assertThat(withinTolerance.effectRatio()).isLessThan(1.25);
        assertThat(withinTolerance.failed()).isFalse();
        assertThat(better.failed()).isFalse();
    }

    @Test
    void aRiseFromAZeroBaselineIsAnUnboundedRatio()
    {
        final CanaryComparison.Result result = new CanaryComparison(1.5, 0.98, 0.25).compare(
            new double[] {0, 0, 0, 0, 0, 0, 0, 0}, new double[] {1, 2, 1, 2, 1, 2, 1, 2}, KpiDirection.HIGHER_IS_WORSE);

        assertThat(result.effectRatio()).isInfinite();
        assertThat(result.failed()).isTrue();
    }
}
