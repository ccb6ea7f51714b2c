package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EncapsulationDecoderTest
{
    private static final int OUTER_IPV4 = Ipv4Flyweight.MIN_HEADER_LENGTH;
    private static final int GRE_WITH_SEQUENCE = 8;
    private static final long EPOCH_NS = 1_790_000_000_123_456_700L;
    private static final long MS = 1_000_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final EncapsulationDecoder decoder = new EncapsulationDecoder();
    private final PacketDecoder packetDecoder = new PacketDecoder(1, 2);
    private final FabricPacket inner = PacketDecoderTest.packet(6, 120);
    private final FabricPacket decoded = new FabricPacket();

    @Test
    void findsTheInnerFrameOfAGenevePacketAfterItsOptions()
    {
        GeneveHeader.write(buffer, 0, 0xABCDE);
        buffer.putByte(GeneveHeader.VERSION_OPTIONS_OFFSET, (byte)2);
        buffer.setMemory(GeneveHeader.FIXED_LENGTH, 8, (byte)0x5A);
        final int frameLength = FrameWriter.write(inner, buffer, GeneveHeader.FIXED_LENGTH + 8);

        assertThat(decoder.decodeGeneve(buffer, 0, GeneveHeader.FIXED_LENGTH + 8 + frameLength))
            .isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.sessionKey()).isEqualTo(0xABCDE);
        assertThat(decoder.innerOffset()).isEqualTo(16);
        assertThat(decoder.innerLength()).isEqualTo(frameLength);
        assertInnerDecodes();
        assertThat(decoder.hasHardwareTimestamp()).isFalse();
    }

    @Test
    void reportsGeneveControlPacketsAndMalformedHeaders()
    {
        GeneveHeader.write(buffer, 0, 7);
        buffer.putByte(GeneveHeader.FLAGS_OFFSET, (byte)GeneveHeader.FLAG_CONTROL);
        assertThat(decoder.decodeGeneve(buffer, 0, 64)).isEqualTo(EncapsulationResult.GENEVE_CONTROL);
        assertThat(EncapsulationResult.GENEVE_CONTROL.isMalformed()).isFalse();

        GeneveHeader.write(buffer, 0, 7);
        buffer.putByte(GeneveHeader.VERSION_OPTIONS_OFFSET, (byte)0x40);
        assertThat(decoder.decodeGeneve(buffer, 0, 64)).isEqualTo(EncapsulationResult.BAD_GENEVE_VERSION);

        GeneveHeader.write(buffer, 0, 7);
        buffer.putByte(GeneveHeader.VERSION_OPTIONS_OFFSET, (byte)0x3F);
        assertThat(decoder.decodeGeneve(buffer, 0, 64)).isEqualTo(EncapsulationResult.TRUNCATED_GENEVE);
        assertThat(decoder.decodeGeneve(buffer, 0, 7)).isEqualTo(EncapsulationResult.TRUNCATED_GENEVE);

        GeneveHeader.write(buffer, 0, 7);
        buffer.putShort(GeneveHeader.PROTOCOL_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);
        assertThat(decoder.decodeGeneve(buffer, 0, 64)).isEqualTo(EncapsulationResult.GENEVE_NOT_ETHERNET);
        assertThat(decoder.sessionKey()).isEqualTo(EncapsulationDecoder.NONE);
    }

    @Test
    void decodesVxlanAsTheIngestDoes()
    {
        final int length = FrameWriter.writeVxlan(inner, 4242, buffer, 0);

        assertThat(decoder.decodeVxlan(buffer, 0, length)).isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.sessionKey()).isEqualTo(4242);
        assertInnerDecodes();
        buffer.putByte(0, (byte)0);
        assertThat(decoder.decodeVxlan(buffer, 0, length)).isEqualTo(EncapsulationResult.BAD_VXLAN_FLAGS);
    }

    @Test
    void findsTheInnerFrameAndSessionOfErspanTypeTwo()
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_II);
        buffer.putInt(erspan, 1 << 28 | 10 << 16 | 300, BIG_ENDIAN);
        buffer.putInt(erspan + 4, 5, BIG_ENDIAN);
        final int length = finish(erspan + ErspanHeader.TYPE_II_LENGTH);

        assertThat(decoder.decodeErspan(buffer, 0, length, EPOCH_NS)).isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.erspanVersion()).isEqualTo(ErspanHeader.VERSION_TYPE_II);
        assertThat(decoder.sessionKey()).isEqualTo(300);
        assertThat(decoder.hasHardwareTimestamp()).isFalse();
        assertInnerDecodes();
    }

    @Test
    void usesTheHardwareTimestampOfErspanTypeThree()
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_III);
        buffer.putInt(erspan, 2 << 28 | 77, BIG_ENDIAN);
        buffer.putInt(erspan + 4, (int)(EPOCH_NS / 100), BIG_ENDIAN);
        buffer.putInt(erspan + 8, 0x8 | ErspanHeader.GRANULARITY_100_NS << 1, BIG_ENDIAN);
        final int length = finish(erspan + ErspanHeader.TYPE_III_LENGTH);

        assertThat(decoder.decodeErspan(buffer, 0, length, EPOCH_NS + 3 * MS)).isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.erspanVersion()).isEqualTo(ErspanHeader.VERSION_TYPE_III);
        assertThat(decoder.sessionKey()).isEqualTo(77);
        assertThat(decoder.isErspanEgress()).isTrue();
        assertThat(decoder.hasHardwareTimestamp()).isTrue();
        assertThat(decoder.timestampNs()).isEqualTo(EPOCH_NS);
        assertInnerDecodes();
    }

    @Test
    void readsIeee1588SecondsFromThePlatformSubheader()
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_III);
        buffer.putInt(erspan, 2 << 28 | 1, BIG_ENDIAN);
        buffer.putInt(erspan + 4, (int)(EPOCH_NS % 1_000_000_000L), BIG_ENDIAN);
        buffer.putInt(erspan + 8, ErspanHeader.GRANULARITY_IEEE_1588 << 1 | 1, BIG_ENDIAN);
        buffer.putInt(erspan + 12, ErspanHeader.PLATFORM_ID_1588_SECONDS << 26, BIG_ENDIAN);
        buffer.putInt(erspan + 16, (int)(EPOCH_NS / 1_000_000_000L), BIG_ENDIAN);
        final int length = finish(erspan + ErspanHeader.TYPE_III_LENGTH + ErspanHeader.PLATFORM_SUBHEADER_LENGTH);

        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.timestampNs()).isEqualTo(EPOCH_NS);
        assertInnerDecodes();
    }

    @Test
    void placesAWrappedTimestampNearestTheIngestClock()
    {
        final long tickNs = 100_000L;
        final long periodNs = tickNs << 32;
        final long wrapNs = (EPOCH_NS / periodNs + 1) * periodNs;
        final long beforeWrapNs = wrapNs - 2 * tickNs;
        final long ticks = (beforeWrapNs / tickNs) & 0xFFFF_FFFFL;

        assertThat(EncapsulationDecoder.unwrapNs(ticks, tickNs, 1L << 32, wrapNs + 5 * MS)).isEqualTo(beforeWrapNs);
        assertThat(EncapsulationDecoder.unwrapNs(0, tickNs, 1L << 32, wrapNs - 5 * MS)).isEqualTo(wrapNs);
    }

    @Test
    void decodesErspanFromALinkLayerFrame()
    {
        buffer.setMemory(0, EthernetFlyweight.HEADER_LENGTH + 4, (byte)0);
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_VLAN, BIG_ENDIAN);
        buffer.putShort(14, (short)9, BIG_ENDIAN);
        buffer.putShort(16, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);
        final int start = EthernetFlyweight.HEADER_LENGTH + 4;
        final int erspan = greOverIpv4(start, ErspanHeader.GRE_PROTOCOL_TYPE_II);
        buffer.putInt(erspan, 1 << 28 | 12, BIG_ENDIAN);
        buffer.putInt(erspan + 4, 0, BIG_ENDIAN);
        final int length = finish(start, erspan + ErspanHeader.TYPE_II_LENGTH);

        assertThat(decoder.decodeErspanFrame(buffer, 0, length, EPOCH_NS)).isEqualTo(EncapsulationResult.DECODED);
        assertThat(decoder.sessionKey()).isEqualTo(12);
        assertInnerDecodes();
    }

    @Test
    void reportsMalformedErspanByReason()
    {
        final int erspan = greOverIpv4(ErspanHeader.GRE_PROTOCOL_TYPE_III);
        buffer.putInt(erspan, 2 << 28, BIG_ENDIAN);
        buffer.putInt(erspan + 8, 1, BIG_ENDIAN);
        final int length = finish(erspan + ErspanHeader.TYPE_III_LENGTH + 4);
        assertThat(decoder.decodeErspan(buffer, 0, erspan + 14, 0))
            .isEqualTo(EncapsulationResult.TRUNCATED_OUTER_IPV4);
        final int subheaderCut = erspan + ErspanHeader.TYPE_III_LENGTH + 4;
        buffer.putShort(Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)subheaderCut, BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.TRUNCATED_ERSPAN);

        buffer.putInt(erspan, 1 << 28, BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.BAD_ERSPAN_VERSION);

        buffer.putShort(OUTER_IPV4 + GreHeader.PROTOCOL_OFFSET, (short)ErspanHeader.GRE_PROTOCOL_TYPE_II, BIG_ENDIAN);
        buffer.putShort(OUTER_IPV4, (short)0, BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).as("type I")
            .isEqualTo(EncapsulationResult.BAD_ERSPAN_VERSION);

        buffer.putShort(OUTER_IPV4 + GreHeader.PROTOCOL_OFFSET, (short)0x6558, BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.GRE_NOT_ERSPAN);

        buffer.putShort(OUTER_IPV4, (short)(GreHeader.FLAG_SEQUENCE | 1), BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.BAD_GRE_VERSION);

        buffer.putShort(OUTER_IPV4, (short)(GreHeader.FLAG_SEQUENCE | GreHeader.FLAG_KEY | GreHeader.FLAG_CHECKSUM),
            BIG_ENDIAN);
        buffer.putShort(Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)(OUTER_IPV4 + 12), BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.TRUNCATED_GRE);

        buffer.putShort(Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)0x2000, BIG_ENDIAN);
        buffer.putShort(Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)length, BIG_ENDIAN);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.OUTER_IPV4_FRAGMENT);

        buffer.putByte(Ipv4Flyweight.PROTOCOL_OFFSET, (byte)17);
        assertThat(decoder.decodeErspan(buffer, 0, length, 0)).isEqualTo(EncapsulationResult.OUTER_NOT_IPV4_GRE);
        assertThat(EncapsulationResult.OUTER_NOT_IPV4_GRE.counterLabel())
            .isEqualTo("encap.malformed.outer_not_ipv4_gre");
    }

    @Test
    void neverThrowsOnRandomBytes()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final byte[] bytes = new byte[128];
        final UnsafeBuffer packet = new UnsafeBuffer(bytes);
        assertThatCode(() ->
        {
            for (int i = 0; i < 30_000; i++)
            {
                for (int b = 0; b < bytes.length; b++)
                {
                    bytes[b] = (byte)random.nextInt(256);
                }
                final int length = random.nextInt(bytes.length + 1);
                packet.putByte(0, (byte)(0x45 + random.nextInt(3)));
                packet.putByte(Ipv4Flyweight.PROTOCOL_OFFSET, (byte)GreHeader.IP_PROTOCOL);
                packet.putShort(Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)0, BIG_ENDIAN);
                packet.putShort(OUTER_IPV4 + GreHeader.PROTOCOL_OFFSET,
                    (short)(random.nextBoolean() ? ErspanHeader.GRE_PROTOCOL_TYPE_II :
                        ErspanHeader.GRE_PROTOCOL_TYPE_III), BIG_ENDIAN);
                decoder.decodeErspan(packet, 0, length, random.nextLong());
                decoder.decodeErspanFrame(packet, 0, length, random.nextLong());
                decoder.decodeGeneve(packet, 0, length);
                decoder.decodeVxlan(packet, 0, length);
                if (EncapsulationResult.DECODED == decoder.decodeGeneve(packet, 0, length))
                {
                    assertThat(decoder.innerOffset() + decoder.innerLength()).isLessThanOrEqualTo(length);
                }
            }
        }).doesNotThrowAnyException();
    }

    private int greOverIpv4(final int protocolType)
    {
        return greOverIpv4(0, protocolType);
    }

    private int greOverIpv4(final int start, final int protocolType)
    {
        buffer.setMemory(start, OUTER_IPV4 + GRE_WITH_SEQUENCE, (byte)0);
        buffer.putByte(start + Ipv4Flyweight.VERSION_IHL_OFFSET, (byte)0x45);
        buffer.putByte(start + Ipv4Flyweight.TTL_OFFSET, (byte)64);
        buffer.putByte(start + Ipv4Flyweight.PROTOCOL_OFFSET, (byte)GreHeader.IP_PROTOCOL);
        buffer.putInt(start + Ipv4Flyweight.SOURCE_OFFSET, 0x0A09_0001, BIG_ENDIAN);
        buffer.putInt(start + Ipv4Flyweight.DESTINATION_OFFSET, 0x0A09_0002, BIG_ENDIAN);
        final int gre = start + OUTER_IPV4;
        buffer.putShort(gre + GreHeader.FLAGS_VERSION_OFFSET, (short)GreHeader.FLAG_SEQUENCE, BIG_ENDIAN);
        buffer.putShort(gre + GreHeader.PROTOCOL_OFFSET, (short)protocolType, BIG_ENDIAN);
        buffer.putInt(gre + 4, 99, BIG_ENDIAN);
        buffer.setMemory(gre + GRE_WITH_SEQUENCE, ErspanHeader.TYPE_III_LENGTH + 8, (byte)0);
        return gre + GRE_WITH_SEQUENCE;
    }

    private int finish(final int innerOffset)
    {
        return finish(0, innerOffset);
    }

    private int finish(final int start, final int innerOffset)
    {
        final int end = innerOffset + FrameWriter.write(inner, buffer, innerOffset);
        buffer.putShort(start + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)(end - start), BIG_ENDIAN);
        return end;
    }

    private void assertInnerDecodes()
    {
        assertThat(packetDecoder.decode(buffer, decoder.innerOffset(), decoder.innerLength(), decoded))
            .isEqualTo(DecodeResult.IPV4);
        assertThat(decoded.srcIp).isEqualTo(inner.srcIp);
        assertThat(decoded.dstPort).isEqualTo(inner.dstPort);
    }
}
