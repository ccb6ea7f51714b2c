package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.triangle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FabricPathsTest
{
    private static final long ONE_HOP_NS = 8_000 + MS;

    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();

    @Test
    void aPacketsDelayIsEachLinksLatencyAndItsSerializationAtTheLinksCapacity()
    {
        final FabricPaths.Trace trace =
            new FabricPaths(triangle(), Map.of()).trace(packet("10.1.0.5", "10.2.0.9", 1000), A);

        assertThat(trace.delivered()).isTrue();
        assertThat(trace.hops()).isEqualTo(1);
        assertThat(trace.delayNs()).isEqualTo(ONE_HOP_NS);
    }

    @Test
    void theVisitorHearsEachDeviceThePacketIsLetInByWithThePortAndTheDelayUpToIt()
    {
        final List<String> hops = new ArrayList<>();

        new FabricPaths(triangle(), Map.of()).trace(packet("10.1.0.5", "10.2.0.9", 1000), A,
            (device, port, offsetNs) -> hops.add(device + ":" + port + "@" + offsetNs));

        assertThat(hops).containsExactly(A + ":" + HOSTS + "@0", B + ":1@" + ONE_HOP_NS);
    }

    @Test
    void aStaticRouteTracesTheLongerPathTheIdleEmulatedFabricDeliversIn()
    {
        final Map<Integer, DeviceConfig> configs =
            Map.of(A, DeviceConfig.empty().withStaticRoute(StaticRoute.via("10.2.0.0/16", "eth2")));
        final FabricPacket packet = packet("10.1.0.5", "10.2.0.9", 1000);
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        configs.forEach(fabric::applyConfig);

        fabric.inject(packet, A, HOSTS, 0);
        fabric.advanceTo(10 * MS);
        final FabricPaths.Trace trace = new FabricPaths(triangle(), configs).trace(packet, A);

        assertThat(trace.hops()).isEqualTo(2);
        assertThat(trace.delayNs()).isEqualTo(2 * ONE_HOP_NS).isEqualTo(recorder.only().atNs());
    }

    @Test
    void aPathThatAnAclMtuOrMissingRouteBlocksDropsThePacketForThatReason()
    {
        final FabricPacket packet = packet("10.1.0.5", "10.2.0.9", 1000);
        final DeviceConfig acl = DeviceConfig.empty()
            .withAcl(Acl.of("no-dns", AclEntry.matchingAll("drop", AclAction.DROP).withProtocol(AclEntry.UDP)))
            .withAclAttachment(AclAttachment.ingress("eth1", "no-dns"));
        final DeviceConfig mtu =
            DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withMtuBytes(576));
        final DeviceConfig blackhole = DeviceConfig.empty().withStaticRoute(StaticRoute.blackhole("10.2.0.0/16"));

        assertThat(new FabricPaths(triangle(), Map.of(B, acl)).trace(packet, A).dropReason())
            .isEqualTo(DropReason.ACL_DENY);
        assertThat(new FabricPaths(triangle(), Map.of(A, mtu)).trace(packet, A).dropReason())
            .isEqualTo(DropReason.MTU_EXCEEDED);
        assertThat(new FabricPaths(triangle(), Map.of(A, blackhole)).trace(packet, A).dropReason())
            .isEqualTo(DropReason.NO_ROUTE);
    }

    @Test
    void shuttingALinkDownMovesThePathToTheRouteComputedAroundIt()
    {
        final DeviceConfig down =
            DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withEnabled(false));

        final FabricPaths.Trace trace =
            new FabricPaths(triangle(), Map.of(A, down)).trace(packet("10.1.0.5", "10.2.0.9", 1000), A);

        assertThat(trace.delivered()).isTrue();
        assertThat(trace.delayNs()).isEqualTo(2 * ONE_HOP_NS);
    }

    @Test
    void aConfigurationForADeviceTheFabricLacksIsRefused()
    {
        assertThatThrownBy(() -> new FabricPaths(triangle(), Map.of(7, DeviceConfig.empty())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no device 7");
    }
}
