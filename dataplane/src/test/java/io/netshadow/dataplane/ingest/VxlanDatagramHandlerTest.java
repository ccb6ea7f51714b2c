package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.PacketKey;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.ManualClock;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class VxlanDatagramHandlerTest
{
    private static final int MAX_FRAME_BYTES = 256;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(1_234_567);
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(MAX_FRAME_BYTES), 4, new BusySpinWaitStrategy());
    private final Sequence consumed = new Sequence();
    private final UnsafeBuffer datagram = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final VxlanDatagramHandler handler;

    VxlanDatagramHandlerTest()
    {
        ringA.addGatingSequences(consumed);
        final Int2IntHashMap sessionByVni = new Int2IntHashMap(-1);
        sessionByVni.put(100, 0);
        sessionByVni.put(200, 1);
        handler = new VxlanDatagramHandler(
            ringA,
            sessionByVni,
            new Direction[]{Direction.INGRESS, Direction.EGRESS},
            clock,
            TestPackets.KEY0,
            TestPackets.KEY1,
            MAX_FRAME_BYTES,
            new IngestCounters(counters));
    }

    @Test
    void publishesTheInnerFrameDecodedAndStampedIntoRingA()
    {
        final FabricPacket packet = TestPackets.udp(1111, 77);
        final int length = FrameWriter.writeVxlan(packet, 200, datagram, 0);

        handler.onDatagram(datagram, 0, length);

        assertThat(ringA.getCursor()).isZero();
        final PacketEvent event = ringA.get(0);
        assertThat(event.frameLength).isEqualTo(length - VxlanHeader.LENGTH);
        assertThat(event.frame.getByte(0)).isEqualTo(datagram.getByte(VxlanHeader.LENGTH));
        assertThat(event.timestampNs).isEqualTo(1_234_567);
        assertThat(event.timestampKind).isEqualTo(TimestampKind.INGEST);
        assertThat(event.sessionIndex).isEqualTo(1);
        assertThat(event.direction).isEqualTo(Direction.EGRESS);
        assertThat(event.decodeResult).isEqualTo(DecodeResult.IPV4);
        assertThat(event.packet.srcPort).isEqualTo(1111);
        assertThat(event.packet.seq).isEqualTo(77);
        assertThat(event.packetKey).isEqualTo(new PacketKey(TestPackets.KEY0, TestPackets.KEY1).of(packet));
        assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(1);
        assertThat(counters.value("decode.ipv4")).isEqualTo(1);
    }

    @Test
    void countsADatagramWithoutTheVniFlagAsBadVxlan()
    {
        final int length = FrameWriter.writeVxlan(TestPackets.udp(1, 1), 100, datagram, 0);
        datagram.putByte(0, (byte)0);

        handler.onDatagram(datagram, 0, length);
        handler.onDatagram(datagram, 0, VxlanHeader.LENGTH - 1);

        assertThat(counters.value(VxlanIngest.BAD_VXLAN)).isEqualTo(2);
        assertThat(ringA.getCursor()).isEqualTo(-1);
    }

    @Test
    void countsAnUnknownVni()
    {
        final int length = FrameWriter.writeVxlan(TestPackets.udp(1, 1), 300, datagram, 0);

        handler.onDatagram(datagram, 0, length);

        assertThat(counters.value(VxlanIngest.UNKNOWN_VNI)).isEqualTo(1);
        assertThat(ringA.getCursor()).isEqualTo(-1);
    }

    @Test
    void countsAFrameLargerThanASlot()
    {
        final FabricPacket packet = TestPackets.udp(1, 1);
        packet.lengthBytes = 1000;
        final int length = FrameWriter.writeVxlan(packet, 100, datagram, 0);

        handler.onDatagram(datagram, 0, length);

        assertThat(counters.value(VxlanIngest.OVERSIZE_FRAME)).isEqualTo(1);
        assertThat(ringA.getCursor()).isEqualTo(-1);
    }

    @Test
    void countsADropWhenRingAIsFullInsteadOfWaiting()
    {
        final int length = FrameWriter.writeVxlan(TestPackets.udp(1, 1), 100, datagram, 0);
        for (int i = 0; i < 6; i++)
        {
            handler.onDatagram(datagram, 0, length);
        }

        assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(4);
        assertThat(counters.value(VxlanIngest.RING_FULL)).isEqualTo(2);
        assertThat(counters.value(VxlanIngest.DATAGRAMS)).isEqualTo(6);
    }

    @Test
    void publishesAMalformedFrameAndCountsItsReason()
    {
        VxlanHeader.write(datagram, 0, 100);

        handler.onDatagram(datagram, 0, VxlanHeader.LENGTH + 10);

        assertThat(ringA.get(0).decodeResult).isEqualTo(DecodeResult.TRUNCATED_ETHERNET);
        assertThat(counters.value("decode.malformed.truncated_ethernet")).isEqualTo(1);
    }
}
