package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameWriterTest
{
    private static final int IP = EthernetFlyweight.HEADER_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));

    @Test
    void writesAnIpv4HeaderWithACorrectChecksum()
    {
        final int length = FrameWriter.write(PacketDecoderTest.packet(6, 576), buffer, 0);
        final Ipv4Flyweight ipv4 = new Ipv4Flyweight().wrap(buffer, IP);

        assertThat(length).isEqualTo(IP + 576);
        assertThat(ipv4.totalLength()).isEqualTo(576);
        assertThat(ipv4.isChecksumValid()).isTrue();
        assertThat(ipv4.headerChecksum()).isNotZero();
    }

    @Test
    void writesTcpAndUdpChecksumsThatVerify()
    {
        for (final int protocol : new int[]{6, 17})
        {
            final FabricPacket packet = PacketDecoderTest.packet(protocol, 300);
            FrameWriter.write(packet, buffer, 0);
            final int transportLength = 300 - Ipv4Flyweight.MIN_HEADER_LENGTH;
            final long pseudoHeader = (packet.srcIp >>> 16) + (packet.srcIp & 0xFFFF) +
                (packet.dstIp >>> 16) + (packet.dstIp & 0xFFFF) + protocol + transportLength;

            assertThat(InternetChecksum.checksum(buffer, IP + 20, transportLength, pseudoHeader))
                .as("protocol %d", protocol)
                .isZero();
        }
    }

    @Test
    void zeroFillsThePayloadBeyondTheSeq()
    {
        FrameWriter.write(PacketDecoderTest.packet(17, 200), buffer, 0);

        for (int i = IP + 20 + UdpFlyweight.HEADER_LENGTH + 4; i < IP + 200; i++)
        {
            assertThat(buffer.getByte(i)).isZero();
        }
    }

    @Test
    void raisesALengthShorterThanTheHeadersToTheHeaders()
    {
        final FabricPacket packet = PacketDecoderTest.packet(6, 10);

        assertThat(FrameWriter.ipLength(packet)).isEqualTo(40);
        assertThat(FrameWriter.write(packet, buffer, 0)).isEqualTo(IP + 40);
    }

    @Test
    void rejectsAFrameThatDoesNotFit()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[100]);

        assertThatThrownBy(() -> FrameWriter.write(PacketDecoderTest.packet(6, 1500), small, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not fit");
    }

    @Test
    void writesAVxlanHeaderThatReadsBack()
    {
        final FabricPacket packet = PacketDecoderTest.packet(17, 100);
        final int length = FrameWriter.writeVxlan(packet, 0xABCDEF, buffer, 0);
        final VxlanHeader header = new VxlanHeader().wrap(buffer, 0);
        final FabricPacket decoded = new FabricPacket();

        assertThat(length).isEqualTo(VxlanHeader.LENGTH + IP + 100);
        assertThat(header.isVniValid()).isTrue();
        assertThat(header.vni()).isEqualTo(0xABCDEF);
        assertThat(buffer.getInt(0, BIG_ENDIAN)).isEqualTo(0x0800_0000);
        assertThat(buffer.getByte(7)).isZero();
        assertThat(new PacketDecoder(1, 2).decode(buffer, VxlanHeader.LENGTH, length - VxlanHeader.LENGTH, decoded))
            .isEqualTo(DecodeResult.IPV4);
        assertThat(decoded.seq).isEqualTo(packet.seq);
    }

    @Test
    void rejectsAVniWiderThanTwentyFourBits()
    {
        assertThatThrownBy(() -> VxlanHeader.write(buffer, 0, 1 << 24))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("VNI");
    }

    @Test
    void writesErspanTypeTwoAndThreeCopiesThatDecodeBack()
    {
        final FabricPacket packet = PacketDecoderTest.packet(17, 100);
        final int typeTwoLength = FrameWriter.writeErspanTypeII(packet, 1023, 77, buffer, 0);
        final GreHeader gre = new GreHeader().wrap(buffer, 0);

        assertThat(typeTwoLength).isEqualTo(GreHeader.SEQUENCED_LENGTH + ErspanHeader.TYPE_II_LENGTH + IP + 100);
        assertThat(gre.hasSequence()).isTrue();
        assertThat(gre.protocolType()).isEqualTo(ErspanHeader.GRE_PROTOCOL_TYPE_II);
        assertThat(buffer.getInt(GreHeader.MIN_LENGTH, BIG_ENDIAN)).isEqualTo(77);
        final ErspanHeader erspan = new ErspanHeader().wrap(buffer, GreHeader.SEQUENCED_LENGTH);
        assertThat(erspan.version()).isEqualTo(ErspanHeader.VERSION_TYPE_II);
        assertThat(erspan.sessionId()).isEqualTo(1023);

        final long takenNs = 1_790_000_000_123_456_789L;
        final int typeThreeLength = FrameWriter.writeErspanTypeIII(packet, 5, 78, takenNs, true, buffer, 0);
        erspan.wrap(buffer, GreHeader.SEQUENCED_LENGTH);
        assertThat(typeThreeLength).isEqualTo(GreHeader.SEQUENCED_LENGTH + ErspanHeader.TYPE_III_LENGTH + IP + 100);
        assertThat(gre.protocolType()).isEqualTo(ErspanHeader.GRE_PROTOCOL_TYPE_III);
        assertThat(erspan.version()).isEqualTo(ErspanHeader.VERSION_TYPE_III);
        assertThat(erspan.sessionId()).isEqualTo(5);
        assertThat(erspan.isEgress()).isTrue();
        assertThat(erspan.granularity()).isEqualTo(ErspanHeader.GRANULARITY_100_NS);
        assertThat(erspan.hasPlatformSubheader()).isFalse();
        assertThat(erspan.timestampTicks()).isEqualTo((takenNs / 100) & 0xFFFF_FFFFL);
        final FabricPacket decoded = new FabricPacket();
        final int frameOffset = GreHeader.SEQUENCED_LENGTH + ErspanHeader.TYPE_III_LENGTH;
        assertThat(new PacketDecoder(1, 2).decode(buffer, frameOffset, typeThreeLength - frameOffset, decoded))
            .isEqualTo(DecodeResult.IPV4);
        assertThat(decoded.seq).isEqualTo(packet.seq);
    }

    @Test
    void rejectsAnErspanSessionIdWiderThanTenBits()
    {
        assertThatThrownBy(() -> ErspanHeader.writeTypeII(buffer, 0, 1024))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ERSPAN session id 1024 is outside 0..1023");
    }
}
