package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class PacketDecoderTest
{
    private static final int ETH = EthernetFlyweight.HEADER_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
    private final PacketDecoder decoder = new PacketDecoder(1, 2);
    private final FabricPacket decoded = new FabricPacket();

    @Test
    void decodesTcpFrameBackToTheFieldsItWasWrittenFrom()
    {
        final FabricPacket packet = packet(6, 1000);
        final int length = FrameWriter.write(packet, buffer, 0);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertSameFacts(decoded, packet);
        assertThat(decoder.networkOffset()).isEqualTo(ETH);
        assertThat(decoder.vlanTagCount()).isZero();
    }

    @Test
    void decodesUdpSeqFromTheFirstFourPayloadBytes()
    {
        final FabricPacket packet = packet(17, 200);
        final int length = FrameWriter.write(packet, buffer, 0);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertSameFacts(decoded, packet);
        assertThat(decoded.seq).isEqualTo(packet.seq);
    }

    @Test
    void decodesIcmpWithoutPortsOrSeq()
    {
        final FabricPacket packet = packet(1, 84);
        packet.srcPort = 0;
        packet.dstPort = 0;
        packet.seq = 0;
        final int length = FrameWriter.write(packet, buffer, 0);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertSameFacts(decoded, packet);
    }

    @Test
    void flowHashAndPacketKeyAreSetForIpv4()
    {
        final FabricPacket packet = packet(6, 100);
        final int length = FrameWriter.write(packet, buffer, 0);
        decoder.decode(buffer, 0, length, decoded);

        assertThat(decoded.flowHash).isEqualTo(new FlowHash(1, 2).hash(packet));
        assertThat(decoder.packetKey()).isEqualTo(new PacketKey(1, 2).of(packet));
    }

    @Test
    void decodesThroughAnEightyTwoDotOneQTag()
    {
        final int length = tagged(packet(17, 100), EthernetFlyweight.ETHER_TYPE_VLAN, 42);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertThat(decoder.vlanTagCount()).isEqualTo(1);
        assertThat(decoder.outerVlanId()).isEqualTo(42);
        assertThat(decoder.networkOffset()).isEqualTo(ETH + VlanTagFlyweight.LENGTH);
        assertThat(decoded.dstPort).isEqualTo(53);
    }

    @Test
    void decodesThroughQinQTags()
    {
        final FabricPacket packet = packet(6, 100);
        final int untagged = FrameWriter.write(packet, buffer, 8);
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_QINQ, BIG_ENDIAN);
        buffer.putShort(14, (short)100, BIG_ENDIAN);
        buffer.putShort(16, (short)EthernetFlyweight.ETHER_TYPE_VLAN, BIG_ENDIAN);
        buffer.putShort(18, (short)200, BIG_ENDIAN);
        buffer.putShort(20, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, untagged + 8, decoded)).isEqualTo(DecodeResult.IPV4);
        assertThat(decoder.vlanTagCount()).isEqualTo(2);
        assertThat(decoder.outerVlanId()).isEqualTo(100);
        assertThat(decoder.innerVlanId()).isEqualTo(200);
        assertSameFacts(decoded, packet);
    }

    @Test
    void recognisesIpv6WithoutForwardingIt()
    {
        buffer.setMemory(0, 100, (byte)0);
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
        buffer.putByte(ETH, (byte)0x60);
        buffer.putByte(ETH + 6, (byte)59);

        assertThat(decoder.decode(buffer, 0, ETH + 40, decoded)).isEqualTo(DecodeResult.IPV6);
        assertThat(DecodeResult.IPV6.isMalformed()).isFalse();
        assertThat(decoded.lengthBytes).isZero();
    }

    @Test
    void reportsOtherEtherTypesAsNotIp()
    {
        buffer.setMemory(0, 60, (byte)0);
        buffer.putShort(12, (short)0x0806, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, 60, decoded)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void reportsATruncatedEthernetHeader()
    {
        assertThat(decoder.decode(buffer, 0, ETH - 1, decoded)).isEqualTo(DecodeResult.TRUNCATED_ETHERNET);
    }

    @Test
    void reportsATruncatedVlanTag()
    {
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_VLAN, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, ETH + 2, decoded)).isEqualTo(DecodeResult.TRUNCATED_VLAN_TAG);
    }

    @Test
    void reportsMoreThanTwoVlanTags()
    {
        buffer.setMemory(0, 64, (byte)0);
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_QINQ, BIG_ENDIAN);
        buffer.putShort(16, (short)EthernetFlyweight.ETHER_TYPE_VLAN, BIG_ENDIAN);
        buffer.putShort(20, (short)EthernetFlyweight.ETHER_TYPE_VLAN, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, 64, decoded)).isEqualTo(DecodeResult.TOO_MANY_VLAN_TAGS);
    }

    @Test
    void reportsATruncatedIpv4Header()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);

        assertThat(decoder.decode(buffer, 0, ETH + 19, decoded)).isEqualTo(DecodeResult.TRUNCATED_IPV4);
        assertThat(length).isGreaterThan(ETH + 19);
    }

    @Test
    void reportsOptionsThatRunPastTheFrame()
    {
        FrameWriter.write(packet(6, 100), buffer, 0);
        buffer.putByte(ETH, (byte)0x4F);

        assertThat(decoder.decode(buffer, 0, ETH + 40, decoded)).isEqualTo(DecodeResult.TRUNCATED_IPV4);
    }

    @Test
    void reportsABadIpv4Version()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);
        buffer.putByte(ETH, (byte)0x55);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.BAD_IPV4_VERSION);
    }

    @Test
    void reportsABadIpv4HeaderLength()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);
        buffer.putByte(ETH, (byte)0x44);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.BAD_IPV4_IHL);
    }

    @Test
    void reportsATotalLengthBelowTheHeader()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)19, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4_TOTAL_LENGTH_BELOW_HEADER);
    }

    @Test
    void reportsATotalLengthBeyondTheFrame()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);

        assertThat(decoder.decode(buffer, 0, length - 1, decoded))
            .isEqualTo(DecodeResult.IPV4_TOTAL_LENGTH_BEYOND_FRAME);
    }

    @Test
    void acceptsEthernetPaddingAfterTheIpPacket()
    {
        final FabricPacket packet = packet(17, 32);
        final int length = FrameWriter.write(packet, buffer, 0);
        buffer.setMemory(length, 60 - length, (byte)0);

        assertThat(decoder.decode(buffer, 0, 60, decoded)).isEqualTo(DecodeResult.IPV4);
        assertThat(decoded.lengthBytes).isEqualTo(32);
    }

    @Test
    void reportsATruncatedTcpHeader()
    {
        final int length = FrameWriter.write(packet(6, 40), buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)39, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.TRUNCATED_TCP);
        assertThat(decoded.srcPort).isZero();
    }

    @Test
    void reportsABadTcpDataOffset()
    {
        final int length = FrameWriter.write(packet(6, 100), buffer, 0);
        buffer.putByte(ETH + 20 + TcpFlyweight.DATA_OFFSET_OFFSET, (byte)0x40);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.BAD_TCP_DATA_OFFSET);
    }

    @Test
    void reportsTcpOptionsThatRunPastThePacket()
    {
        final int length = FrameWriter.write(packet(6, 44), buffer, 0);
        buffer.putByte(ETH + 20 + TcpFlyweight.DATA_OFFSET_OFFSET, (byte)0x70);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.TRUNCATED_TCP);
    }

    @Test
    void reportsATruncatedUdpHeader()
    {
        final int length = FrameWriter.write(packet(17, 28), buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)27, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.TRUNCATED_UDP);
    }

    @Test
    void reportsAUdpLengthBeyondThePacket()
    {
        final int length = FrameWriter.write(packet(17, 100), buffer, 0);
        buffer.putShort(ETH + 20 + UdpFlyweight.LENGTH_OFFSET, (short)81, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.BAD_UDP_LENGTH);
    }

    @Test
    void reportsATruncatedIcmpHeader()
    {
        final int length = FrameWriter.write(packet(1, 28), buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)27, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.TRUNCATED_ICMP);
    }

    @Test
    void reportsATruncatedIpv6Header()
    {
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, ETH + 39, decoded)).isEqualTo(DecodeResult.TRUNCATED_IPV6);
    }

    @Test
    void reportsABadIpv6Version()
    {
        buffer.setMemory(0, ETH + 40, (byte)0);
        buffer.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
        buffer.putByte(ETH, (byte)0x40);

        assertThat(decoder.decode(buffer, 0, ETH + 40, decoded)).isEqualTo(DecodeResult.BAD_IPV6_VERSION);
    }

    @Test
    void decodesNonFirstFragmentsWithoutPorts()
    {
        final FabricPacket packet = packet(17, 100);
        final int length = FrameWriter.write(packet, buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)(1480 / 8), BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertThat(decoded.srcPort).isZero();
        assertThat(decoded.dstPort).isZero();
        assertThat(decoded.seq).isZero();
        assertThat(decoded.srcIp).isEqualTo(packet.srcIp);
    }

    @Test
    void neverThrowsOnRandomBytes()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final byte[] bytes = new byte[256];
        final UnsafeBuffer frame = new UnsafeBuffer(bytes);
        assertThatCode(() ->
        {
            for (int i = 0; i < 20_000; i++)
            {
                for (int b = 0; b < bytes.length; b++)
                {
                    bytes[b] = (byte)random.nextInt(256);
                }
                if (random.nextBoolean())
                {
                    frame.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);
                    frame.putByte(14, (byte)(0x40 | random.nextInt(16)));
                }
                decoder.decode(frame, 0, random.nextInt(bytes.length + 1), decoded);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void everyMalformedResultHasItsOwnCounterLabel()
    {
        for (final DecodeResult result : DecodeResult.values())
        {
            if (result.isMalformed())
            {
                assertThat(result.counterLabel()).startsWith("decode.malformed.");
            }
        }
        assertThat(DecodeResult.TRUNCATED_ETHERNET.counterLabel()).isEqualTo("decode.malformed.truncated_ethernet");
    }

    private int tagged(final FabricPacket packet, final int tpid, final int vlanId)
    {
        final int untagged = FrameWriter.write(packet, buffer, 4);
        buffer.putShort(12, (short)tpid, BIG_ENDIAN);
        buffer.putShort(14, (short)vlanId, BIG_ENDIAN);
        buffer.putShort(16, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);
        return untagged + 4;
    }

    static FabricPacket packet(final int protocol, final int lengthBytes)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A00_0001;
        packet.dstIp = 0xC0A8_0102;
        packet.protocol = protocol;
        packet.srcPort = 40_000;
        packet.dstPort = 17 == protocol ? 53 : 443;
        packet.lengthBytes = lengthBytes;
        packet.dscp = 46;
        packet.ttl = 63;
        packet.ipId = 0xBEEF;
        packet.seq = 0xCAFE_BABE;
        return packet;
    }

    private static void assertSameFacts(final FabricPacket actual, final FabricPacket expected)
    {
        assertThat(actual.srcIp).isEqualTo(expected.srcIp);
        assertThat(actual.dstIp).isEqualTo(expected.dstIp);
        assertThat(actual.protocol).isEqualTo(expected.protocol);
        assertThat(actual.srcPort).isEqualTo(expected.srcPort);
        assertThat(actual.dstPort).isEqualTo(expected.dstPort);
        assertThat(actual.lengthBytes).isEqualTo(expected.lengthBytes);
        assertThat(actual.dscp).isEqualTo(expected.dscp);
        assertThat(actual.ttl).isEqualTo(expected.ttl);
        assertThat(actual.ipId).isEqualTo(expected.ipId);
        assertThat(actual.seq).isEqualTo(expected.seq);
    }
}
