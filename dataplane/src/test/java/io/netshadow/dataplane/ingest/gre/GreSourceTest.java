package io.netshadow.dataplane.ingest.gre;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SessionTable;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.ErspanHeader;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.GreHeader;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

class GreSourceTest
{
    private static final String BIND_ADDRESS = "127.0.53.1";
    private static final int MAX_FRAME_BYTES = 2048;
    private static final int TYPE_II_SESSION_ID = 100;
    private static final int TYPE_III_SESSION_ID = 7;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(MAX_FRAME_BYTES), 16, new BusySpinWaitStrategy());
    private GreSource source;
    private GreSender sender;

    @BeforeEach
    void openSourceAndSender() throws Exception
    {
        RawSocketCapability.assumeCapNetRaw();
        ringA.addGatingSequences(new Sequence());
        final SessionTable sessions = new SessionTable(List.of(
            new MirrorSession(TYPE_II_SESSION_ID, "edge1", "hosts", Direction.INGRESS),
            new MirrorSession(TYPE_II_SESSION_ID, "edge1", "uplink", Direction.INGRESS, SourceKind.ERSPAN),
            new MirrorSession(TYPE_III_SESSION_ID, "edge2", "uplink", Direction.EGRESS, SourceKind.ERSPAN)));
        final ErspanReceiver receiver = new ErspanReceiver(ringA, sessions, SystemEpochNanoClock.INSTANCE,
            TestPackets.KEY0, TestPackets.KEY1, MAX_FRAME_BYTES, counters);
        source = GreSource.open(BIND_ADDRESS, 1 << 20, MAX_FRAME_BYTES, receiver, counters);
        sender = GreSender.open("the test", (Inet4Address)InetAddress.getByName(BIND_ADDRESS));
    }

    @AfterEach
    void close()
    {
        if (null != sender)
        {
            sender.close();
        }
        if (null != source)
        {
            source.close();
        }
    }

    @Test
    void typeTwoAndTypeThreeCopiesArriveInRingAWithTheirSessionFrameAndTimestampKind()
    {
        final FabricPacket typeTwo = TestPackets.udp(1234, 5);
        final FabricPacket typeThree = TestPackets.udp(4321, 9);
        final long takenNs = SystemEpochNanoClock.INSTANCE.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2);

        final long beforeSendNs = SystemEpochNanoClock.INSTANCE.nanoTime();
        assertThat(sender.send(FrameWriter.writeErspanTypeII(typeTwo, TYPE_II_SESSION_ID, 1, sender.buffer(), 0)))
            .isZero();
        assertThat(sender.send(FrameWriter.writeErspanTypeIII(
            typeThree, TYPE_III_SESSION_ID, 1, takenNs, true, sender.buffer(), 0))).isZero();
        driveUntil(() -> counters.value(VxlanIngest.PUBLISHED) == 2);
        final long afterReceiveNs = SystemEpochNanoClock.INSTANCE.nanoTime();

        final PacketEvent first = ringA.get(0);
        assertThat(first.sessionIndex).isEqualTo(1);
        assertThat(first.direction).isEqualTo(Direction.INGRESS);
        assertThat(frameBytes(first)).isEqualTo(frame(typeTwo));
        assertThat(first.timestampKind).isEqualTo(TimestampKind.KERNEL);
        assertThat(first.timestampNs).isBetween(beforeSendNs, afterReceiveNs);

        final PacketEvent second = ringA.get(1);
        assertThat(second.sessionIndex).isEqualTo(2);
        assertThat(second.direction).isEqualTo(Direction.EGRESS);
        assertThat(frameBytes(second)).isEqualTo(frame(typeThree));
        assertThat(second.timestampKind).isEqualTo(TimestampKind.HARDWARE);
        assertThat(second.timestampNs).isEqualTo(takenNs / 100 * 100);

        assertThat(counters.value(GreSource.PACKETS)).isEqualTo(2);
        assertThat(counters.value(GreSource.BATCHES)).isBetween(1L, 2L);
        assertThat(counters.value(ErspanReceiver.PACKETS)).isEqualTo(2);
        assertThat(counters.value(GreSource.ERRORS)).isZero();
    }

    @Test
    void countsMalformedErspanAndOtherGreWithoutThrowingOrPublishing()
    {
        final UnsafeBuffer buffer = (UnsafeBuffer)sender.buffer();
        final int greLength = GreHeader.writeSequenced(buffer, 0, ErspanHeader.GRE_PROTOCOL_TYPE_II, 1);
        buffer.putInt(greLength, 1 << 28 | TYPE_II_SESSION_ID, BIG_ENDIAN);
        assertThat(sender.send(greLength + 4)).isZero();

        buffer.putShort(GreHeader.PROTOCOL_OFFSET, (short)0x0800, BIG_ENDIAN);
        assertThat(sender.send(greLength + 20)).isZero();

        buffer.putShort(GreHeader.FLAGS_VERSION_OFFSET, (short)(GreHeader.FLAG_SEQUENCE | 1), BIG_ENDIAN);
        buffer.putShort(GreHeader.PROTOCOL_OFFSET, (short)ErspanHeader.GRE_PROTOCOL_TYPE_III, BIG_ENDIAN);
        assertThat(sender.send(greLength + 40)).isZero();

        assertThat(sender.send(2)).isZero();

        driveUntil(() -> counters.value(GreSource.PACKETS) == 4);

        assertThat(counters.value(GreSource.NOT_ERSPAN)).isEqualTo(1);
        assertThat(counters.value(ErspanReceiver.PACKETS)).isEqualTo(3);
        assertThat(counters.value(EncapsulationResult.TRUNCATED_ERSPAN.counterLabel())).isEqualTo(1);
        assertThat(counters.value(EncapsulationResult.BAD_GRE_VERSION.counterLabel())).isEqualTo(1);
        assertThat(counters.value(EncapsulationResult.TRUNCATED_GRE.counterLabel())).isEqualTo(1);
        assertThat(counters.value(VxlanIngest.PUBLISHED)).isZero();
        assertThat(ringA.getCursor()).isEqualTo(-1);
    }

    @Test
    void countsAPacketLargerThanASlotAsTruncated()
    {
        final FabricPacket jumbo = TestPackets.udp(1, 1);
        jumbo.lengthBytes = MAX_FRAME_BYTES + GreSource.MAX_OUTER_HEADER_BYTES + 100;

        assertThat(sender.send(FrameWriter.writeErspanTypeII(jumbo, TYPE_II_SESSION_ID, 1, sender.buffer(), 0)))
            .isZero();
        driveUntil(() -> counters.value(GreSource.PACKETS) == 1);

        assertThat(counters.value(GreSource.TRUNCATED)).isEqualTo(1);
        assertThat(counters.value(ErspanReceiver.PACKETS)).isZero();
    }

    private void driveUntil(final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!done.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadlineNs).as("condition not met within 10 s").isNegative();
            if (0 == source.doWork())
            {
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] frameBytes(final PacketEvent event)
    {
        final byte[] bytes = new byte[event.frameLength];
        event.frame.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] frame(final FabricPacket packet)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAME_BYTES));
        final byte[] bytes = new byte[FrameWriter.write(packet, buffer, 0)];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
