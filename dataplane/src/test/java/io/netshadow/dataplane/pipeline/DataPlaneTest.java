package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.meter.Kpi;
import io.netshadow.dataplane.meter.KpiSamples;
import io.netshadow.dataplane.meter.LiveMeter;
import io.netshadow.dataplane.meter.ShadowMeter;
import io.netshadow.dataplane.meter.Side;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataPlaneTest
{
    private static final int PACKETS = 100;
    private static final int INGRESS_VNI = 100;
    private static final int EGRESS_VNI = 200;
    private static final long SHADOW_LATENCY_NS = 50_000;
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(INGRESS_VNI, "edge1", "hosts", Direction.INGRESS),
        new MirrorSession(EGRESS_VNI, "edge1", "uplink", Direction.EGRESS));

    @TempDir
    Path journalDirectory;

    private final List<RecordingFabric> fabrics = new ArrayList<>();

    @Test
    void mirroredDatagramsReachTheJournalTheFabricAndTheKpiRing() throws Exception
    {
        final KpiSamples samples = new KpiSamples();
        final List<byte[]> sentFrames = new ArrayList<>();
        final DataPlane dataPlane = new DataPlane(config(ThreadingMode.SHARED), SESSIONS, this::fabric);
        final DataPlaneCounters counters = dataPlane.counters();
        try (dataPlane)
        {
            dataPlane.start();
            try (DatagramChannel channel = DatagramChannel.open())
            {
                channel.connect(new InetSocketAddress("127.0.0.1", dataPlane.boundPort()));
                for (int i = 0; i < PACKETS; i++)
                {
                    sentFrames.add(send(channel, INGRESS_VNI, TestPackets.udp(3000 + i % 10, i)));
                    sentFrames.add(send(channel, EGRESS_VNI, TestPackets.udp(3000 + i % 10, i)));
                    awaitReceivedEveryBatch(counters, 2L * (i + 1));
                }
                send(channel, 999, TestPackets.udp(1, 1));
            }

            awaitTrue(() -> counters.value(VxlanIngest.PUBLISHED) == 2 * PACKETS &&
                counters.value(VxlanIngest.UNKNOWN_VNI) == 1);
            awaitTrue(() -> counters.value(ReplayAgent.INJECTED) == PACKETS);
            awaitTrue(() -> counters.value(LiveMeter.DELIVERED) == PACKETS);
            awaitTrue(() -> counters.value(ShadowMeter.DELIVERED) == PACKETS);
            awaitTrue(() ->
            {
                dataPlane.kpiRing().drain(samples);
                return hasTraffic(samples, Side.LIVE) && hasTraffic(samples, Side.SHADOW);
            });
        }

        final RecordingFabric fabric = fabrics.getFirst();
        assertThat(fabric.injections()).extracting(injection -> injection.packet().seq)
            .containsExactlyElementsOf(range(PACKETS));
        assertThat(fabric.timeWentBackwards()).isFalse();
        assertThat(fabric.isClosed()).isTrue();
        assertThat(samples.all()).noneMatch(sample -> Double.isNaN(sample.value()));
        assertThat(counters.value(JournalAgent.WRITTEN)).isEqualTo(2 * PACKETS);
        assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isZero();
        assertThat(counters.value(DataPlane.AGENT_ERRORS)).isZero();
        assertThat(counters.snapshot()).extracting(CounterValue::label)
            .contains(
                VxlanIngest.RING_FULL, ReorderAgent.LATE_DROPPED, ReplayAgent.SAMPLED_OUT, DataPlane.KPI_RING_FULL);

        try (PacketJournal journal = PacketJournal.open(journalDirectory, JournalRollCycle.HOURLY);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            final List<byte[]> journalled = new ArrayList<>();
            long previousNs = Long.MIN_VALUE;
            while (reader.next(record))
            {
                final byte[] frame = new byte[record.frameLength];
                record.frame.getBytes(0, frame);
                journalled.add(frame);
                assertThat(record.timestampNs).isGreaterThanOrEqualTo(previousNs);
                assertThat(record.vni).isIn(INGRESS_VNI, EGRESS_VNI);
                previousNs = record.timestampNs;
            }
            assertThat(journalled).hasSize(2 * PACKETS);
            assertThat(journalled).usingElementComparator(Arrays::compare)
                .containsExactlyInAnyOrderElementsOf(sentFrames);
        }
    }

    @Test
    void replaysIntoTheEmulatedFabric() throws Exception
    {
        final FabricTopology topology = FabricTopology.builder()
            .device("edge1", List.of("10.0.0.0/24"))
            .device("core", List.of("10.0.2.0/24"))
            .link("edge1", "uplink", "core", "down", 1_000_000_000L, 10_000, 1_000_000)
            .build();
        final List<EmulatedFabric> emulated = new ArrayList<>();
        final Function<FateListener, ShadowFabric> factory = listener ->
        {
            final EmulatedFabric fabric = new EmulatedFabric(topology, 1.0, listener, null);
            emulated.add(fabric);
            return fabric;
        };
        try (DataPlane dataPlane = new DataPlane(config(ThreadingMode.SHARED), SESSIONS, factory))
        {
            dataPlane.start();
            try (DatagramChannel channel = DatagramChannel.open())
            {
                channel.connect(new InetSocketAddress("127.0.0.1", dataPlane.boundPort()));
                for (int i = 0; i < 20; i++)
                {
                    send(channel, INGRESS_VNI, TestPackets.udp(3000 + i, i));
                    awaitReceivedEveryBatch(dataPlane.counters(), i + 1);
                }
            }
            awaitTrue(() -> dataPlane.counters().value(ShadowMeter.DELIVERED) == 20);
            assertThat(emulated.getFirst().lateInjectedCount()).isZero();
        }
    }

    @Test
    void redirectedTrafficCrossesTheShadowAndComesBackToTheLiveEndpointByteExact() throws Exception
    {
        final int redirectVni = 300;
        final int returnVni = 4000;
        final List<MirrorSession> sessions = List.of(new MirrorSession(redirectVni, "edge1", "hosts", Direction.REDIRECT));
        try (DatagramChannel liveEndpoint = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            final DataPlaneConfig config = config(ThreadingMode.SHARED).toBuilder()
                .redirectGate(RedirectGateConfig.defaults().withShares(1.0, 1.0))
                .redirectReturn(new RedirectReturnConfig(
                    (InetSocketAddress)liveEndpoint.getLocalAddress(), returnVni, 64))
                .build();
            final List<byte[]> sentFrames = new ArrayList<>();
            try (DataPlane dataPlane = new DataPlane(config, sessions, listener ->
                new EmulatedFabric(RecordingFabric.edgeTopology(), 1.0, listener, null)))
            {
                dataPlane.start();
                try (DatagramChannel channel = DatagramChannel.open())
                {
                    channel.connect(new InetSocketAddress("127.0.0.1", dataPlane.boundPort()));
                    for (int i = 0; i < 20; i++)
                    {
                        sentFrames.add(send(channel, redirectVni, TestPackets.udp(3000 + i % 4, i)));
                        awaitReceivedEveryBatch(dataPlane.counters(), i + 1);
                    }
                }
                final DataPlaneCounters counters = dataPlane.counters();
                awaitTrue(() -> counters.value(VxlanReturn.SENT) == 20);
                assertThat(counters.value(RedirectGate.REDIRECTED)).isEqualTo(20);
                assertThat(counters.value(RedirectPath.RETURNED)).isEqualTo(20);
                assertThat(counters.value(ReplayAgent.INJECTED)).isZero();
            }
            final List<byte[]> returned = new ArrayList<>();
            final ByteBuffer datagram = ByteBuffer.allocate(2048);
            for (int i = 0; i < 20; i++)
            {
                datagram.clear();
                liveEndpoint.receive(datagram);
                datagram.flip();
                assertThat(new VxlanHeader().wrap(new UnsafeBuffer(datagram), 0).vni()).isEqualTo(returnVni);
                final byte[] frame = new byte[datagram.remaining() - VxlanHeader.LENGTH];
                datagram.get(VxlanHeader.LENGTH, frame);
                returned.add(frame);
            }
            assertThat(returned).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sentFrames);
        }
    }

    @Test
    void aRedirectSessionWithoutAReturnEndpointIsRefused()
    {
        final List<MirrorSession> sessions = List.of(new MirrorSession(300, "edge1", "hosts", Direction.REDIRECT));

        assertThatThrownBy(() -> new DataPlane(config(ThreadingMode.SHARED), sessions, this::fabric))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the redirect sessions (VNI 300 at edge1:hosts) need an endpoint to hand traffic back to " +
                "the live network; none is configured");
    }

    @Test
    void dedicatedThreadingRunsTheSamePath() throws Exception
    {
        try (DataPlane dataPlane = new DataPlane(config(ThreadingMode.DEDICATED), SESSIONS, this::fabric))
        {
            dataPlane.start();
            try (DatagramChannel channel = DatagramChannel.open())
            {
                channel.connect(new InetSocketAddress("127.0.0.1", dataPlane.boundPort()));
                for (int i = 0; i < 10; i++)
                {
                    send(channel, INGRESS_VNI, TestPackets.udp(3000, i));
                }
            }
            awaitTrue(() -> dataPlane.counters().value(ReplayAgent.INJECTED) == 10);
        }
    }

    @Test
    void closeDeliversEverythingAlreadyAcceptedToEveryStage() throws Exception
    {
        final DataPlane dataPlane = new DataPlane(
            config(ThreadingMode.SHARED).toBuilder().latenessNs(200_000_000L).replayDelayNs(300_000_000L).build(),
            SESSIONS,
            this::fabric);
        dataPlane.start();
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.connect(new InetSocketAddress("127.0.0.1", dataPlane.boundPort()));
            for (int i = 0; i < 20; i++)
            {
                send(channel, INGRESS_VNI, TestPackets.udp(3000, i));
                awaitReceivedEveryBatch(dataPlane.counters(), i + 1);
            }
        }
        awaitTrue(() -> dataPlane.counters().value(VxlanIngest.PUBLISHED) == 20);
        dataPlane.close();

        assertThat(dataPlane.counters().value(JournalAgent.WRITTEN)).isEqualTo(20);
        assertThat(dataPlane.counters().value(ReplayAgent.INJECTED)).isEqualTo(20);
    }

    @Test
    void aPortInUseFailsStartNamingAddressAndPort() throws Exception
    {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final DataPlaneConfig config =
                config(ThreadingMode.SHARED).toBuilder().bindPort(taken.getLocalPort()).build();
            final DataPlane dataPlane = new DataPlane(config, SESSIONS, this::fabric);

            assertThatThrownBy(dataPlane::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(fabrics.getFirst().isClosed()).isTrue();
            dataPlane.close();
        }
    }

    @Test
    void rejectsTwoSessionsWithOneVni()
    {
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(5, "edge1", "hosts", Direction.INGRESS),
            new MirrorSession(5, "edge1", "uplink", Direction.EGRESS));

        assertThatThrownBy(() -> new DataPlane(config(ThreadingMode.SHARED), sessions, this::fabric))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("VNI 5");
    }

    @Test
    void aMissingCaptureInterfaceFailsStartNamingItAndClosesEverything()
    {
        final DataPlaneConfig config = config(ThreadingMode.SHARED).toBuilder()
            .afPacketCaptures(List.of(AfPacketConfig.of("nsnone0", 0, Direction.INGRESS)))
            .build();
        final DataPlane dataPlane = new DataPlane(config, SESSIONS, this::fabric);

        assertThatThrownBy(dataPlane::start)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nsnone0");
        assertThat(fabrics.getFirst().isClosed()).isTrue();
        dataPlane.close();
    }

    @Test
    void rejectsACaptureOfAMissingSessionOrOfTheOtherDirection()
    {
        final DataPlaneConfig missing = config(ThreadingMode.SHARED).toBuilder()
            .afPacketCaptures(List.of(AfPacketConfig.of("eth1", 2, Direction.INGRESS)))
            .build();
        final DataPlaneConfig otherDirection = config(ThreadingMode.SHARED).toBuilder()
            .afPacketCaptures(List.of(AfPacketConfig.of("eth1", 1, Direction.INGRESS)))
            .build();

        assertThatThrownBy(() -> new DataPlane(missing, SESSIONS, this::fabric))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("session index 2, but there are 2 sessions");
        assertThatThrownBy(() -> new DataPlane(otherDirection, SESSIONS, this::fabric))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("EGRESS session of edge1:uplink");
        assertThat(fabrics).isEmpty();
    }

    private DataPlaneConfig config(final ThreadingMode threadingMode)
    {
        return DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .ringASize(1024)
            .ringBSize(1024)
            .reorderCapacity(512)
            .latenessNs(1_000_000L)
            .replayDelayNs(5_000_000L)
            .meterIntervalNs(10_000_000L)
            .matchTimeoutNs(1_000_000_000L)
            .matchTableCapacity(1024)
            .flowHashKey(TestPackets.KEY0, TestPackets.KEY1)
            .journalDirectory(journalDirectory)
            .threadingMode(threadingMode)
            .build();
    }

    private synchronized RecordingFabric fabric(final FateListener listener)
    {
        final RecordingFabric fabric = new RecordingFabric(
            RecordingFabric.edgeTopology(), listener, SHADOW_LATENCY_NS, SystemEpochNanoClock.INSTANCE);
        fabrics.add(fabric);
        return fabric;
    }

    private static byte[] send(final DatagramChannel channel, final int vni, final FabricPacket packet) throws Exception
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final int length = FrameWriter.writeVxlan(packet, vni, new UnsafeBuffer(datagram), 0);
        final byte[] frame = new byte[length - VxlanHeader.LENGTH];
        datagram.get(VxlanHeader.LENGTH, frame);
        datagram.limit(length);
        channel.write(datagram);
        return frame;
    }

    /**
     * Lets the ingest catch up every few datagrams, so a starved ingest thread on a busy machine cannot make the
     * kernel drop datagrams from a full socket buffer.
     */
    private static void awaitReceivedEveryBatch(final DataPlaneCounters counters, final long sent)
        throws InterruptedException
    {
        if (0 == sent % 20)
        {
            awaitTrue(() -> counters.value(VxlanIngest.DATAGRAMS) >= sent);
        }
    }

    private static boolean hasTraffic(final KpiSamples samples, final Side side)
    {
        return samples.of(side, Kpi.PACKETS_PER_SECOND).stream().anyMatch(sample -> sample.value() > 0) &&
            !samples.of(side, Kpi.LATENCY_P99_NS).isEmpty();
    }

    private static List<Integer> range(final int count)
    {
        final List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            values.add(i);
        }
        return values;
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadlineNs);
            Thread.sleep(5);
        }
    }
}
