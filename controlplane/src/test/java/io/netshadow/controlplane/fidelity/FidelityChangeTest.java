package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Policer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FidelityChangeTest
{
    @Test
    void aShadowScalesAPolicerByItsShareOfThePortsTraffic()
    {
        final FidelityChange change = new FidelityChange("p", "policer",
            Map.of("core1", DeviceConfig.empty().withIngressPolicer(new Policer("eth2", 10_000_000, 30_000))));

        final DeviceConfig scaled = change.scaledForShadow(Map.of("core1:eth2", 1_000L), Map.of("core1:eth2", 250L))
            .get("core1");

        assertThat(scaled.ingressPolicers().get("eth2")).isEqualTo(new Policer("eth2", 2_500_000, 7_500));
    }

    @Test
    void aScaledBurstNeverFallsBelowOneFullSizePacket()
    {
        final FidelityChange change = new FidelityChange("p", "policer",
            Map.of("core1", DeviceConfig.empty().withIngressPolicer(new Policer("eth2", 1_000_000, 15_000))));

        final DeviceConfig scaled = change.scaledForShadow(Map.of("core1:eth2", 1_000L), Map.of("core1:eth2", 10L))
            .get("core1");

        assertThat(scaled.ingressPolicers().get("eth2")).isEqualTo(new Policer("eth2", 10_000, 1_500));
    }

    @Test
    void aChangeFitsAShadowOnlyWhenTheShadowHoldsEveryDeviceItTouches()
    {
        final FidelityChange change = new FidelityChange("r", "route",
            Map.of("core1", DeviceConfig.empty(), "core2", DeviceConfig.empty()));

        assertThat(change.fitsIn(Set.of("core1", "core2", "acc1"))).isTrue();
        assertThat(change.fitsIn(Set.of("core1", "acc1"))).isFalse();
    }
}
