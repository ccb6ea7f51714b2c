package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiThresholdTest
{
    private static final double UNSET = Double.NaN;

    @Test
    void harmNeedsAWorseningBeyondEveryDeltaThatIsSet()
    {
        final KpiThreshold both = KpiThreshold.higherIsWorse("shadow.latency_p99_ns", 200.0, 0.5);

        assertThat(both.isHarmful(1_000.0, 1_400.0)).isFalse();
        assertThat(both.isHarmful(1_000.0, 1_501.0)).isTrue();
        assertThat(both.isHarmful(100.0, 160.0)).isFalse();
        assertThat(both.isHarmful(100.0, 301.0)).isTrue();
        assertThat(both.limit(1_000.0)).isEqualTo(1_500.0);
        assertThat(both.limit(100.0)).isEqualTo(300.0);
    }

    @Test
    void lowerIsWorseJudgesFalls()
    {
        final KpiThreshold throughput = KpiThreshold.lowerIsWorse("shadow.throughput_bps", UNSET, 0.2);

        assertThat(throughput.isHarmful(1_000.0, 790.0)).isTrue();
        assertThat(throughput.isHarmful(1_000.0, 810.0)).isFalse();
        assertThat(throughput.isHarmful(1_000.0, 2_000.0)).isFalse();
        assertThat(throughput.limit(1_000.0)).isEqualTo(800.0);
    }

    @Test
    void aThresholdNeedsAtLeastOneNonNegativeDelta()
    {
        assertThatThrownBy(() -> KpiThreshold.higherIsWorse("shadow.loss_ratio", UNSET, UNSET))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpiThreshold.higherIsWorse("shadow.loss_ratio", -0.1, UNSET))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpiThreshold.higherIsWorse(" ", 0.1, UNSET))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onBothSidesNamesTheShadowAndTheLiveSeries()
    {
        assertThat(KpiThreshold.onBothSides("loss_ratio", KpiDirection.HIGHER_IS_WORSE, 0.02, UNSET))
            .extracting(KpiThreshold::series)
            .containsExactly("shadow.loss_ratio", "live.loss_ratio");
    }

    @Test
    void defaultsCoverTheFiveKpisOnBothSides()
    {
        assertThat(KpiThreshold.defaults()).hasSize(10)
            .extracting(KpiThreshold::series)
            .contains("shadow.throughput_bps", "live.packets_per_second", "live.latency_p50_ns");
    }
}
