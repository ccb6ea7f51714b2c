package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CampusProfileGeneratorTest
{
    private final CampusProfileGenerator generator = new CampusProfileGenerator();

    @Test
    void generatesAValidProfileOfExactlyTheAskedSize() throws Exception
    {
        for (final int devices : new int[] {CampusProfileGenerator.MIN_DEVICES, 14, 200, 257})
        {
            final NetworkProfile profile = ProfileLoader.parse(Path.of("generated.yaml"),
                generator.generateYaml(devices, 3));

            assertThat(profile.devices()).hasSize(devices);
            assertThat(profile.devices()).extracting(NetworkProfile.Device::role)
                .contains(DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS, DeviceRole.FIREWALL);
        }
    }

    @Test
    void theCoresAndTheInternetFirewallHaveHighCriticality() throws Exception
    {
        final NetworkProfile profile = ProfileLoader.parse(Path.of("generated.yaml"), generator.generateYaml(200, 1));

        assertThat(profile.devices().stream().filter(device -> Criticality.HIGH == device.criticality())
            .map(NetworkProfile.Device::name)).containsExactly("core1", "core2", "fw-inet");
    }

    @Test
    void theSameSeedGivesTheSameProfileAndAnotherSeedAnotherOne()
    {
        assertThat(generator.generateYaml(200, 5)).isEqualTo(generator.generateYaml(200, 5));
        assertThat(generator.generateYaml(200, 5)).isNotEqualTo(generator.generateYaml(200, 6));
    }

    @Test
    void refusesACampusTooSmallToHoldItsFixedDevices()
    {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> generator.generateYaml(7, 1))
            .withMessage("a generated campus needs at least 8 devices, got 7");
    }
}
