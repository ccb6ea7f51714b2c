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
}
