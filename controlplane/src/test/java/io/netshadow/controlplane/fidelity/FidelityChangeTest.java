package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FidelityChangeTest
{
    @Test
    void aChangeFitsAShadowOnlyWhenTheShadowHoldsEveryDeviceItTouches()
    {
        final FidelityChange change = new FidelityChange("r", "route",
            Map.of("core1", DeviceConfig.empty(), "core2", DeviceConfig.empty()));

        assertThat(change.fitsIn(Set.of("core1", "core2", "acc1"))).isTrue();
        assertThat(change.fitsIn(Set.of("core1", "acc1"))).isFalse();
    }
}
