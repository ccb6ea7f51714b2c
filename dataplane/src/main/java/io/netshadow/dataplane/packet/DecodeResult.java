package io.netshadow.dataplane.packet;

import java.util.Locale;

/**
 * What the decoder made of one frame: a forwardable IPv4 packet, a recognised packet the IPv4 shadow does not
 * forward, or the reason the frame is malformed. The decoder returns one of these and never throws on bad bytes.
 */
public enum DecodeResult
{
    /** An IPv4 packet whose headers are complete: the shadow can forward it. */
    IPV4(false, "decode.ipv4"),
    /** A well-formed IPv6 packet: recognised, counted, not forwarded by the IPv4 shadow. */
    IPV6(false, "decode.ipv6_not_forwarded"),
    /** An Ethernet frame carrying neither IPv4 nor IPv6 (ARP, LLDP, ...). */
    NOT_IP(false, "decode.not_ip"),
    /** Fewer bytes than an Ethernet header. */
    TRUNCATED_ETHERNET,
    /** An 802.1Q or 802.1ad tag cut short by the end of the frame. */
    TRUNCATED_VLAN_TAG,
    /** More VLAN tags than QinQ's two. */
    TOO_MANY_VLAN_TAGS,
    /** Fewer bytes than an IPv4 header, or than the header length it declares. */
    TRUNCATED_IPV4,
    /** The IPv4 version field is not 4. */
    BAD_IPV4_VERSION,
    /** The IPv4 header length (IHL) is below five words. */
    BAD_IPV4_IHL,
    /** The IPv4 total length is smaller than its own header. */
    IPV4_TOTAL_LENGTH_BELOW_HEADER,
    /** The IPv4 total length runs past the end of the frame. */
    IPV4_TOTAL_LENGTH_BEYOND_FRAME,
    /** Fewer bytes than an IPv6 header. */
    TRUNCATED_IPV6,
    /** The IPv6 version field is not 6. */
    BAD_IPV6_VERSION,
    /** Fewer bytes than a TCP header, or than the data offset it declares. */
    TRUNCATED_TCP,
    /** The TCP data offset is below five words. */
    BAD_TCP_DATA_OFFSET,
    /** Fewer bytes than a UDP header. */
    TRUNCATED_UDP,
    /** The UDP length is below its header or beyond the IP payload. */
    BAD_UDP_LENGTH,
    /** Fewer bytes than an ICMP header. */
    TRUNCATED_ICMP,
    /** A well-formed IPv6 fragment other than the first: no transport header, so no ports. Not forwarded. */
    IPV6_NON_FIRST_FRAGMENT(false, "decode.ipv6_non_first_fragment"),
    /** The IPv6 payload length runs past the end of the frame. */
    IPV6_PAYLOAD_LENGTH_BEYOND_FRAME,
    /** An IPv6 extension header cut short by the end of the payload. */
    TRUNCATED_IPV6_EXTENSION_HEADER,
    /** A chain of more IPv6 extension headers than {@link PacketDecoder#MAX_IPV6_EXTENSION_HEADERS}. */
    TOO_MANY_IPV6_EXTENSION_HEADERS;

    private final boolean malformed;
    private final String counterLabel;

    DecodeResult()
    {
        this.malformed = true;
        this.counterLabel = "decode.malformed." + name().toLowerCase(Locale.ROOT);
    }

    DecodeResult(final boolean malformed, final String counterLabel)
    {
        this.malformed = malformed;
        this.counterLabel = counterLabel;
    }

    /**
     * Whether the frame is malformed, as opposed to decoded (forwardable or not).
     *
     * @return true for a malformed frame.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * The label of the counter that counts frames with this result, such as {@code decode.malformed.truncated_tcp}.
     *
     * @return the counter label.
     */
    public String counterLabel()
    {
        return counterLabel;
    }
}
