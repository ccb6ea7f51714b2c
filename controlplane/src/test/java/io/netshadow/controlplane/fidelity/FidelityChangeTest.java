package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.FabricTopology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FidelityChangeTest
{
    @Test
    void aShadowRunsAPolicerAtItsLiveRateAndBurst()
    {
        assertThat(forShadow(new Policer("eth2", 10_000_000, 30_000), 1.0))
            .isEqualTo(new Policer("eth2", 10_000_000, 30_000));
    }

    @Test
    void thePortsRateFactorThatTheFabricMultipliesByIsDividedOut()
    {
        assertThat(forShadow(new Policer("eth2", 10_000_000, 30_000), 0.25))
            .isEqualTo(new Policer("eth2", 40_000_000, 120_000));
    }

    @Test
    void aChangeFitsAShadowOnlyWhenTheShadowHoldsEveryDeviceItTouches()
    {
        final FidelityChange change = new FidelityChange("r", "route",
            Map.of("core1", DeviceConfig.empty(), "core2", DeviceConfig.empty()));

        assertThat(change.fitsIn(Set.of("core1", "core2", "acc1"))).isTrue();
        assertThat(change.fitsIn(Set.of("core1", "acc1"))).isFalse();
    }

    /**
     * The policer on core1:eth2 as a shadow applies it, when the shadow's link on the port has the given rate factor.
     */
    private static Policer forShadow(final Policer live, final double rateFactor)
    {
        final FabricTopology shadow = FabricTopology.builder()
            .device("core1", List.of())
            .device("dist1", List.of())
            .link("dist1", "eth0", "core1", "eth2", 1_000_000_000L, 200_000L, 625_000L, rateFactor)
            .build();
        final FidelityChange change = new FidelityChange("p", "policer",
            Map.of("core1", DeviceConfig.empty().withIngressPolicer(live)));

        return change.forShadow(shadow).get("core1").ingressPolicers().get("eth2");
    }
}
