package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Decodes an Ethernet frame in place into the header facts of a {@link FabricPacket}: up to two VLAN tags
 * (802.1Q, QinQ), IPv4 and its TCP, UDP or ICMP header; IPv6 is recognised but not decoded further. Every
 * length is checked before it is read, so bad bytes give a {@link DecodeResult} and never an exception.
 * <p>
 * Non-first IPv4 fragments carry no layer-4 header: they decode with ports and {@code seq} of zero.
 * <p>
 * Allocates nothing per frame. Not thread-safe: one instance per thread.
 */
public final class PacketDecoder
{
    /** The most VLAN tags a frame may carry: an outer service tag and an inner customer tag. */
    public static final int MAX_VLAN_TAGS = 2;

    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int SEQ_LENGTH = 4;

    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final VlanTagFlyweight vlanTag = new VlanTagFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final TcpFlyweight tcp = new TcpFlyweight();
    private final UdpFlyweight udp = new UdpFlyweight();
    private final FlowHash flowHash;
    private final PacketKey packetKey;

    private int vlanTagCount;
    private int outerVlanId;
    private int innerVlanId;
    private int networkOffset;
    private long lastPacketKey;

    /**
     * A decoder whose flow hashes and packet keys use the given key.
     *
     * @param hashKey0 the hash key's first half.
     * @param hashKey1 the hash key's second half.
     */
    public PacketDecoder(final long hashKey0, final long hashKey1)
    {
        this.flowHash = new FlowHash(hashKey0, hashKey1);
        this.packetKey = new PacketKey(hashKey0, hashKey1);
    }

    /**
     * Decodes one frame. Every field of {@code packet} is overwritten: with the frame's header facts and flow
     * hash for {@link DecodeResult#IPV4}, with zeros otherwise.
     *
     * @param buffer the frame's buffer.
     * @param offset where the Ethernet header starts.
     * @param length the frame's length in bytes, without a frame check sequence.
     * @param packet receives the header facts.
     * @return what the frame is.
     */
    public DecodeResult decode(final DirectBuffer buffer, final int offset, final int length, final FabricPacket packet)
    {
        reset(packet);
        if (length < EthernetFlyweight.HEADER_LENGTH)
        {
            return DecodeResult.TRUNCATED_ETHERNET;
        }
        final int end = offset + length;
        int etherType = ethernet.wrap(buffer, offset).etherType();
        int position = offset + EthernetFlyweight.HEADER_LENGTH;
        while (EthernetFlyweight.isVlanTag(etherType))
        {
            if (MAX_VLAN_TAGS == vlanTagCount)
            {
                return DecodeResult.TOO_MANY_VLAN_TAGS;
            }
            if (end - position < VlanTagFlyweight.LENGTH)
            {
                return DecodeResult.TRUNCATED_VLAN_TAG;
            }
            vlanTag.wrap(buffer, position);
            if (0 == vlanTagCount)
            {
                outerVlanId = vlanTag.vlanId();
            }
            else
            {
                innerVlanId = vlanTag.vlanId();
            }
            vlanTagCount++;
            etherType = vlanTag.etherType();
            position += VlanTagFlyweight.LENGTH;
        }
        networkOffset = position;

        if (EthernetFlyweight.ETHER_TYPE_IPV4 == etherType)
        {
            return decodeIpv4(buffer, position, end - position, packet);
        }
        if (EthernetFlyweight.ETHER_TYPE_IPV6 == etherType)
        {
            return decodeIpv6(buffer, position, end - position);
        }
        return DecodeResult.NOT_IP;
    }

    /**
     * The number of VLAN tags the last frame carried.
     *
     * @return 0, 1 or 2.
     */
    public int vlanTagCount()
    {
        return vlanTagCount;
    }

    /**
     * The VLAN id of the last frame's outer (or only) tag.
     *
     * @return the id, 0 when untagged.
     */
    public int outerVlanId()
    {
        return outerVlanId;
    }

    /**
     * The VLAN id of the last frame's inner QinQ tag.
     *
     * @return the id, 0 when it had fewer than two tags.
     */
    public int innerVlanId()
    {
        return innerVlanId;
    }

    /**
     * Where the last frame's network header starts.
     *
     * @return the offset in the buffer, valid when the frame got past its link headers.
     */
    public int networkOffset()
    {
        return networkOffset;
    }

    /**
     * The {@link PacketKey} of the last frame.
     *
     * @return the key when it decoded as {@link DecodeResult#IPV4}, 0 otherwise.
     */
    public long packetKey()
    {
        return lastPacketKey;
    }

