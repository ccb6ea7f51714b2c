package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FidelityChangesTest
{
    private static final long WINDOW_NS = 1_000_000_000L;

    private static NetworkProfile example;
    private static List<FidelityChange> changes;

    @BeforeAll
    static void buildTheExamplesChanges() throws Exception
    {
        example = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        changes = FidelityChanges.of(example, Map.of("core1:eth6", 1_000_000L), WINDOW_NS);
    }

    @Test
    void theSetHoldsSevenChangesInTheOrderTheyAreReported()
    {
        assertThat(changes).extracting(FidelityChange::id).containsExactly("acl-drop-voice",
            "policer-below-traffic", "policer-above-traffic", "mtu-cut", "route-change", "firewall-detour",
            "harmless-acl");
    }

    @Test
    void theDetourSendsTheCoresTrafficForEveryAccessSubnetThroughTheFirewallAndDownTheOtherCoresLinks()
    {
        final FidelityChange detour = changes.get(5);

        assertThat(detour.configs()).containsOnlyKeys("core1", "fw-inet", "core2");
        final DeviceConfig core = detour.configs().get("core1");
        final DeviceConfig firewall = detour.configs().get("fw-inet");
        final DeviceConfig other = detour.configs().get("core2");
        final List<String> accessSubnets = List.of(
            "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24", "10.1.4.0/24", "10.1.5.0/24", "10.1.6.0/24",
            "10.2.1.0/24", "10.2.2.0/24", "10.2.3.0/24", "10.2.4.0/24", "10.2.5.0/24", "10.2.6.0/24",
            "10.3.1.0/24", "10.3.2.0/24", "10.3.3.0/24", "10.3.4.0/24", "10.3.5.0/24", "10.3.6.0/24");
        assertThat(core.staticRoutes()).hasSize(accessSubnets.size());
        for (final String subnet : accessSubnets)
        {
            final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
            assertThat(core.staticRoutes().get(prefix)).isEqualTo(StaticRoute.via(subnet, "eth6"));
            assertThat(firewall.staticRoutes().get(prefix)).isEqualTo(StaticRoute.via(subnet, "eth1"));
        }
        assertThat(other.staticRoutes().get(Ipv4Prefix.parse("10.1.1.0/24")))
            .isEqualTo(StaticRoute.via("10.1.1.0/24", "eth2"));
        assertThat(other.staticRoutes().get(Ipv4Prefix.parse("10.1.3.0/24")))
            .isEqualTo(StaticRoute.via("10.1.3.0/24", "eth3"));
        assertThat(other.staticRoutes().get(Ipv4Prefix.parse("10.2.3.0/24")))
            .isEqualTo(StaticRoute.via("10.2.3.0/24", "eth5"));
        assertThat(detour.description()).contains("18 access subnets", "fw-inet", "core2");
    }

    @Test
    void theDetourKeepsTheCoresAsTheDevicesThePathGroupingsFollow()
    {
        assertThat(FidelityChanges.touchedDevices(example)).containsExactlyInAnyOrder("core1", "core2");
    }
}
