package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.netshadow.forecaster.ChangeScenario.INTERVAL_NS;
import static io.netshadow.forecaster.ChangeScenario.START_NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChangeEvaluationTest
{
    private static final double UNSET = Double.NaN;
    private static final int SEEDS = 200;

    @Test
    void lossStepIsJudgedNegativeWithinFiveSamples()
    {
        final SyntheticKpis kpis = new SyntheticKpis(1);
        final ChangeScenario.Result result = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(afterChange ? 0.3 : 0.001))
            .run();

        final Verdict verdict = result.verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(result.postChangeSamples()).isLessThanOrEqualTo(5);
        assertThat(verdict.series()).isEqualTo("shadow.loss_ratio");
        assertThat(verdict.baselineValue()).isCloseTo(0.001, within(0.002));
        assertThat(verdict.thresholdValue()).isCloseTo(verdict.baselineValue() + 0.02, within(1e-12));
        assertThat(verdict.predictedValue()).isCloseTo(0.3, within(0.06));
        assertThat(verdict.predictedLower()).isLessThanOrEqualTo(verdict.predictedValue());
        assertThat(verdict.predictedUpper()).isGreaterThanOrEqualTo(verdict.predictedValue());
        assertThat(verdict.timeToVerdictNs()).isEqualTo(verdict.decidedAtNs() - (START_NS + 60 * INTERVAL_NS));
        assertThat(verdict.timeToVerdictNs()).isEqualTo((result.postChangeSamples() - 1) * INTERVAL_NS);
        assertThat(verdict.reason()).startsWith("shadow.loss_ratio past its limit: predicted 0.3")
            .contains("against threshold 0.021");
    }

    @Test
    void latencyP99DoublingIsJudgedNegativeOnEverySeedWithinEightSamplesOnTheMedian()
    {
        final int[] samples = new int[20];
        for (int seed = 0; seed < samples.length; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final ChangeScenario.Result result = new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", UNSET, 0.5),
                    (step, afterChange) -> kpis.latencyP99Ns(step, afterChange ? 2.0 : 1.0))
                .run();

            assertThat(result.verdict().outcome()).as("seed %d", seed).isEqualTo(Outcome.NEGATIVE);
            samples[seed] = result.postChangeSamples();
        }
        Arrays.sort(samples);
        assertThat(samples[samples.length / 2]).as(Arrays.toString(samples)).isLessThanOrEqualTo(8);
    }

    @Test
    void throughputHalvingIsJudgedNegativeWhenLowerIsWorse()
    {
        final SyntheticKpis kpis = new SyntheticKpis(3);
        final ChangeScenario.Result result = new ChangeScenario()
            .series(KpiThreshold.lowerIsWorse("shadow.throughput_bps", UNSET, 0.2),
                (step, afterChange) -> kpis.throughputBps(step, afterChange ? 0.5 : 1.0))
            .run();

        final Verdict verdict = result.verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(result.postChangeSamples()).isLessThanOrEqualTo(5);
        assertThat(verdict.predictedValue()).isCloseTo(0.5 * SyntheticKpis.THROUGHPUT_BPS, within(0.1e9));
        assertThat(verdict.thresholdValue()).isCloseTo(0.8 * verdict.baselineValue(), within(1.0));
        assertThat(verdict.reason()).startsWith("shadow.throughput_bps past its limit: predicted 4")
            .contains("against threshold 6");
    }

    @Test
    void noChangeOnNoisyLatencyIsJudgedPositiveOnEverySeed()
    {
        int negatives = 0;
        int positives = 0;
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final Verdict verdict = new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", UNSET, 0.5),
                    (step, afterChange) -> kpis.latencyP99Ns(step, 1.0))
                .series(KpiThreshold.higherIsWorse("live.latency_p99_ns", UNSET, 0.5),
                    (step, afterChange) -> kpis.latencyP99Ns(step, 1.0))
                .run()
                .verdict();
            negatives += Outcome.NEGATIVE == verdict.outcome() ? 1 : 0;
            positives += Outcome.POSITIVE == verdict.outcome() ? 1 : 0;
        }

        assertThat(negatives).isZero();
        assertThat(positives).isEqualTo(SEEDS);
    }

    @Test
    void aLatencySettlingAfterAStartIsNotExpectedToKeepFallingSoANoChangeIsNeverJudgedNegative()
    {
        int negatives = 0;
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final Verdict verdict = new ChangeScenario()
                .preChangeSamples(30)
                .series(KpiThreshold.higherIsWorse("live.latency_p99_ns", UNSET, 0.5),
                    (step, afterChange) -> kpis.latencyP99Ns(step, 1.0 + 1.2 * Math.exp(-step / 8.0)))
                .run()
                .verdict();
            negatives += Outcome.NEGATIVE == verdict.outcome() ? 1 : 0;
        }

        assertThat(negatives).isZero();
    }

    @Test
    void noChangeOnEveryKpiOfBothSidesIsNeverJudgedNegative()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final ChangeScenario scenario = new ChangeScenario();
            for (final String side : List.of(EvaluationPolicy.SHADOW_SIDE, EvaluationPolicy.LIVE_SIDE))
            {
                scenario
                    .series(KpiThreshold.higherIsWorse(side + ".loss_ratio", 0.02, UNSET),
                        (step, afterChange) -> kpis.lossRatio(SyntheticKpis.LOSS_FLOOR))
                    .series(KpiThreshold.higherIsWorse(side + ".latency_p99_ns", UNSET, 0.5),
                        (step, afterChange) -> kpis.latencyP99Ns(step, 1.0))
                    .series(KpiThreshold.lowerIsWorse(side + ".throughput_bps", UNSET, 0.2),
                        (step, afterChange) -> kpis.throughputBps(step, 1.0));
            }

            assertThat(scenario.run().verdict().outcome()).as("seed %d", seed).isNotEqualTo(Outcome.NEGATIVE);
        }
    }

    @Test
    void aLatencyBurstNoWorseThanTheSpikesBeforeTheChangeIsNotJudgedNegative()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final ChangeScenario.Result result = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("live.latency_p99_ns", UNSET, 0.5),
                (step, afterChange) ->
                {
                    final boolean spike = afterChange ? step < 63 : step % 6 == 5;
                    return 1.5e6 * (0.9 + 0.2 * random.nextDouble()) * (spike ? 2.6 : 1.0);
                })
            .run();

        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isNotEqualTo(Outcome.NEGATIVE);
    }

    @Test
    void smallLatencyImprovementIsJudgedPositiveAfterMinSamples()
    {
        final SyntheticKpis kpis = new SyntheticKpis(5);
        final ChangeScenario.Result result = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", UNSET, 0.5),
                (step, afterChange) -> kpis.latencyP99Ns(step, afterChange ? 0.9 : 1.0))
            .run();

        assertThat(result.verdict().outcome()).isEqualTo(Outcome.POSITIVE);
        assertThat(result.postChangeSamples()).isEqualTo(EvaluationPolicy.DEFAULT.minSamples());
        assertThat(result.verdict().reason()).startsWith("no harm on 1 KPI(s); closest shadow.latency_p99_ns")
            .endsWith("after 4.5 s");
    }

    @Test
    void harmOnTheLiveSideAloneIsHarmByDefault()
    {
        final SyntheticKpis kpis = new SyntheticKpis(7);
        final Verdict verdict = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(SyntheticKpis.LOSS_FLOOR))
            .series(KpiThreshold.higherIsWorse("live.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(afterChange ? 0.4 : SyntheticKpis.LOSS_FLOOR))
            .run()
            .verdict();

        assertThat(verdict.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(verdict.series()).isEqualTo("live.loss_ratio");
    }

    @Test
    void liveSeriesDoNotDecideWhenOnlyTheShadowDecides()
    {
        final SyntheticKpis kpis = new SyntheticKpis(7);
        final Verdict verdict = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(SyntheticKpis.LOSS_FLOOR))
            .series(KpiThreshold.higherIsWorse("live.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(afterChange ? 0.4 : SyntheticKpis.LOSS_FLOOR))
            .policy(EvaluationPolicy.DEFAULT.withDecidingSides(EvaluationPolicy.SHADOW_SIDE))
            .run()
            .verdict();

        assertThat(verdict.outcome()).isEqualTo(Outcome.POSITIVE);
        assertThat(verdict.series()).isEqualTo("shadow.loss_ratio");
    }

    @Test
    void evaluationBegunAfterTheChangeStillJudgesAgainstThePreChangeBaseline()
    {
        final SyntheticKpis kpis = new SyntheticKpis(11);
        final ChangeScenario.Result result = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET),
                (step, afterChange) -> kpis.lossRatio(afterChange ? 0.3 : SyntheticKpis.LOSS_FLOOR))
            .beginDelaySamples(8)
            .run();

        final Verdict verdict = result.verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(verdict.baselineValue()).isCloseTo(SyntheticKpis.LOSS_FLOOR, within(0.002));
        assertThat(verdict.timeToVerdictNs()).isLessThanOrEqualTo(4 * INTERVAL_NS);
    }

    @Test
    void seriesWithoutEnoughPreChangeSamplesMakesTheVerdictInconclusive()
    {
        final SyntheticKpis kpis = new SyntheticKpis(13);
        final Verdict verdict = new ChangeScenario()
            .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", UNSET, 0.5),
                (step, afterChange) -> kpis.latencyP99Ns(step, 1.0))
            .preChangeSamples(3)
            .run()
            .verdict();

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.timeToVerdictNs()).isEqualTo((EvaluationPolicy.DEFAULT.maxSamples() - 1) * INTERVAL_NS);
        assertThat(verdict.reason()).startsWith("no verdict after 60 intervals: a KPI had too few values before the " +
            "change to be judged");
    }

    @Test
    void shiftWithinTheThresholdIsJudgedPositive()
    {
        final SyntheticKpis kpis = new SyntheticKpis(17);
        final Verdict verdict = new ChangeScenario()
            .series(KpiThreshold.lowerIsWorse("shadow.throughput_bps", UNSET, 0.2),
                (step, afterChange) -> kpis.throughputBps(step, afterChange ? 0.88 : 1.0))
            .run()
            .verdict();

        assertThat(verdict.outcome()).isEqualTo(Outcome.POSITIVE);
        assertThat(verdict.predictedValue()).isGreaterThan(verdict.thresholdValue());
        assertThat(verdict.predictedValue()).isLessThan(verdict.baselineValue());
    }

    @Test
    void predictionIntervalWidensByThePastCalibrationOfTheChangesRole()
    {
        final Verdict uncalibrated = lossStepVerdict(new Forecaster(), "CORE");
        final Forecaster calibrated = new Forecaster();
        calibrated.calibrate("shadow.loss_ratio", "CORE", new double[] {2.0, 2.0, 2.0, 2.0, 2.0});
        final Verdict widened = lossStepVerdict(calibrated, "CORE");
        final Verdict otherRole = lossStepVerdict(calibrated, "EDGE");

        final double width = uncalibrated.predictedUpper() - uncalibrated.predictedLower();
        assertThat(width).isPositive();
        assertThat(widened.predictedUpper() - widened.predictedLower()).isCloseTo(2.0 * width, within(1e-9 * width));
        assertThat(otherRole.predictedUpper() - otherRole.predictedLower()).isCloseTo(width, within(1e-9 * width));
    }

    private static Verdict lossStepVerdict(final Forecaster forecaster, final String role)
    {
        final SyntheticKpis kpis = new SyntheticKpis(23);
        final long changeStartNs = START_NS + 60 * INTERVAL_NS;
        final ChangeEvaluation evaluation = forecaster.begin("change-role", changeStartNs,
            List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET)), EvaluationPolicy.DEFAULT, role);
        for (int step = 0; step < 80 && !evaluation.verdict().isDecided(); step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS,
                kpis.lossRatio(step >= 60 ? 0.3 : SyntheticKpis.LOSS_FLOOR));
        }
        return evaluation.verdict();
    }

    @Test
    void samplesBeforeTheChangeDoNotCountTowardsTheVerdict()
    {
        final Forecaster forecaster = new Forecaster();
        final SyntheticKpis kpis = new SyntheticKpis(19);
        final long changeStartNs = START_NS + 100 * INTERVAL_NS;
        final ChangeEvaluation evaluation = forecaster.begin(
            "change-early", changeStartNs, List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET)),
            EvaluationPolicy.DEFAULT);

        for (int step = 0; step < 100; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.001));
        }
        assertThat(evaluation.verdict()).isEqualTo(Verdict.pending());

        for (int step = 100; step < 103; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.5));
        }
        assertThat(evaluation.verdict().outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(evaluation.verdict().decidedAtNs()).isEqualTo(START_NS + 102 * INTERVAL_NS);
    }

    @Test
    void evaluationBegunOnAnotherThreadIsAttachedOnTheNextSample() throws InterruptedException
    {
        final Forecaster forecaster = new Forecaster();
        final SyntheticKpis kpis = new SyntheticKpis(23);
        for (int step = 0; step < 60; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.001));
        }
        final ChangeEvaluation[] begun = new ChangeEvaluation[1];
        final Thread orchestrator = Thread.ofPlatform().start(() -> begun[0] = forecaster.begin(
            "change-remote", START_NS + 60 * INTERVAL_NS,
            List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET)), EvaluationPolicy.DEFAULT));
        orchestrator.join();

        for (int step = 60; step < 70 && !begun[0].verdict().isDecided(); step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.4));
        }
        assertThat(begun[0].verdict().outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(begun[0].changeId()).isEqualTo("change-remote");
    }

    @Test
    void verdictStaysFinalOnceDecided()
    {
        final Forecaster forecaster = new Forecaster();
        final SyntheticKpis kpis = new SyntheticKpis(29);
        final ChangeEvaluation evaluation = forecaster.begin(
            "change-final", START_NS + 60 * INTERVAL_NS,
            List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET)), EvaluationPolicy.DEFAULT);
        for (int step = 0; step < 60; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.001));
        }
        for (int step = 60; step < 70; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.4));
        }
        final Verdict negative = evaluation.verdict();

        for (int step = 70; step < 200; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.001));
        }
        assertThat(negative.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(evaluation.verdict()).isSameAs(negative);
    }

    @Test
    void cancelledEvaluationIsInconclusiveAndIgnoresLaterHarm()
    {
        final Forecaster forecaster = new Forecaster();
        final SyntheticKpis kpis = new SyntheticKpis(41);
        final ChangeEvaluation evaluation = forecaster.begin(
            "change-cancelled", START_NS + 60 * INTERVAL_NS,
            List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, UNSET)), EvaluationPolicy.DEFAULT);
        for (int step = 0; step < 62; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.001));
        }

        evaluation.cancel();
        for (int step = 62; step < 80; step++)
        {
            forecaster.onSample("shadow.loss_ratio", START_NS + step * INTERVAL_NS, kpis.lossRatio(0.5));
        }

        assertThat(evaluation.verdict().outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(evaluation.verdict().reason()).isEqualTo("cancelled before a verdict");
    }
}