    private DecodeResult decodeIpv4(
        final DirectBuffer buffer, final int offset, final int available, final FabricPacket packet)
    {
        if (available < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return DecodeResult.TRUNCATED_IPV4;
        }
        ipv4.wrap(buffer, offset);
        if (4 != ipv4.version())
        {
            return DecodeResult.BAD_IPV4_VERSION;
        }
        final int headerLength = ipv4.headerLength();
        if (headerLength < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return DecodeResult.BAD_IPV4_IHL;
        }
        if (headerLength > available)
        {
            return DecodeResult.TRUNCATED_IPV4;
        }
        final int totalLength = ipv4.totalLength();
        if (totalLength < headerLength)
        {
            return DecodeResult.IPV4_TOTAL_LENGTH_BELOW_HEADER;
        }
        if (totalLength > available)
        {
            return DecodeResult.IPV4_TOTAL_LENGTH_BEYOND_FRAME;
        }

        final int protocol = ipv4.protocol();
        final int payloadOffset = offset + headerLength;
        final int payloadLength = totalLength - headerLength;
        if (0 == ipv4.fragmentOffsetBytes())
        {
            final DecodeResult transport = decodeTransport(
                buffer, payloadOffset, payloadLength, protocol, ipv4.moreFragments(), packet);
            if (DecodeResult.IPV4 != transport)
            {
                packet.srcPort = 0;
                packet.dstPort = 0;
                packet.seq = 0;
                return transport;
            }
        }

        packet.srcIp = ipv4.sourceAddress();
        packet.dstIp = ipv4.destinationAddress();
        packet.protocol = protocol;
        packet.lengthBytes = totalLength;
        packet.dscp = ipv4.dscp();
        packet.ttl = ipv4.ttl();
        packet.ipId = ipv4.identification();
        packet.flowHash = flowHash.hash(packet);
        lastPacketKey = packetKey.of(packet);
        return DecodeResult.IPV4;
    }

    private DecodeResult decodeTransport(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int protocol,
        final boolean moreFragments,
        final FabricPacket packet)
    {
        switch (protocol)
        {
            case Ipv4Flyweight.PROTOCOL_TCP ->
            {
                if (length < TcpFlyweight.MIN_HEADER_LENGTH)
                {
                    return DecodeResult.TRUNCATED_TCP;
                }
                tcp.wrap(buffer, offset);
                final int headerLength = tcp.headerLength();
                if (headerLength < TcpFlyweight.MIN_HEADER_LENGTH)
                {
                    return DecodeResult.BAD_TCP_DATA_OFFSET;
                }
                if (headerLength > length)
                {
                    return DecodeResult.TRUNCATED_TCP;
                }
                packet.srcPort = tcp.sourcePort();
                packet.dstPort = tcp.destinationPort();
                packet.seq = tcp.sequenceNumber();
            }
            case Ipv4Flyweight.PROTOCOL_UDP ->
            {
                if (length < UdpFlyweight.HEADER_LENGTH)
                {
                    return DecodeResult.TRUNCATED_UDP;
                }
                udp.wrap(buffer, offset);
                final int udpLength = udp.length();
                if (udpLength < UdpFlyweight.HEADER_LENGTH || (!moreFragments && udpLength > length))
                {
                    return DecodeResult.BAD_UDP_LENGTH;
                }
                packet.srcPort = udp.sourcePort();
                packet.dstPort = udp.destinationPort();
                final int payloadLength = Math.min(udpLength, length) - UdpFlyweight.HEADER_LENGTH;
                packet.seq = payloadLength >= SEQ_LENGTH ?
                    buffer.getInt(offset + UdpFlyweight.HEADER_LENGTH, BIG_ENDIAN) : 0;
            }
            case Ipv4Flyweight.PROTOCOL_ICMP ->
            {
                if (length < IcmpFlyweight.HEADER_LENGTH)
                {
                    return DecodeResult.TRUNCATED_ICMP;
                }
            }
            default ->
            {
            }
        }
        return DecodeResult.IPV4;
    }

    private static DecodeResult decodeIpv6(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available < IPV6_HEADER_LENGTH)
        {
            return DecodeResult.TRUNCATED_IPV6;
        }
        if (6 != (buffer.getByte(offset) & 0xFF) >>> 4)
        {
            return DecodeResult.BAD_IPV6_VERSION;
        }
        return DecodeResult.IPV6;
    }

    private void reset(final FabricPacket packet)
    {
        packet.srcIp = 0;
        packet.dstIp = 0;
        packet.protocol = 0;
        packet.srcPort = 0;
        packet.dstPort = 0;
        packet.lengthBytes = 0;
        packet.dscp = 0;
        packet.ttl = 0;
        packet.ipId = 0;
        packet.seq = 0;
        packet.flowHash = 0;
        vlanTagCount = 0;
        outerVlanId = 0;
        innerVlanId = 0;
        networkOffset = 0;
        lastPacketKey = 0;
    }
}
