package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VxlanIngestTest
{
    private static final List<MirrorSession> SESSIONS =
        List.of(new MirrorSession(100, "edge1", "hosts", Direction.INGRESS));

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(2048), 1024, new BusySpinWaitStrategy());

    @ParameterizedTest
    @EnumSource(IngestTransport.class)
    void receivesVxlanDatagramsOnEveryTransport(final IngestTransport transport) throws Exception
    {
        try (VxlanIngest ingest = ingest(transport, 0, 1))
        {
            ingest.start();
            sendDatagrams(ingest.boundPort(), 50);

            awaitPublished(50);
            assertThat(ingest.transport()).isNotNull();
            assertThat(ringA.get(49).packet.seq).isEqualTo(49);
        }
    }

    @Test
    void sharesThePortAcrossIngestThreads() throws Exception
    {
        try (VxlanIngest ingest = ingest(IngestTransport.EPOLL, 0, 2))
        {
            ingest.start();
            assertThat(ingest.boundPort()).isPositive();
            sendDatagrams(ingest.boundPort(), 20);

            awaitPublished(20);
        }
    }

    @Test
    void aBindFailureNamesTheAddressAndPort() throws Exception
    {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final int port = taken.getLocalPort();
            for (final IngestTransport transport : IngestTransport.values())
            {
                try (VxlanIngest ingest = ingest(transport, port, 1))
                {
                    assertThatThrownBy(ingest::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("127.0.0.1:" + port);
                }
            }
        }
    }

    @Test
    void rejectsTwoSessionsWithOneVni()
    {
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(7, "a", "p", Direction.INGRESS), new MirrorSession(7, "b", "p", Direction.EGRESS));

        assertThatThrownBy(() -> new VxlanIngest(
            DataPlaneConfig.defaults(), sessions, ringA, SystemEpochNanoClock.INSTANCE, counters))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("VNI 7");
    }

    private VxlanIngest ingest(final IngestTransport transport, final int port, final int threads)
    {
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(port)
            .transport(transport)
            .ingestThreads(threads)
            .flowHashKey(TestPackets.KEY0, TestPackets.KEY1)
            .build();
        return new VxlanIngest(config, SESSIONS, ringA, SystemEpochNanoClock.INSTANCE, counters);
    }

    private void sendDatagrams(final int port, final int count) throws Exception
    {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            for (int i = 0; i < count; i++)
            {
                final int length = FrameWriter.writeVxlan(TestPackets.udp(2000, i), 100, buffer, 0);
                datagram.clear().limit(length);
                channel.write(datagram);
                if (0 == (i + 1) % 10)
                {
                    awaitPublished(i + 1);
                }
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
