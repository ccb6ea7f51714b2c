package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForecasterTest
{
    @Test
    void createsAModelPerSeriesOnItsFirstSample()
    {
        final Forecaster forecaster = new Forecaster();
        forecaster.onSample("shadow.loss_ratio", 1, 0.01);
        forecaster.onSample("live.loss_ratio", 1, 0.02);
        forecaster.onSample("shadow.loss_ratio", 2, 0.03);

        assertThat(forecaster.snapshot()).containsOnlyKeys("live.loss_ratio", "shadow.loss_ratio");
        assertThat(forecaster.snapshot().keySet()).containsExactly("live.loss_ratio", "shadow.loss_ratio");
        assertThat(forecaster.status("shadow.loss_ratio").samples()).isEqualTo(2);
        assertThat(forecaster.status("shadow.loss_ratio").value()).isEqualTo(0.03);
        assertThat(forecaster.status("live.throughput_bps")).isNull();
    }

    @Test
    void dropsAndCountsValuesThatAreNotFinite()
    {
        final Forecaster forecaster = new Forecaster();
        forecaster.onSample("shadow.latency_p99_ns", 1, Double.NaN);
        forecaster.onSample("shadow.latency_p99_ns", 2, Double.POSITIVE_INFINITY);
        forecaster.onSample("shadow.latency_p99_ns", 3, 1_000.0);

        assertThat(forecaster.droppedSamples()).isEqualTo(2);
        assertThat(forecaster.status("shadow.latency_p99_ns").samples()).isEqualTo(1);
    }

    @Test
    void beginRejectsThresholdsOfWhichNoneDecides()
    {
        final Forecaster forecaster = new Forecaster();
        final List<KpiThreshold> liveOnly = List.of(KpiThreshold.higherIsWorse("live.loss_ratio", 0.02, Double.NaN));
        final EvaluationPolicy shadowOnly = EvaluationPolicy.DEFAULT.withDecidingSides(EvaluationPolicy.SHADOW_SIDE);

        assertThatThrownBy(() -> forecaster.begin("change-1", 0, liveOnly, shadowOnly))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no threshold on a series of the deciding sides");
    }

    @Test
    void beginRejectsTwoThresholdsForOneSeries()
    {
        final Forecaster forecaster = new Forecaster();
        final List<KpiThreshold> twice = List.of(
            KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN),
            KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.05, Double.NaN));

        assertThatThrownBy(() -> forecaster.begin("change-1", 0, twice, EvaluationPolicy.DEFAULT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("two thresholds for shadow.loss_ratio");
    }

    @Test
    void evaluationWatchesOnlyTheSeriesOfDecidingSides()
    {
        final Forecaster forecaster = new Forecaster();
        final ChangeEvaluation evaluation = forecaster.begin(
            "change-1", 0, KpiThreshold.onBothSides("loss_ratio", KpiDirection.HIGHER_IS_WORSE, 0.02, Double.NaN),
            EvaluationPolicy.DEFAULT.withDecidingSides(EvaluationPolicy.SHADOW_SIDE));

        assertThat(evaluation.series()).containsExactly("shadow.loss_ratio");
        assertThat(evaluation.verdict().outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void knowsWhichKpisAChangeIsEvaluatedOnOnEitherSide()
    {
        final Forecaster forecaster = new Forecaster();
        final ChangeEvaluation evaluation = forecaster.begin("change-1", 0,
            List.of(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN)),
            EvaluationPolicy.DEFAULT.withDecidingSides(EvaluationPolicy.SHADOW_SIDE));
        forecaster.onSample("live.loss_ratio", 1, 0.01);

        assertThat(forecaster.isEvaluating("live.loss_ratio")).isTrue();
        assertThat(forecaster.isEvaluating("shadow.loss_ratio")).isTrue();
        assertThat(forecaster.isEvaluating("live.loss")).isFalse();
        assertThat(forecaster.isEvaluating("live.jitter_ns")).isFalse();
        assertThat(forecaster.anomalyGrade("live.loss_ratio")).isZero();
        assertThat(forecaster.anomalyGrade("live.jitter_ns")).isNaN();

        evaluation.cancel();

        assertThat(forecaster.isEvaluating("live.loss_ratio")).isFalse();
    }

    @Test
    void calibratesIntervalsPerSeriesAndRoleFromPastResiduals()
    {
        final Forecaster forecaster = new Forecaster();
        final double[] ratios = {0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0};

        final double scale = forecaster.calibrate("shadow.loss_ratio", "CORE", ratios);

        assertThat(scale).isEqualTo(2.0);
        assertThat(forecaster.intervalScale("shadow.loss_ratio", "CORE")).isEqualTo(2.0);
        assertThat(forecaster.intervalScale("shadow.loss_ratio", "EDGE")).isEqualTo(1.0);
        assertThat(forecaster.calibrate("shadow.loss_ratio", "EDGE", new double[] {0.5, Double.NaN, 3.0}))
            .isEqualTo(1.0);
    }
}
