package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.GeneveHeader;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GeneveIngestTest
{
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
        new MirrorSession(100, "edge2", "uplink", Direction.EGRESS, SourceKind.GENEVE));

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(2048), 1024, new BusySpinWaitStrategy());

    @ParameterizedTest
    @EnumSource(IngestTransport.class)
    void receivesVxlanAndGeneveOnTheirOwnPortsTaggedWithTheirSessions(final IngestTransport transport)
        throws Exception
    {
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .geneveBindPort(0)
            .transport(transport)
            .ingestThreads(2)
            .flowHashKey(TestPackets.KEY0, TestPackets.KEY1)
            .build();
        try (VxlanIngest ingest = new VxlanIngest(config, SESSIONS, ringA, SystemEpochNanoClock.INSTANCE, counters))
        {
            ingest.start();
            final int genevePort = ingest.boundPort(SourceKind.GENEVE);
            assertThat(genevePort).isPositive().isNotEqualTo(ingest.boundPort(SourceKind.VXLAN));

            send(genevePort, true, 0, 10);
            awaitPublished(10);
            send(ingest.boundPort(SourceKind.VXLAN), false, 10, 10);
            awaitPublished(20);

            for (int sequence = 0; sequence < 20; sequence++)
            {
                final PacketEvent event = ringA.get(sequence);
                final boolean geneve = event.packet.seq < 10;
                assertThat(event.sessionIndex).isEqualTo(geneve ? 1 : 0);
                assertThat(event.direction).isEqualTo(geneve ? Direction.EGRESS : Direction.INGRESS);
                assertThat(event.timestampKind).isEqualTo(TimestampKind.INGEST);
                assertThat(event.isIpv4()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = IngestTransport.class, names = "NIO")
    void countsGeneveControlAndUnknownVnisWithoutPublishing(final IngestTransport transport) throws Exception
    {
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .geneveBindPort(0)
            .transport(transport)
            .build();
        try (VxlanIngest ingest = new VxlanIngest(config, SESSIONS, ringA, SystemEpochNanoClock.INSTANCE, counters))
        {
            ingest.start();
            final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
            final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
            try (DatagramChannel channel = DatagramChannel.open())
            {
                channel.connect(new InetSocketAddress("127.0.0.1", ingest.boundPort(SourceKind.GENEVE)));
                int length = GeneveHeader.write(buffer, 0, 999);
                length += FrameWriter.write(TestPackets.udp(1, 1), buffer, length);
                channel.write(datagram.clear().limit(length));
                buffer.putByte(GeneveHeader.FLAGS_OFFSET, (byte)GeneveHeader.FLAG_CONTROL);
                channel.write(datagram.clear().limit(length));
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counters.value(VxlanIngest.DATAGRAMS) < 2 && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(5);
            }
            assertThat(counters.value(VxlanIngest.UNKNOWN_GENEVE_VNI)).isEqualTo(1);
            assertThat(counters.value(EncapsulationResult.GENEVE_CONTROL.counterLabel())).isEqualTo(1);
            assertThat(counters.value(VxlanIngest.PUBLISHED)).isZero();
        }
    }

    private void send(final int port, final boolean geneve, final int firstSeq, final int count) throws Exception
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            for (int i = firstSeq; i < firstSeq + count; i++)
            {
                final int length;
                if (geneve)
                {
                    final int header = GeneveHeader.write(buffer, 0, 100);
                    length = header + FrameWriter.write(TestPackets.udp(2000, i), buffer, header);
                }
                else
                {
                    length = FrameWriter.writeVxlan(TestPackets.udp(2000, i), 100, buffer, 0);
                }
                channel.write(datagram.clear().limit(length));
            }
        }
    }

    private void awaitPublished(final int count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counters.value(VxlanIngest.PUBLISHED) < count && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
        assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(count);
    }
}
