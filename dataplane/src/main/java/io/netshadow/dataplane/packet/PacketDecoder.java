package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Decodes an Ethernet frame in place into the header facts of a {@link FabricPacket}: up to two VLAN tags
 * (802.1Q, or an 802.1ad service tag over a customer tag for QinQ), IPv4 and its TCP, UDP or ICMP header. IPv6 is
 * decoded through its extension headers (hop-by-hop, routing, destination options, fragment, authentication) to
 * the transport protocol and ports, which {@link #transportProtocol()}, {@link #sourcePort()} and
 * {@link #destinationPort()} report; the IPv4 shadow does not forward it, so {@code packet} stays zero but for its
 * flow hash, the symmetric keyed hash of the IPv6 5-tuple, by which IPv6 flows are sampled whole. Every
 * length is checked before it is read, so bad bytes give a {@link DecodeResult} and never an exception.
 * <p>
 * Non-first fragments carry no layer-4 header: IPv4 ones decode as {@link DecodeResult#IPV4} with ports and
 * {@code seq} of zero, IPv6 ones as {@link DecodeResult#IPV6_NON_FIRST_FRAGMENT}; {@link #isNonFirstFragment()}
 * says so for both.
 * <p>
 * Allocates nothing per frame. Not thread-safe: one instance per thread.
 */
public final class PacketDecoder
{
    /** The most VLAN tags a frame may carry: an outer service tag and an inner customer tag. */
    public static final int MAX_VLAN_TAGS = 2;

    /** The most IPv6 extension headers the decoder follows before it calls the chain malformed. */
    public static final int MAX_IPV6_EXTENSION_HEADERS = 8;

    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    private static final int IPV6_NEXT_HEADER_OFFSET = 6;
    private static final int IPV6_SOURCE_ADDRESS_OFFSET = 8;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AUTHENTICATION = 51;
    private static final int IPV6_DESTINATION_OPTIONS = 60;
    private static final int IPV6_FRAGMENT_HEADER_LENGTH = 8;
    private static final int IPV6_EXTENSION_MIN_LENGTH = 8;
    private static final int PROTOCOL_ICMPV6 = 58;
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
    private int transportProtocol;
    private int sourcePort;
    private int destinationPort;
    private int seq;
    private boolean fragment;
    private boolean nonFirstFragment;

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
     * hash for {@link DecodeResult#IPV4}, with the IPv6 flow hash and zeros for {@link DecodeResult#IPV6}, with
     * zeros otherwise. The transport accessors of this decoder are set
     * for IPv4 and IPv6 alike.
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
            return decodeIpv6(buffer, position, end - position, packet);
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

    /**
     * The transport protocol of the last frame: IPv4's protocol, or IPv6's last next-header value after the
     * extension headers.
     *
     * @return the protocol number, 0 when the frame got no further than its network header.
     */
    public int transportProtocol()
    {
        return transportProtocol;
    }

    /**
     * The TCP or UDP source port of the last frame.
     *
     * @return the port, 0 for other protocols, non-first fragments and malformed frames.
     */
    public int sourcePort()
    {
        return sourcePort;
    }

    /**
     * The TCP or UDP destination port of the last frame.
     *
     * @return the port, 0 for other protocols, non-first fragments and malformed frames.
     */
    public int destinationPort()
    {
        return destinationPort;
    }

    /**
     * Whether the last frame was an IPv4 or IPv6 fragment, first or not.
     *
     * @return true for a fragment.
     */
    public boolean isFragment()
    {
        return fragment;
    }

    /**
     * Whether the last frame was a fragment other than the first: it carries no transport header, so no ports.
     *
     * @return true for a non-first fragment.
     */
    public boolean isNonFirstFragment()
    {
        return nonFirstFragment;
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
        transportProtocol = protocol;
        fragment = ipv4.moreFragments() || 0 != ipv4.fragmentOffsetBytes();
        nonFirstFragment = 0 != ipv4.fragmentOffsetBytes();
        if (!nonFirstFragment)
        {
            final DecodeResult transport = decodeTransport(
                buffer, payloadOffset, payloadLength, protocol, ipv4.moreFragments(), DecodeResult.IPV4);
            if (DecodeResult.IPV4 != transport)
            {
                return transport;
            }
        }

        packet.srcPort = sourcePort;
        packet.dstPort = destinationPort;
        packet.seq = seq;
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
        final DecodeResult decoded)
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
                sourcePort = tcp.sourcePort();
                destinationPort = tcp.destinationPort();
                seq = tcp.sequenceNumber();
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
                sourcePort = udp.sourcePort();
                destinationPort = udp.destinationPort();
                final int payloadLength = Math.min(udpLength, length) - UdpFlyweight.HEADER_LENGTH;
                seq = payloadLength >= SEQ_LENGTH ? buffer.getInt(offset + UdpFlyweight.HEADER_LENGTH, BIG_ENDIAN) : 0;
            }
            case Ipv4Flyweight.PROTOCOL_ICMP, PROTOCOL_ICMPV6 ->
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
        return decoded;
    }

    private DecodeResult decodeIpv6(
        final DirectBuffer buffer, final int offset, final int available, final FabricPacket packet)
    {
        if (available < IPV6_HEADER_LENGTH)
        {
            return DecodeResult.TRUNCATED_IPV6;
        }
        if (6 != (buffer.getByte(offset) & 0xFF) >>> 4)
        {
            return DecodeResult.BAD_IPV6_VERSION;
        }
        final int payloadLength = buffer.getShort(offset + IPV6_PAYLOAD_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        if (IPV6_HEADER_LENGTH + payloadLength > available)
        {
            return DecodeResult.IPV6_PAYLOAD_LENGTH_BEYOND_FRAME;
        }
        final int end = offset + IPV6_HEADER_LENGTH + payloadLength;
        int nextHeader = buffer.getByte(offset + IPV6_NEXT_HEADER_OFFSET) & 0xFF;
        int position = offset + IPV6_HEADER_LENGTH;
        boolean moreFragments = false;
        for (int extensions = 0; isIpv6Extension(nextHeader); extensions++)
        {
            if (MAX_IPV6_EXTENSION_HEADERS == extensions)
            {
                return DecodeResult.TOO_MANY_IPV6_EXTENSION_HEADERS;
            }
            if (end - position < IPV6_EXTENSION_MIN_LENGTH)
            {
                return DecodeResult.TRUNCATED_IPV6_EXTENSION_HEADER;
            }
            final int headerLength;
            if (IPV6_FRAGMENT == nextHeader)
            {
                final int offsetAndFlags = buffer.getShort(position + 2, BIG_ENDIAN) & 0xFFFF;
                fragment = true;
                nonFirstFragment = (offsetAndFlags & 0xFFF8) != 0;
                moreFragments = (offsetAndFlags & 0x1) != 0;
                headerLength = IPV6_FRAGMENT_HEADER_LENGTH;
            }
            else if (IPV6_AUTHENTICATION == nextHeader)
            {
                headerLength = ((buffer.getByte(position + 1) & 0xFF) + 2) * 4;
            }
            else
            {
                headerLength = ((buffer.getByte(position + 1) & 0xFF) + 1) * 8;
            }
            if (end - position < headerLength)
            {
                return DecodeResult.TRUNCATED_IPV6_EXTENSION_HEADER;
            }
            nextHeader = buffer.getByte(position) & 0xFF;
            position += headerLength;
            if (nonFirstFragment)
            {
                break;
            }
        }
        transportProtocol = nextHeader;
        if (nonFirstFragment)
        {
            return DecodeResult.IPV6_NON_FIRST_FRAGMENT;
        }
        final DecodeResult transport = decodeTransport(
            buffer, position, end - position, nextHeader, moreFragments, DecodeResult.IPV6);
        if (DecodeResult.IPV6 != transport)
        {
            sourcePort = 0;
            destinationPort = 0;
            seq = 0;
            return transport;
        }
        packet.flowHash = flowHash.hashIpv6(
            buffer, offset + IPV6_SOURCE_ADDRESS_OFFSET, sourcePort, destinationPort, transportProtocol);
        return transport;
    }

    private static boolean isIpv6Extension(final int nextHeader)
    {
        return IPV6_HOP_BY_HOP == nextHeader || IPV6_ROUTING == nextHeader || IPV6_FRAGMENT == nextHeader ||
            IPV6_AUTHENTICATION == nextHeader || IPV6_DESTINATION_OPTIONS == nextHeader;
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
        transportProtocol = 0;
        sourcePort = 0;
        destinationPort = 0;
        seq = 0;
        fragment = false;
        nonFirstFragment = false;
    }
}
