package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class Ipv6DecoderTest
{
    private static final int ETH = EthernetFlyweight.HEADER_LENGTH;
    private static final int IPV6 = 40;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
    private final PacketDecoder decoder = new PacketDecoder(1, 2);
    private final FabricPacket decoded = new FabricPacket();

    @Test
    void decodesPortsThroughHopByHopRoutingAndDestinationOptions()
    {
        int position = ipv6Header(HOP_BY_HOP);
        position = extension(position, ROUTING, 0);
        position = extension(position, DESTINATION_OPTIONS, 2);
        position = extension(position, TCP, 1);
        position = tcp(position, 40_000, 443);

        assertThat(decode(position)).isEqualTo(DecodeResult.IPV6);
        assertThat(decoder.transportProtocol()).isEqualTo(TCP);
        assertThat(decoder.sourcePort()).isEqualTo(40_000);
        assertThat(decoder.destinationPort()).isEqualTo(443);
        assertThat(decoder.isFragment()).isFalse();
        assertThat(decoded.srcPort).as("the IPv4 shadow's facts stay zero").isZero();
    }

    @Test
    void decodesAFirstFragmentWithItsPorts()
    {
        int position = ipv6Header(FRAGMENT);
        position = fragment(position, UDP, 0, true);
        position = udp(position, 5353, 53, 64);

        assertThat(decode(position)).isEqualTo(DecodeResult.IPV6);
        assertThat(decoder.isFragment()).isTrue();
        assertThat(decoder.isNonFirstFragment()).isFalse();
        assertThat(decoder.sourcePort()).isEqualTo(5353);
        assertThat(decoder.destinationPort()).isEqualTo(53);
    }

    @Test
    void saysANonFirstFragmentHasNoPorts()
    {
        int position = ipv6Header(HOP_BY_HOP);
        position = extension(position, FRAGMENT, 0);
        position = fragment(position, UDP, 1448, false);
        buffer.setMemory(position, 16, (byte)0x7F);
        position += 16;

        assertThat(decode(position)).isEqualTo(DecodeResult.IPV6_NON_FIRST_FRAGMENT);
        assertThat(DecodeResult.IPV6_NON_FIRST_FRAGMENT.isMalformed()).isFalse();
        assertThat(decoder.isNonFirstFragment()).isTrue();
        assertThat(decoder.transportProtocol()).isEqualTo(UDP);
        assertThat(decoder.sourcePort()).isZero();
        assertThat(decoder.destinationPort()).isZero();
    }

    @Test
    void saysANonFirstIpv4FragmentHasNoPorts()
    {
        final FabricPacket packet = PacketDecoderTest.packet(17, 100);
        final int length = FrameWriter.write(packet, buffer, 0);
        buffer.putShort(ETH + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)(1480 / 8), BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV4);
        assertThat(decoder.isNonFirstFragment()).isTrue();
        assertThat(decoder.sourcePort()).isZero();
    }

    @Test
    void decodesIcmpv6()
    {
        int position = ipv6Header(ICMPV6);
        buffer.setMemory(position, 8, (byte)0);
        position += 8;

        assertThat(decode(position)).isEqualTo(DecodeResult.IPV6);
        assertThat(decoder.transportProtocol()).isEqualTo(ICMPV6);
    }

    @Test
    void reportsAnExtensionHeaderCutShort()
    {
        int position = ipv6Header(HOP_BY_HOP);
        position = extension(position, TCP, 3);

        assertThat(decode(position - 8)).isEqualTo(DecodeResult.TRUNCATED_IPV6_EXTENSION_HEADER);
        assertThat(decoder.sourcePort()).isZero();
    }

    @Test
    void reportsAFragmentHeaderCutShort()
    {
        int position = ipv6Header(FRAGMENT);
        position = fragment(position, UDP, 0, true);

        assertThat(decode(position - 4)).isEqualTo(DecodeResult.TRUNCATED_IPV6_EXTENSION_HEADER);
    }

    @Test
    void reportsTooManyExtensionHeaders()
    {
        int position = ipv6Header(DESTINATION_OPTIONS);
        for (int i = 0; i <= PacketDecoder.MAX_IPV6_EXTENSION_HEADERS; i++)
        {
            position = extension(position, DESTINATION_OPTIONS, 0);
        }

        assertThat(decode(position)).isEqualTo(DecodeResult.TOO_MANY_IPV6_EXTENSION_HEADERS);
    }

    @Test
    void reportsAPayloadLengthBeyondTheFrame()
    {
        int position = ipv6Header(TCP);
        position = tcp(position, 1, 2);
        final int length = decodeLength(position);
        buffer.putShort(ETH + 4, (short)(length - ETH - IPV6 + 1), BIG_ENDIAN);

        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV6_PAYLOAD_LENGTH_BEYOND_FRAME);
    }

    @Test
    void reportsATruncatedTcpHeaderAfterExtensions()
    {
        int position = ipv6Header(HOP_BY_HOP);
        position = extension(position, TCP, 0);
        buffer.setMemory(position, 10, (byte)0);
        position += 10;

        assertThat(decode(position)).isEqualTo(DecodeResult.TRUNCATED_TCP);
    }

    @Test
    void neverThrowsOnRandomIpv6Chains()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final byte[] bytes = new byte[160];
        final UnsafeBuffer frame = new UnsafeBuffer(bytes);
        final int[] nextHeaders = {HOP_BY_HOP, ROUTING, FRAGMENT, DESTINATION_OPTIONS, 51, TCP, UDP, ICMPV6};
        assertThatCode(() ->
        {
            for (int i = 0; i < 20_000; i++)
            {
                for (int b = 0; b < bytes.length; b++)
                {
                    bytes[b] = (byte)random.nextInt(256);
                }
                frame.putShort(12, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
                frame.putByte(ETH, (byte)0x60);
                frame.putShort(ETH + 4, (short)random.nextInt(bytes.length), BIG_ENDIAN);
                for (int at = ETH + 6; at < bytes.length; at += 8)
                {
                    frame.putByte(at, (byte)nextHeaders[random.nextInt(nextHeaders.length)]);
                }
                decoder.decode(frame, 0, random.nextInt(bytes.length + 1), decoded);
            }
        }).doesNotThrowAnyException();
    }

    private int ipv6Header(final int nextHeader)
    {
        buffer.setMemory(0, ETH + IPV6, (byte)0);
        buffer.putShort(EthernetFlyweight.ETHER_TYPE_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
        buffer.putInt(ETH, 0x6000_0000, BIG_ENDIAN);
        buffer.putByte(ETH + 6, (byte)nextHeader);
        buffer.putByte(ETH + 7, (byte)64);
        buffer.putLong(ETH + 8, 0x2001_0DB8_0000_0000L, BIG_ENDIAN);
        buffer.putLong(ETH + 16, 1, BIG_ENDIAN);
        buffer.putLong(ETH + 24, 0x2001_0DB8_0000_0001L, BIG_ENDIAN);
        buffer.putLong(ETH + 32, 2, BIG_ENDIAN);
        return ETH + IPV6;
    }

    private int extension(final int position, final int nextHeader, final int lengthUnits)
    {
        final int length = (lengthUnits + 1) * 8;
        buffer.setMemory(position, length, (byte)0);
        buffer.putByte(position, (byte)nextHeader);
        buffer.putByte(position + 1, (byte)lengthUnits);
        return position + length;
    }

    private int fragment(final int position, final int nextHeader, final int offsetBytes, final boolean more)
    {
        buffer.setMemory(position, 8, (byte)0);
        buffer.putByte(position, (byte)nextHeader);
        buffer.putShort(position + 2, (short)(offsetBytes | (more ? 1 : 0)), BIG_ENDIAN);
        buffer.putInt(position + 4, 0x1234_5678, BIG_ENDIAN);
        return position + 8;
    }

    private int tcp(final int position, final int srcPort, final int dstPort)
    {
        buffer.setMemory(position, TcpFlyweight.MIN_HEADER_LENGTH, (byte)0);
        buffer.putShort(position, (short)srcPort, BIG_ENDIAN);
        buffer.putShort(position + 2, (short)dstPort, BIG_ENDIAN);
        buffer.putByte(position + 12, (byte)0x50);
        return position + TcpFlyweight.MIN_HEADER_LENGTH;
    }

    private int udp(final int position, final int srcPort, final int dstPort, final int udpLength)
    {
        buffer.setMemory(position, UdpFlyweight.HEADER_LENGTH, (byte)0);
        buffer.putShort(position, (short)srcPort, BIG_ENDIAN);
        buffer.putShort(position + 2, (short)dstPort, BIG_ENDIAN);
        buffer.putShort(position + 4, (short)udpLength, BIG_ENDIAN);
        return position + UdpFlyweight.HEADER_LENGTH;
    }

    private int decodeLength(final int end)
    {
        buffer.putShort(ETH + 4, (short)(end - ETH - IPV6), BIG_ENDIAN);
        return end;
    }

    private DecodeResult decode(final int end)
    {
        return decoder.decode(buffer, 0, decodeLength(end), decoded);
    }
}
