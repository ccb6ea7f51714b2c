package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes the frame a {@link FabricPacket} describes: Ethernet II, IPv4 with a correct header checksum, and a TCP,
 * UDP or ICMP header with a correct checksum, the payload zero-filled up to the packet's IP length. The frame
 * decodes back to the same header facts, so the lab network can send mirror copies that netshadow reads as it
 * reads a switch's. {@link FabricPacket#seq} goes into the TCP sequence number or the first four bytes of the UDP
 * payload (kept when the UDP payload has at least four bytes).
 */
public final class FrameWriter
{
    /** Source MAC of written frames: a locally administered address. */
    public static final long SOURCE_MAC = 0x02_00_00_00_00_01L;
    /** Destination MAC of written frames: a locally administered address. */
    public static final long DESTINATION_MAC = 0x02_00_00_00_00_02L;

    private static final int MAX_IP_LENGTH = 0xFFFF;
    private static final int DEFAULT_TTL = 64;

    private FrameWriter()
    {
    }

    /**
     * The IP length a written frame has for a packet: its {@code lengthBytes}, raised to the IPv4 and layer-4
     * headers when it is shorter.
     *
     * @param packet the packet.
     * @return the IP length in bytes.
     */
    public static int ipLength(final FabricPacket packet)
    {
        return Math.max(packet.lengthBytes, Ipv4Flyweight.MIN_HEADER_LENGTH + transportHeaderLength(packet.protocol));
    }

    /**
     * The length of the frame {@link #write} produces for a packet.
     *
     * @param packet the packet.
     * @return the frame length in bytes.
     */
    public static int frameLength(final FabricPacket packet)
    {
        return EthernetFlyweight.HEADER_LENGTH + ipLength(packet);
    }

    /**
     * Writes a packet as an Ethernet frame.
     *
     * @param packet the header facts; a TTL of 0 is written as 64.
     * @param buffer where to write.
     * @param offset where the frame starts.
     * @return the frame length in bytes.
     * @throws IllegalArgumentException when the IP length exceeds 65535 or the frame does not fit in the buffer.
     */
    public static int write(final FabricPacket packet, final MutableDirectBuffer buffer, final int offset)
    {
        final int ipLength = ipLength(packet);
        if (ipLength > MAX_IP_LENGTH)
        {
            throw new IllegalArgumentException("IP length " + ipLength + " exceeds " + MAX_IP_LENGTH);
        }
        final int frameLength = EthernetFlyweight.HEADER_LENGTH + ipLength;
        if (offset < 0 || offset + frameLength > buffer.capacity())
        {
            throw new IllegalArgumentException("a frame of " + frameLength + " bytes at offset " + offset +
                " does not fit a buffer of " + buffer.capacity());
        }
        buffer.setMemory(offset, frameLength, (byte)0);
        writeEthernet(buffer, offset);
        final int ipOffset = offset + EthernetFlyweight.HEADER_LENGTH;
        writeIpv4(packet, buffer, ipOffset, ipLength);
        final int transportOffset = ipOffset + Ipv4Flyweight.MIN_HEADER_LENGTH;
        writeTransport(packet, buffer, transportOffset, ipLength - Ipv4Flyweight.MIN_HEADER_LENGTH);
        return frameLength;
    }

    /**
     * Writes a packet as a VXLAN-encapsulated frame: the VXLAN header, then the frame, ready to be the payload of
     * a UDP datagram to port {@link VxlanHeader#UDP_PORT}.
     *
     * @param packet the header facts.
     * @param vni    the VXLAN network identifier of the mirror session.
     * @param buffer where to write.
     * @param offset where the VXLAN header starts.
     * @return the length of header and frame in bytes.
     */
    public static int writeVxlan(
        final FabricPacket packet, final int vni, final MutableDirectBuffer buffer, final int offset)
    {
        final int headerLength = VxlanHeader.write(buffer, offset, vni);
        return headerLength + write(packet, buffer, offset + headerLength);
    }

    /**
     * Writes a packet as a GENEVE-encapsulated frame (RFC 8926): a version 0 GENEVE header without options, then
     * the frame, ready to be the payload of a UDP datagram to port {@link GeneveHeader#UDP_PORT}.
     *
     * @param packet the header facts.
     * @param vni    the GENEVE virtual network identifier of the mirror session.
     * @param buffer where to write.
     * @param offset where the GENEVE header starts.
     * @return the length of header and frame in bytes.
     */
    public static int writeGeneve(
        final FabricPacket packet, final int vni, final MutableDirectBuffer buffer, final int offset)
    {
        final int headerLength = GeneveHeader.write(buffer, offset, vni);
        return headerLength + write(packet, buffer, offset + headerLength);
    }

