package io.netshadow.controlplane.config;

import io.netshadow.forecaster.KpiThreshold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiChangeTest
{
    @Test
    void offSetsNoThresholdOnEitherSide()
    {
        final ForecasterConfig config = new ForecasterConfig(
            new ForecasterConfig.Thresholds(KpiChange.parse("+0.02"), KpiChange.parse("+50%"), KpiChange.parse("off")),
            ForecasterConfig.DEFAULT.evaluation());

        assertThat(config.kpiThresholds()).extracting(KpiThreshold::series).containsExactlyInAnyOrder(
            "shadow.loss_ratio", "live.loss_ratio", "shadow.latency_p99_ns", "live.latency_p99_ns");
        assertThat(KpiChange.parse("OFF").isOff()).isTrue();
        assertThat(KpiChange.OFF).hasToString("off");
    }

    @Test
    void relativeAndAbsoluteChangesKeepTheirSign()
    {
        assertThat(KpiChange.parse("-30%")).isEqualTo(new KpiChange(-0.3, true));
        assertThat(KpiChange.parse("+0.02")).isEqualTo(new KpiChange(0.02, false));
        assertThatThrownBy(() -> KpiChange.parse("lots")).hasMessageContaining("or off");
    }
}
