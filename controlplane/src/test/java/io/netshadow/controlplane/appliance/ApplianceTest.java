package io.netshadow.controlplane.appliance;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.config.AfPacketCapture;
import io.netshadow.controlplane.config.CaptureConfig;
import io.netshadow.controlplane.config.HistoryConfig;
import io.netshadow.controlplane.config.IngestConfig;
import io.netshadow.controlplane.config.JournalConfig;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.JournalRecord;
import io.netshadow.dataplane.pipeline.PacketJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The assembled appliance: mirrored datagrams are counted over JMX while it runs, and every one it accepted is in
 * the packet journal once it has closed.
 */
class ApplianceTest
{
    private static final int PACKETS = 200;
    private static final int ACC1_INGRESS_VNI = 1011;
    private static final long WAIT_NS = 60_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void countersAreReadableOverJmxAndEveryAcceptedPacketIsJournalled() throws Exception
    {
        final NetworkProfile profile = EmbeddedDefaults.profile(null);
        final NetshadowConfig config = new NetshadowConfig(
            Path.of("profile.yaml"), new IngestConfig("127.0.0.1", 0, 0, NetshadowConfig.DEFAULT.ingest().transport()),
            NetshadowConfig.DEFAULT.dataplane(), NetshadowConfig.DEFAULT.shadow(),
            new JournalConfig(dir.resolve("journal"), NetshadowConfig.DEFAULT.journal().rollCycle()),
            new HistoryConfig(dir.resolve("history")), NetshadowConfig.DEFAULT.forecaster(),
            NetshadowConfig.DEFAULT.jmx(), NetshadowConfig.DEFAULT.api(), NetshadowConfig.DEFAULT.changes(),
            NetshadowConfig.DEFAULT.netconf(), NetshadowConfig.DEFAULT.redirect(), NetshadowConfig.DEFAULT.capture());
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName dataPlane = new ObjectName("io.netshadow:type=DataPlane");

        try (Appliance appliance = Appliance.start(config, profile, null))
        {
            send(appliance.ingestAddress(), PACKETS);
            awaitTrue(() -> datagrams(server, dataPlane) >= PACKETS);
            assertThat(server.isRegistered(new ObjectName("io.netshadow:type=Kpis"))).isTrue();
            assertThat(server.getAttribute(new ObjectName("io.netshadow:type=Alerts"), "anomaly_alerts"))
                .isInstanceOf(Long.class);
        }

        assertThat(server.isRegistered(dataPlane)).isFalse();
        assertThat(journalled(dir.resolve("journal"))).isEqualTo(PACKETS);
    }

    @Test
    void mapsTheVxlanAndGenevePortsIntoTheDataPlaneConfig()
    {
        final NetshadowConfig defaults = NetshadowConfig.DEFAULT;
        final NetshadowConfig config = new NetshadowConfig(
            Path.of("profile.yaml"), new IngestConfig("0.0.0.0", 14789, 16081, defaults.ingest().transport()),
            defaults.dataplane(), defaults.shadow(), defaults.journal(), defaults.history(), defaults.forecaster(),
            defaults.jmx(), defaults.api(), defaults.changes(), defaults.netconf(), defaults.redirect(), defaults.capture());

        final DataPlaneConfig dataPlaneConfig = Appliance.dataPlaneConfig(config, List.of());

        assertThat(dataPlaneConfig.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(dataPlaneConfig.bindPort()).isEqualTo(14789);
        assertThat(dataPlaneConfig.geneveBindPort()).isEqualTo(16081);
    }

    @Test
    void feedsEachAfPacketCaptureIntoTheMirrorSessionItStandsFor()
    {
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(100, "leaf1", "Ethernet1", Direction.INGRESS, SourceKind.VXLAN),
            new MirrorSession(101, "leaf1", "Ethernet1", Direction.EGRESS, SourceKind.VXLAN));
        final CaptureConfig capture = new CaptureConfig(List.of(
            new AfPacketCapture("eth1", "leaf1", "Ethernet1", Direction.EGRESS, 1 << 20, 8, 2048, 10_000_000L, -1)));

        final List<AfPacketConfig> captures = Appliance.afPacketCaptures(capture, sessions);

        assertThat(captures).containsExactly(
            new AfPacketConfig("eth1", 1, Direction.EGRESS, 1 << 20, 8, 2048, 10, AfPacketConfig.NO_FANOUT));
    }

    @Test
    void namesTheCaptureWhoseMirrorSessionTheProfileLacks()
    {
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(100, "leaf1", "Ethernet1", Direction.INGRESS, SourceKind.VXLAN));
        final CaptureConfig capture = new CaptureConfig(List.of(
            new AfPacketCapture("eth1", "leaf2", "Ethernet1", Direction.INGRESS, 1 << 20, 8, 2048, 10_000_000L, -1)));

        assertThatThrownBy(() -> Appliance.afPacketCaptures(capture, sessions))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("capture.af-packet[0] on eth1 stands for leaf2:Ethernet1 ingress, but the profile has no " +
                "such mirror session; its mirror sessions are [leaf1:Ethernet1 ingress]");
    }

    private static long datagrams(final MBeanServer server, final ObjectName name)
    {
        try
        {
            return ((Number)server.getAttribute(name, VxlanIngest.DATAGRAMS)).longValue();
        }
        catch (final Exception ex)
        {
            throw new AssertionError("cannot read " + VxlanIngest.DATAGRAMS + " over JMX", ex);
        }
    }

    private static void send(final InetSocketAddress target, final int packets) throws Exception
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A01_010A;
        packet.dstIp = 0x0A01_030A;
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 5004;
        packet.lengthBytes = 200;
        packet.ttl = 64;
        try (DatagramChannel channel = DatagramChannel.open())
        {
            for (int i = 0; i < packets; i++)
            {
                packet.ipId = i;
                packet.seq = i;
                final int length = FrameWriter.writeVxlan(packet, ACC1_INGRESS_VNI, buffer, 0);
                datagram.clear().limit(length);
                channel.send(datagram, target);
            }
        }
    }

    private static long journalled(final Path directory)
    {
        long count = 0;
        try (PacketJournal journal = PacketJournal.open(directory, NetshadowConfig.DEFAULT.journal().rollCycle());
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            while (reader.next(record))
            {
                count++;
            }
        }
        return count;
    }

    private static void awaitTrue(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadlineNs);
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