    /**
     * Writes a packet as an ERSPAN type II copy: a GRE header with a sequence number, the ERSPAN type II header,
     * then the frame, ready to be the payload of an IPv4 packet of protocol {@link GreHeader#IP_PROTOCOL}.
     *
     * @param packet    the header facts.
     * @param sessionId the ERSPAN session id of the mirror session.
     * @param sequence  the GRE sequence number, one more for each copy of the session.
     * @param buffer    where to write.
     * @param offset    where the GRE header starts.
     * @return the length of headers and frame in bytes.
     */
    public static int writeErspanTypeII(
        final FabricPacket packet,
        final int sessionId,
        final int sequence,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        final int greLength = GreHeader.writeSequenced(buffer, offset, ErspanHeader.GRE_PROTOCOL_TYPE_II, sequence);
        final int headerLength = greLength + ErspanHeader.writeTypeII(buffer, offset + greLength, sessionId);
        return headerLength + write(packet, buffer, offset + headerLength);
    }

    /**
     * Writes a packet as an ERSPAN type III copy with a timestamp: a GRE header with a sequence number, the ERSPAN
     * type III header (100-nanosecond ticks, no platform subheader), then the frame, ready to be the payload of an
     * IPv4 packet of protocol {@link GreHeader#IP_PROTOCOL}.
     *
     * @param packet      the header facts.
     * @param sessionId   the ERSPAN session id of the mirror session.
     * @param sequence    the GRE sequence number, one more for each copy of the session.
     * @param timestampNs when the copy was taken, nanoseconds since the epoch.
     * @param egress      whether the copy was taken as the frame left the port.
     * @param buffer      where to write.
     * @param offset      where the GRE header starts.
     * @return the length of headers and frame in bytes.
     */
    public static int writeErspanTypeIII(
        final FabricPacket packet,
        final int sessionId,
        final int sequence,
        final long timestampNs,
        final boolean egress,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        final int greLength = GreHeader.writeSequenced(buffer, offset, ErspanHeader.GRE_PROTOCOL_TYPE_III, sequence);
        final int headerLength = greLength +
            ErspanHeader.writeTypeIII(buffer, offset + greLength, sessionId, timestampNs, egress);
        return headerLength + write(packet, buffer, offset + headerLength);
    }

    private static void writeEthernet(final MutableDirectBuffer buffer, final int offset)
    {
        putMac(buffer, offset + EthernetFlyweight.DESTINATION_OFFSET, DESTINATION_MAC);
        putMac(buffer, offset + EthernetFlyweight.SOURCE_OFFSET, SOURCE_MAC);
        buffer.putShort(
            offset + EthernetFlyweight.ETHER_TYPE_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV4, BIG_ENDIAN);
    }

    private static void writeIpv4(
        final FabricPacket packet, final MutableDirectBuffer buffer, final int offset, final int ipLength)
    {
        buffer.putByte(offset + Ipv4Flyweight.VERSION_IHL_OFFSET, (byte)0x45);
        buffer.putByte(offset + Ipv4Flyweight.TOS_OFFSET, (byte)((packet.dscp & 0x3F) << 2));
        buffer.putShort(offset + Ipv4Flyweight.TOTAL_LENGTH_OFFSET, (short)ipLength, BIG_ENDIAN);
        buffer.putShort(offset + Ipv4Flyweight.IDENTIFICATION_OFFSET, (short)packet.ipId, BIG_ENDIAN);
        buffer.putByte(offset + Ipv4Flyweight.TTL_OFFSET, (byte)(0 == packet.ttl ? DEFAULT_TTL : packet.ttl));
        buffer.putByte(offset + Ipv4Flyweight.PROTOCOL_OFFSET, (byte)packet.protocol);
        buffer.putInt(offset + Ipv4Flyweight.SOURCE_OFFSET, packet.srcIp, BIG_ENDIAN);
        buffer.putInt(offset + Ipv4Flyweight.DESTINATION_OFFSET, packet.dstIp, BIG_ENDIAN);
        final int checksum = InternetChecksum.checksum(buffer, offset, Ipv4Flyweight.MIN_HEADER_LENGTH, 0);
        buffer.putShort(offset + Ipv4Flyweight.CHECKSUM_OFFSET, (short)checksum, BIG_ENDIAN);
    }

