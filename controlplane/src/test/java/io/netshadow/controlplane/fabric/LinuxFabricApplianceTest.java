package io.netshadow.controlplane.fabric;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.appliance.Appliance;
import io.netshadow.controlplane.config.HistoryConfig;
import io.netshadow.controlplane.config.IngestConfig;
import io.netshadow.controlplane.config.JournalConfig;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.config.ShadowConfig;
import io.netshadow.controlplane.config.ShadowFabricKind;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.FrameWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appliance configured with {@code shadow.fabric: linux}: its shadow is a Linux fabric that carries the
 * replayed packets from an access switch (acc1) to the firewall's hosts (198.51.100.0/24), and closing the
 * appliance removes every namespace the fabric made.
 */
class LinuxFabricApplianceTest
{
    private static final int PACKETS = 200;
    private static final int ACC1_INGRESS_VNI = 1011;
    private static final long WAIT_NS = 60_000_000_000L;

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot()
    {
        RootNamespaces.require();
    }

    @Test
    void theConfiguredLinuxFabricCarriesTheReplayAndIsRemovedOnClose() throws Exception
    {
        final NetworkProfile profile = EmbeddedDefaults.profile(null);
        final NetshadowConfig defaults = NetshadowConfig.DEFAULT;
        final ShadowConfig shadow = new ShadowConfig(
            defaults.shadow().budget(), defaults.shadow().seed(), defaults.shadow().mirrorShare(),
            ShadowFabricKind.LINUX);
        final NetshadowConfig config = new NetshadowConfig(
            Path.of("profile.yaml"), new IngestConfig("127.0.0.1", 0, 0, defaults.ingest().transport()),
            defaults.dataplane(), shadow, new JournalConfig(dir.resolve("journal"), defaults.journal().rollCycle()),
            new HistoryConfig(dir.resolve("history")), defaults.forecaster(), defaults.jmx(), defaults.api(),
            defaults.changes(), defaults.netconf(), defaults.redirect(), defaults.capture());
        final LinuxNames names;

        try (Appliance appliance = Appliance.start(config, profile, null))
        {
            assertThat(appliance.shadowFabric()).isInstanceOf(LinuxFabric.class);
            final LinuxFabric fabric = (LinuxFabric)appliance.shadowFabric();
            names = fabric.names();
            assertThat(NetworkNamespace.listWithPrefix(names.edgeNamespace())).hasSize(1);
            send(appliance.ingestAddress());
            final long deadlineNs = System.nanoTime() + WAIT_NS;
            while (fabric.deliveredCount() < PACKETS && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(10_000_000L);
            }
            assertThat(fabric.sentCount()).isEqualTo(PACKETS);
            assertThat(fabric.deliveredCount()).isEqualTo(PACKETS);
        }

        assertThat(NetworkNamespace.listWithPrefix(names.edgeNamespace())).isEmpty();
        assertThat(NetworkNamespace.listWithPrefix(names.deviceNamespace(0))).isEmpty();
    }

    private static void send(final InetSocketAddress target) throws Exception
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A01_010A;
        packet.dstIp = 0xC633_640A;
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 5004;
        packet.lengthBytes = 200;
        packet.ttl = 64;
        try (DatagramChannel channel = DatagramChannel.open())
        {
            for (int i = 0; i < PACKETS; i++)
            {
                packet.ipId = i;
                packet.seq = i;
                final int length = FrameWriter.writeVxlan(packet, ACC1_INGRESS_VNI, buffer, 0);
                datagram.clear().limit(length);
                channel.send(datagram, target);
            }
        }
    }
}
