package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.ErspanHeader;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.GreHeader;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.ManualClock;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErspanReceiverTest
{
    private static final long NOW_NS = 1_790_000_000_000_000_000L;
    private static final long HARDWARE_NS = NOW_NS - 2_000_000L;
    private static final int GRE_OFFSET = Ipv4Flyweight.MIN_HEADER_LENGTH;
    private static final int ERSPAN_OFFSET = GRE_OFFSET + 8;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(256), 8, new BusySpinWaitStrategy());
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
    private final ErspanReceiver receiver;

    ErspanReceiverTest()
    {
        ringA.addGatingSequences(new Sequence());
        final SessionTable sessions = new SessionTable(List.of(
            new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
            new MirrorSession(100, "edge1", "uplink", Direction.INGRESS, SourceKind.ERSPAN),
            new MirrorSession(7, "edge2", "uplink", Direction.EGRESS, SourceKind.ERSPAN)));
        receiver = new ErspanReceiver(
            ringA, sessions, new ManualClock(NOW_NS), TestPackets.KEY0, TestPackets.KEY1, 256, counters);
    }

    @Test
    void publishesATypeTwoCopyUnderItsSessionWithTheReceiveTime()
    {
        final int length = typeTwo(100, TestPackets.udp(1234, 5));

        assertThat(receiver.onIpPacket(buffer, 0, length, NOW_NS - 7, TimestampKind.KERNEL)).isTrue();

        final PacketEvent event = ringA.get(0);
        assertThat(event.sessionIndex).isEqualTo(1);
        assertThat(event.direction).isEqualTo(Direction.INGRESS);
        assertThat(event.timestampNs).isEqualTo(NOW_NS - 7);
        assertThat(event.timestampKind).isEqualTo(TimestampKind.KERNEL);
        assertThat(event.isIpv4()).isTrue();
        assertThat(event.packet.srcPort).isEqualTo(1234);
    }

    @Test
    void stampsATypeThreeCopyWithItsHardwareTimestamp()
    {
        final int length = typeThree(7, TestPackets.udp(4321, 9));

        assertThat(receiver.onIpPacket(buffer, 0, length)).isTrue();

        final PacketEvent event = ringA.get(0);
        assertThat(event.sessionIndex).isEqualTo(2);
        assertThat(event.direction).isEqualTo(Direction.EGRESS);
        assertThat(event.timestampKind).isEqualTo(TimestampKind.HARDWARE);
        assertThat(event.timestampNs).isEqualTo(HARDWARE_NS);
        assertThat(event.packet.seq).isEqualTo(9);
    }

    @Test
    void countsUnknownSessionsAndMalformedCopiesWithoutPublishing()
    {
        final int length = typeTwo(55, TestPackets.udp(1, 1));
        assertThat(receiver.onIpPacket(buffer, 0, length)).isFalse();
        assertThat(counters.value(ErspanReceiver.UNKNOWN_SESSION)).isEqualTo(1);

        assertThat(receiver.onIpPacket(buffer, 0, ERSPAN_OFFSET + 4)).isFalse();
        assertThat(counters.value(EncapsulationResult.TRUNCATED_OUTER_IPV4.counterLabel())).isEqualTo(1);

        buffer.putShort(GRE_OFFSET + GreHeader.PROTOCOL_OFFSET, (short)0x0800, BIG_ENDIAN);
        assertThat(receiver.onIpPacket(buffer, 0, length)).isFalse();
        assertThat(counters.value(EncapsulationResult.GRE_NOT_ERSPAN.counterLabel())).isEqualTo(1);

        assertThat(counters.value(ErspanReceiver.PACKETS)).isEqualTo(3);
        assertThat(counters.value(VxlanIngest.PUBLISHED)).isZero();
    }

    @Test
    void aSessionTableRejectsOneKeyTwiceWithinAKindButNotAcrossKinds()
    {
        assertThatThrownBy(() -> new SessionTable(List.of(
            new MirrorSession(3, "a", "p", Direction.INGRESS, SourceKind.ERSPAN),
            new MirrorSession(3, "b", "p", Direction.EGRESS, SourceKind.ERSPAN))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ERSPAN session id 3");
        assertThatThrownBy(() -> new MirrorSession(1024, "a", "p", Direction.INGRESS, SourceKind.ERSPAN))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0..1023");

        final SessionTable table = new SessionTable(List.of(
            new MirrorSession(3, "a", "p", Direction.INGRESS, SourceKind.ERSPAN),
            new MirrorSession(3, "b", "p", Direction.EGRESS, SourceKind.GENEVE)));
        assertThat(table.sessionIndex(SourceKind.GENEVE, 3)).isEqualTo(1);
        assertThat(table.sessionIndex(SourceKind.VXLAN, 3)).isEqualTo(SessionTable.NO_SESSION);
        assertThat(table.hasKind(SourceKind.VXLAN)).isFalse();
    }

    private int typeTwo(final int sessionId, final FabricPacket inner)
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_II);
        buffer.putInt(erspan, 1 << 28 | sessionId, BIG_ENDIAN);
        buffer.putInt(erspan + 4, 0, BIG_ENDIAN);
        return finish(erspan + ErspanHeader.TYPE_II_LENGTH, inner);
    }

    private int typeThree(final int sessionId, final FabricPacket inner)
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_III);
        buffer.putInt(erspan, 2 << 28 | sessionId, BIG_ENDIAN);
        buffer.putInt(erspan + 4, (int)(HARDWARE_NS / 100), BIG_ENDIAN);
        buffer.putInt(erspan + 8, 0x8 | ErspanHeader.GRANULARITY_100_NS << 1, BIG_ENDIAN);
        return finish(erspan + ErspanHeader.TYPE_III_LENGTH, inner);
    }

    private int greOverIpv4(final int protocolType)
    {
        buffer.setMemory(0, ERSPAN_OFFSET + 20, (byte)0);
        buffer.putByte(Ipv4Flyweight.VERSION_IHL_OFFSET, (byte)0x45);
        buffer.putByte(Ipv4Flyweight.TTL_OFFSET, (byte)64);
        buffer.putByte(Ipv4Flyweight.PROTOCOL_OFFSET, (byte)GreHeader.IP_PROTOCOL);
        buffer.putShort(GRE_OFFSET + GreHeader.FLAGS_VERSION_OFFSET, (short)GreHeader.FLAG_SEQUENCE, BIG_ENDIAN);
        buffer.putShort(GRE_OFFSET + GreHeader.PROTOCOL_OFFSET, (short)protocolType, BIG_ENDIAN);
        return ERSPAN_OFFSET;
    }

    private int finish(final int innerOffset, final FabricPacket inner)
    {
        final int end = innerOffset + FrameWriter.write(inner, buffer, innerOffset);
        buffer.putShort(Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)end, BIG_ENDIAN);
        return end;
    }
}