    private static void writeTransport(
        final FabricPacket packet, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        switch (packet.protocol)
        {
            case Ipv4Flyweight.PROTOCOL_TCP ->
            {
                buffer.putShort(offset + TcpFlyweight.SOURCE_PORT_OFFSET, (short)packet.srcPort, BIG_ENDIAN);
                buffer.putShort(offset + TcpFlyweight.DESTINATION_PORT_OFFSET, (short)packet.dstPort, BIG_ENDIAN);
                buffer.putInt(offset + TcpFlyweight.SEQUENCE_OFFSET, packet.seq, BIG_ENDIAN);
                final int dataOffsetWords = TcpFlyweight.MIN_HEADER_LENGTH / 4;
                buffer.putByte(offset + TcpFlyweight.DATA_OFFSET_OFFSET, (byte)(dataOffsetWords << 4));
                buffer.putByte(offset + TcpFlyweight.FLAGS_OFFSET, (byte)0x18);
                buffer.putShort(offset + TcpFlyweight.WINDOW_OFFSET, (short)0xFFFF, BIG_ENDIAN);
                final long sum = pseudoHeaderSum(packet, length);
                final int checksum = InternetChecksum.checksum(buffer, offset, TcpFlyweight.MIN_HEADER_LENGTH, sum);
                buffer.putShort(offset + TcpFlyweight.CHECKSUM_OFFSET, (short)checksum, BIG_ENDIAN);
            }
            case Ipv4Flyweight.PROTOCOL_UDP ->
            {
                buffer.putShort(offset + UdpFlyweight.SOURCE_PORT_OFFSET, (short)packet.srcPort, BIG_ENDIAN);
                buffer.putShort(offset + UdpFlyweight.DESTINATION_PORT_OFFSET, (short)packet.dstPort, BIG_ENDIAN);
                buffer.putShort(offset + UdpFlyweight.LENGTH_OFFSET, (short)length, BIG_ENDIAN);
                final int seqBytes = Math.min(Integer.BYTES, length - UdpFlyweight.HEADER_LENGTH);
                if (Integer.BYTES == seqBytes)
                {
                    buffer.putInt(offset + UdpFlyweight.HEADER_LENGTH, packet.seq, BIG_ENDIAN);
                }
                final long sum = pseudoHeaderSum(packet, length);
                final int checksum = InternetChecksum.checksum(
                    buffer, offset, UdpFlyweight.HEADER_LENGTH + seqBytes, sum);
                final int carried = 0 == checksum ? 0xFFFF : checksum;
                buffer.putShort(offset + UdpFlyweight.CHECKSUM_OFFSET, (short)carried, BIG_ENDIAN);
            }
            case Ipv4Flyweight.PROTOCOL_ICMP ->
            {
                buffer.putByte(offset + IcmpFlyweight.TYPE_OFFSET, (byte)IcmpFlyweight.TYPE_ECHO_REQUEST);
                final int checksum = InternetChecksum.checksum(buffer, offset, IcmpFlyweight.HEADER_LENGTH, 0);
                buffer.putShort(offset + IcmpFlyweight.CHECKSUM_OFFSET, (short)checksum, BIG_ENDIAN);
            }
            default ->
            {
            }
        }
    }

    private static long pseudoHeaderSum(final FabricPacket packet, final int transportLength)
    {
        return (packet.srcIp >>> 16) + (packet.srcIp & 0xFFFF) +
            (packet.dstIp >>> 16) + (packet.dstIp & 0xFFFF) +
            (packet.protocol & 0xFF) + transportLength;
    }

    private static int transportHeaderLength(final int protocol)
    {
        return switch (protocol)
        {
            case Ipv4Flyweight.PROTOCOL_TCP -> TcpFlyweight.MIN_HEADER_LENGTH;
            case Ipv4Flyweight.PROTOCOL_UDP -> UdpFlyweight.HEADER_LENGTH;
            case Ipv4Flyweight.PROTOCOL_ICMP -> IcmpFlyweight.HEADER_LENGTH;
            default -> 0;
        };
    }

    private static void putMac(final MutableDirectBuffer buffer, final int offset, final long mac)
    {
        buffer.putInt(offset, (int)(mac >>> 16), BIG_ENDIAN);
        buffer.putShort(offset + 4, (short)mac, BIG_ENDIAN);
    }
}
