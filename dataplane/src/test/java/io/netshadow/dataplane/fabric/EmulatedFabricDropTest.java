package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.Test;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.triangle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EmulatedFabricDropTest
{
    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();
    private final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);

    @Test
    void aclDenyDropsOnlyTheDeniedSubnet()
    {
        fabric.applyConfig(B, DeviceConfig.empty()
            .withAcl(Acl.of("no-lab", AclEntry.matchingAll("lab", AclAction.DROP)
                .withSourceNetwork(Ipv4Prefix.parse("10.1.1.0/24"))))
            .withAclAttachment(AclAttachment.ingress("eth1", "no-lab")));

        send("10.1.1.5", "10.2.0.9", 1000);
        send("10.1.2.5", "10.2.0.9", 1000);

        assertThat(recorder.fates).hasSize(2);
        assertThat(recorder.fates.get(0)).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.ACL_DENY, B);
        assertThat(recorder.fates.get(1).delivered()).isTrue();
        assertThat(fabric.dropCount(DropReason.ACL_DENY)).isEqualTo(1);
    }

    @Test
    void firstMatchingEntryWinsAcrossAttachedAcls()
    {
        fabric.applyConfig(A, DeviceConfig.empty()
            .withAcl(Acl.of("allow-dns", AclEntry.matchingAll("dns", AclAction.ACCEPT)
                .withProtocol(AclEntry.UDP).withDestinationPorts(PortMatch.equalTo(53))))
            .withAcl(Acl.of("deny-all", AclEntry.matchingAll("all", AclAction.REJECT)))
            .withAclAttachment(AclAttachment.egress("eth1", "allow-dns", "deny-all")));
        final FabricPacket web = packet("10.1.0.5", "10.2.0.9", 1000);
        web.protocol = AclEntry.TCP;
        web.dstPort = 80;

        send("10.1.0.5", "10.2.0.9", 1000);
        send(web);

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason).containsExactly(null, DropReason.ACL_DENY);
        assertThat(recorder.last().deviceIndex()).isEqualTo(A);
    }

    @Test
    void egressAclOnTheHostPortStopsDelivery()
    {
        fabric.applyConfig(B, DeviceConfig.empty()
            .withAcl(Acl.of("protect", AclEntry.matchingAll("dns", AclAction.DROP).withProtocol(AclEntry.UDP)))
            .withAclAttachment(AclAttachment.egress("hosts", "protect")));

        send("10.1.0.5", "10.2.0.9", 1000);

        assertThat(recorder.only()).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.ACL_DENY, B);
    }

    @Test
    void downIngressInterfaceDropsOnArrival()
    {
        fabric.applyConfig(A, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("hosts").withEnabled(false)));

        send("10.1.0.5", "10.2.0.9", 1000);

        assertThat(recorder.only()).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::atNs)
            .containsExactly(DropReason.INTERFACE_DOWN, 0L);
    }

    @Test
    void staticRouteOutOfADownInterfaceDropsAtEgress()
    {
        fabric.applyConfig(A, DeviceConfig.empty()
            .withInterface(InterfaceConfig.defaults("eth1").withEnabled(false))
            .withStaticRoute(StaticRoute.via("10.2.0.0/16", "eth1")));

        send("10.1.0.5", "10.2.0.9", 1000);

        assertThat(recorder.only()).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.INTERFACE_DOWN, A);
    }

    @Test
    void packetLongerThanTheEgressMtuIsDropped()
    {
        fabric.applyConfig(A, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withMtuBytes(1400)));

        send("10.1.0.5", "10.2.0.9", 1500);
        send("10.1.0.5", "10.2.0.9", 1400);

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason)
            .containsExactly(DropReason.MTU_EXCEEDED, null);
        assertThat(fabric.dropCount(DropReason.MTU_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void hostPortMtuAppliesAtDelivery()
    {
        fabric.applyConfig(B, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("hosts").withMtuBytes(576)));

        send("10.1.0.5", "10.2.0.9", 1000);

        assertThat(recorder.only()).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.MTU_EXCEEDED, B);
    }

    @Test
    void blackholeRouteDropsOnlyItsPrefixAsNoRoute()
    {
        fabric.applyConfig(A, DeviceConfig.empty().withStaticRoute(StaticRoute.blackhole("10.2.5.0/24")));

        send("10.1.0.5", "10.2.5.1", 1000);
        send("10.1.0.5", "10.2.6.1", 1000);

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason).containsExactly(DropReason.NO_ROUTE, null);
    }

    @Test
    void destinationNoDeviceOwnsHasNoRoute()
    {
        send("10.1.0.5", "192.0.2.1", 1000);

        assertThat(recorder.only()).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.NO_ROUTE, A);
    }

    @Test
    void staticRouteToAnInterfaceOutsideTheFabricDropsAsOutsideFabric()
    {
        fabric.applyConfig(A, DeviceConfig.empty().withStaticRoute(StaticRoute.via("10.9.0.0/16", "eth9")));

        send("10.1.0.5", "10.9.0.1", 1000);

        assertThat(recorder.only().reason()).isEqualTo(DropReason.OUTSIDE_FABRIC);
        assertThat(fabric.dropCount(DropReason.OUTSIDE_FABRIC)).isEqualTo(1);
    }

    @Test
    void ttlExpiresAtTheDeviceWhereItReachesZero()
    {
        send(ttl(packet("10.1.0.5", "10.2.0.9", 100), 1));
        send(ttl(packet("10.1.0.5", "10.2.0.9", 100), 2));
        send(ttl(packet("10.1.0.5", "10.2.0.9", 100), 3));

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(
                tuple(DropReason.TTL_EXPIRED, A),
                tuple(DropReason.TTL_EXPIRED, B),
                tuple(null, B));
        assertThat(recorder.last().ttl()).isEqualTo(1);
    }

    private void send(final String src, final String dst, final int lengthBytes)
    {
        send(packet(src, dst, lengthBytes));
    }

    private void send(final FabricPacket packet)
    {
        final long startNs = Math.max(0, fabric.nowNs() + 1);
        fabric.inject(packet, A, HOSTS, startNs);
        fabric.advanceTo(startNs + 100 * MS);
    }

    private static FabricPacket ttl(final FabricPacket packet, final int ttl)
    {
        packet.ttl = ttl;
        return packet;
    }
}
