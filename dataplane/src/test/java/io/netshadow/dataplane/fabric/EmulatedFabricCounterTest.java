package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import org.junit.jupiter.api.Test;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.C;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.triangle;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatedFabricCounterTest
{
    private static final DeviceConfig EDGE = DeviceConfig.empty()
        .withAcl(Acl.of("edge",
            AclEntry.matchingAll("no-lab", AclAction.DROP).withSourceNetwork(Ipv4Prefix.parse("10.1.1.0/24")),
            AclEntry.matchingAll("dns", AclAction.ACCEPT).withProtocol(AclEntry.UDP),
            AclEntry.matchingAll("rest", AclAction.REJECT)))
        .withAclAttachment(AclAttachment.ingress("eth1", "edge"));

    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();
    private final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);

    @Test
    void eachAclEntryCountsThePacketsItDecided()
    {
        fabric.applyConfig(B, EDGE);

        send(packet("10.1.1.5", "10.2.0.9", 100), 3);
        send(packet("10.1.2.5", "10.2.0.9", 100), 2);
        send(tcp(packet("10.1.2.5", "10.2.0.9", 100)), 1);

        assertThat(fabric.aclHitCount(B, "edge", "no-lab")).isEqualTo(3);
        assertThat(fabric.aclHitCount(B, "edge", "dns")).isEqualTo(2);
        assertThat(fabric.aclHitCount(B, "edge", "rest")).isEqualTo(1);
        assertThat(fabric.aclHitCount(A, "edge", "no-lab")).isZero();
        assertThat(fabric.dropCount(B, DropReason.ACL_DENY)).isEqualTo(4);
    }

    @Test
    void aclEntryCountsSurviveAChangeThatKeepsTheEntry()
    {
        fabric.applyConfig(B, EDGE);
        send(packet("10.1.1.5", "10.2.0.9", 100), 2);

        fabric.applyConfig(B, EDGE.withInterface(InterfaceConfig.defaults("eth2").withMtuBytes(9000)));
        send(packet("10.1.1.5", "10.2.0.9", 100), 1);

        assertThat(fabric.aclHitCount(B, "edge", "no-lab")).isEqualTo(3);
    }

    @Test
    void dropsAreCountedPerDeviceAndReason()
    {
        fabric.applyConfig(B, EDGE);
        fabric.applyConfig(C, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("hosts").withEnabled(false)));

        send(packet("10.1.1.5", "10.2.0.9", 100), 2);
        send(packet("10.1.0.5", "10.3.0.9", 100), 3);
        send(packet("10.1.0.5", "192.0.2.1", 100), 1);

        assertThat(fabric.dropCount(B, DropReason.ACL_DENY)).isEqualTo(2);
        assertThat(fabric.dropCount(C, DropReason.INTERFACE_DOWN)).isEqualTo(3);
        assertThat(fabric.dropCount(A, DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(fabric.dropCount(A, DropReason.ACL_DENY) + fabric.dropCount(C, DropReason.ACL_DENY)).isZero();
        for (final DropReason reason : DropReason.values())
        {
            assertThat(fabric.dropCount(A, reason) + fabric.dropCount(B, reason) + fabric.dropCount(C, reason))
                .as(reason.name()).isEqualTo(fabric.dropCount(reason));
        }
    }

    private void send(final FabricPacket packet, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long startNs = Math.max(0, fabric.nowNs() + 1);
            fabric.inject(packet, A, HOSTS, startNs);
            fabric.advanceTo(startNs + 100 * MS);
        }
    }

    private static FabricPacket tcp(final FabricPacket packet)
    {
        packet.protocol = AclEntry.TCP;
        return packet;
    }
}
