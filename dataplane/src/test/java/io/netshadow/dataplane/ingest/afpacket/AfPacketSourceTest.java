package io.netshadow.dataplane.ingest.afpacket;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.netshadow.dataplane.ingest.afpacket.AfPacketSource.counterLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AfPacketSourceTest
{
    private static final int MAX_FRAME_BYTES = 2048;
    private static final int SESSION_INDEX = 3;
    private static final long HASH_KEY0 = 3;
    private static final long HASH_KEY1 = 4;
    private static final int TEST_SRC_IP = 0xC612_0001;
    private static final int TEST_DST_IP = 0xC612_0002;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final Sequence consumed = new Sequence();
    private VethNamespace veth;
    private AfPacketSource source;

    @AfterEach
    void removeCaptureAndVeth()
    {
        try
        {
            if (null != source)
            {
                source.close();
            }
        }
        finally
        {
            if (null != veth)
            {
                veth.close();
            }
        }
    }

    @Test
    void publishesEveryFrameOfTheSpanPortWithItsBytesAndNonDecreasingKernelTimestamps()
    {
        final int frameCount = 500;
        final RingBuffer<PacketEvent> ringA = ringA(1024);
        veth = VethNamespace.create();
        source = open(ringA);
        final List<byte[]> sent = frames(frameCount);

        final long beforeSendNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        veth.send(sent);
        final long afterSendNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() + 1);
        driveUntil(() -> testFrames(ringA).size() == frameCount);

        final List<PacketEvent> received = testFrames(ringA);
        assertThat(received).hasSize(frameCount);
        long previousNs = 0;
        for (int i = 0; i < frameCount; i++)
        {
            final PacketEvent event = received.get(i);
            final byte[] bytes = new byte[event.frameLength];
            event.frame.getBytes(0, bytes);
            assertThat(bytes).as("frame %d", i).isEqualTo(sent.get(i));
            assertThat(event.timestampKind).isEqualTo(TimestampKind.KERNEL);
            assertThat(event.timestampNs).as("frame %d's timestamp", i)
                .isBetween(Math.max(previousNs, beforeSendNs), afterSendNs);
            assertThat(event.sessionIndex).isEqualTo(SESSION_INDEX);
            assertThat(event.direction).isEqualTo(Direction.EGRESS);
            assertThat(event.decodeResult).isEqualTo(DecodeResult.IPV4);
            assertThat(event.packet.seq).isEqualTo(i);
            previousNs = event.timestampNs;
        }
        final String name = veth.captureInterface();
        assertThat(counters.value(counterLabel(name, AfPacketSource.RING_FULL))).isZero();
        assertThat(counters.value(counterLabel(name, AfPacketSource.KERNEL_DROPS))).isZero();
        assertThat(counters.value(counterLabel(name, AfPacketSource.PUBLISHED)))
            .isEqualTo(ringA.getCursor() + 1)
            .isEqualTo(counters.value(counterLabel(name, AfPacketSource.FRAMES)));
        assertThat(counters.value(counterLabel(name, AfPacketSource.KERNEL_PACKETS))).isGreaterThanOrEqualTo(frameCount);
    }

    @Test
    void countsFramesThatFindRingAFullAsRingFullDrops()
    {
        final int frameCount = 10;
        final int ringSize = 4;
        final RingBuffer<PacketEvent> ringA = ringA(ringSize);
        veth = VethNamespace.create();
        source = open(ringA);
        final String name = veth.captureInterface();

        veth.send(frames(frameCount));
        driveUntil(() -> counters.value(counterLabel(name, AfPacketSource.FRAMES)) >= frameCount);

        final long framesRead = counters.value(counterLabel(name, AfPacketSource.FRAMES));
        assertThat(counters.value(counterLabel(name, AfPacketSource.PUBLISHED))).isEqualTo(ringSize);
        assertThat(counters.value(counterLabel(name, AfPacketSource.RING_FULL))).isEqualTo(framesRead - ringSize);
    }

    @Test
    void putsBackTheVlanTagTheKernelStrippedSoTaggedFramesArriveAsSent()
    {
        final int frameCount = 50;
        final RingBuffer<PacketEvent> ringA = ringA(1024);
        veth = VethNamespace.create();
        source = open(ringA);
        final List<byte[]> sent = new ArrayList<>();
        for (final byte[] frame : frames(frameCount))
        {
            sent.add(tagged(frame, 0x8100, (5 << 13) | 42));
        }

        veth.send(sent);
        driveUntil(() -> testFrames(ringA).size() == frameCount);

        final List<PacketEvent> received = testFrames(ringA);
        assertThat(received).hasSize(frameCount);
        for (int i = 0; i < frameCount; i++)
        {
            final PacketEvent event = received.get(i);
            final byte[] bytes = new byte[event.frameLength];
            event.frame.getBytes(0, bytes);
            assertThat(bytes).as("frame %d", i).isEqualTo(sent.get(i));
            assertThat(event.decodeResult).isEqualTo(DecodeResult.IPV4);
            assertThat(event.packet.seq).isEqualTo(i);
        }
        assertThat(counters.value(counterLabel(veth.captureInterface(), AfPacketSource.VLAN_RESTORED)))
            .isEqualTo(frameCount);
    }

    @Test
    void publishesTheFramesThatFitASlotInOrderAndCountsTheOthersAsOversize()
    {
        final int frameCount = 70;
        final int maxFrameBytes = 300;
        final RingBuffer<PacketEvent> ringA = ringA(1024);
        veth = VethNamespace.create();
        final AfPacketConfig config = new AfPacketConfig(
            veth.captureInterface(), SESSION_INDEX, Direction.EGRESS, 1 << 16, 8, 2048, 5, AfPacketConfig.NO_FANOUT);
        source = AfPacketSource.open(config, ringA, maxFrameBytes, HASH_KEY0, HASH_KEY1, counters);
        final List<byte[]> sent = frames(frameCount);
        final List<byte[]> fitting = sent.stream().filter(frame -> frame.length <= maxFrameBytes).toList();
        final String name = veth.captureInterface();

        veth.send(sent);
        driveUntil(() -> counters.value(counterLabel(name, AfPacketSource.OVERSIZE_FRAME)) ==
            frameCount - fitting.size() && testFrames(ringA).size() == fitting.size());

        final List<PacketEvent> received = testFrames(ringA);
        assertThat(received).hasSize(fitting.size());
        for (int i = 0; i < fitting.size(); i++)
        {
            final byte[] bytes = new byte[received.get(i).frameLength];
            received.get(i).frame.getBytes(0, bytes);
            assertThat(bytes).as("fitting frame %d", i).isEqualTo(fitting.get(i));
        }
        assertThat(counters.value(counterLabel(name, AfPacketSource.OVERSIZE_FRAME)))
            .isEqualTo(frameCount - fitting.size());
        assertThat(counters.value(counterLabel(name, AfPacketSource.RING_FULL))).isZero();
    }

    @Test
    void awaitsFramesInPollUntilTheKernelHandsOverABlock()
    {
        final RingBuffer<PacketEvent> ringA = ringA(1024);
        veth = VethNamespace.create();
        source = open(ringA);
        final String name = veth.captureInterface();
        driveUntil(() -> !source.awaitFrames(1) && 0 == source.doWork());
        final long framesBefore = counters.value(counterLabel(name, AfPacketSource.FRAMES));

        veth.send(frames(20));
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!source.awaitFrames(100) && System.nanoTime() - deadlineNs < 0)
        {
            Thread.onSpinWait();
        }

        assertThat(source.doWork()).isPositive();
        assertThat(counters.value(counterLabel(name, AfPacketSource.FRAMES))).isGreaterThan(framesBefore);
    }

    @Test
    void namesTheInterfaceWhenThereIsNoneByThatName()
    {
        final AfPacketConfig config = AfPacketConfig.of("ns-nosuch0", SESSION_INDEX, Direction.INGRESS);

        assertThatThrownBy(() -> AfPacketSource.open(config, ringA(4), MAX_FRAME_BYTES, HASH_KEY0, HASH_KEY1, counters))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("no network interface named 'ns-nosuch0'");
    }

    @Test
    void rejectsABlockSizeThatIsNotAPowerOfTwo()
    {
        assertThatThrownBy(() -> new AfPacketConfig("eth1", 0, Direction.INGRESS, 3 << 12, 4, 2048, 10, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("blockSizeBytes");
    }

    private AfPacketSource open(final RingBuffer<PacketEvent> ringA)
    {
        final AfPacketConfig config = new AfPacketConfig(
            veth.captureInterface(), SESSION_INDEX, Direction.EGRESS, 1 << 16, 8, 2048, 5, AfPacketConfig.NO_FANOUT);
        return AfPacketSource.open(config, ringA, MAX_FRAME_BYTES, HASH_KEY0, HASH_KEY1, counters);
    }

    private RingBuffer<PacketEvent> ringA(final int size)
    {
        final RingBuffer<PacketEvent> ringA =
            RingBuffer.createMultiProducer(() -> new PacketEvent(MAX_FRAME_BYTES), size, new BusySpinWaitStrategy());
        ringA.addGatingSequences(consumed);
        return ringA;
    }

    private void driveUntil(final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!done.getAsBoolean() && System.nanoTime() - deadlineNs < 0)
        {
            if (0 == source.doWork())
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * The slots published so far that hold the test's frames, in ring order; the peer's own traffic (IPv6
     * neighbour discovery and the like) has other MAC addresses and is left out.
     */
    private static List<PacketEvent> testFrames(final RingBuffer<PacketEvent> ringA)
    {
        final List<PacketEvent> events = new ArrayList<>();
        for (long sequence = 0; sequence <= ringA.getCursor(); sequence++)
        {
            final PacketEvent event = ringA.get(sequence);
            if (event.frameLength >= 12 && FrameWriter.SOURCE_MAC == sourceMac(event.frame))
            {
                events.add(event);
            }
        }
        return events;
    }

    private static long sourceMac(final UnsafeBuffer frame)
    {
        long mac = 0;
        for (int i = 6; i < 12; i++)
        {
            mac = (mac << 8) | (frame.getByte(i) & 0xFF);
        }
        return mac;
    }

    private static byte[] tagged(final byte[] frame, final int tpid, final int tci)
    {
        final byte[] tagged = new byte[frame.length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        tagged[12] = (byte)(tpid >>> 8);
        tagged[13] = (byte)tpid;
        tagged[14] = (byte)(tci >>> 8);
        tagged[15] = (byte)tci;
        System.arraycopy(frame, 12, tagged, 16, frame.length - 12);
        return tagged;
    }

    private static List<byte[]> frames(final int count)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAME_BYTES));
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final FabricPacket packet = new FabricPacket();
            packet.srcIp = TEST_SRC_IP;
            packet.dstIp = TEST_DST_IP;
            packet.protocol = 17;
            packet.srcPort = 40_000 + (i % 16);
            packet.dstPort = 9;
            packet.lengthBytes = 64 + (i % 7) * 100;
            packet.ttl = 1;
            packet.ipId = i;
            packet.seq = i;
            final int length = FrameWriter.write(packet, buffer, 0);
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            frames.add(frame);
        }
        return frames;
    }
}
