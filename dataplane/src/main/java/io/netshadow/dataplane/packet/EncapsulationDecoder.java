package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

/**
 * Finds the inner frame of a mirror copy behind its outer headers: VXLAN or GENEVE (the UDP payload of a datagram
 * socket) and ERSPAN type II or III (an IPv4 packet carrying GRE, as a raw socket or a link-layer capture delivers
 * it). After a {@link EncapsulationResult#DECODED} result the accessors say where the inner frame is, which
 * session sent it (VNI or ERSPAN session id) and, for ERSPAN type III, the switch's hardware timestamp. Every
 * length is checked before it is read, so bad bytes give a result and never an exception.
 * <p>
 * ERSPAN type III timestamps are 32-bit tick counts that wrap (every 4.97 days at 100 µs, every 429 s at
 * 100 ns); they are placed on the epoch as the instant with those ticks nearest the ingest clock's reading. The
 * IEEE 1588 granularity gives nanoseconds within the second, with the seconds in a platform-specific subheader of
 * platform id {@link ErspanHeader#PLATFORM_ID_1588_SECONDS} when the switch sends one. A user-defined granularity
 * gives no hardware timestamp. ERSPAN type I (GRE protocol type 0x88BE without a sequence number, and no ERSPAN
 * header) is not supported and is reported as {@link EncapsulationResult#BAD_ERSPAN_VERSION}.
 * <p>
 * Allocates nothing. Not thread-safe: one instance per thread.
 */
public final class EncapsulationDecoder
{
    /** What {@link #sessionKey()} holds when there is no session, and {@link #timestampNs()} when no timestamp. */
    public static final int NONE = -1;

    private static final long NS_PER_100_US = 100_000L;
    private static final long NS_PER_100_NS = 100L;
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long TICKS_PER_WRAP = 1L << Integer.SIZE;

    private final VxlanHeader vxlan = new VxlanHeader();
    private final GeneveHeader geneve = new GeneveHeader();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final GreHeader gre = new GreHeader();
    private final ErspanHeader erspan = new ErspanHeader();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final VlanTagFlyweight vlanTag = new VlanTagFlyweight();

    private int innerOffset;
    private int innerLength;
    private int sessionKey;
    private int erspanVersion;
    private boolean erspanEgress;
    private long timestampNs;

    /**
     * Decodes a VXLAN header at the start of a UDP payload.
     *
     * @param buffer the datagram's buffer.
     * @param offset where the VXLAN header starts.
     * @param length the UDP payload's length.
     * @return {@link EncapsulationResult#DECODED} with the VNI as the session key, or why not.
     */
    public EncapsulationResult decodeVxlan(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        if (length < VxlanHeader.LENGTH)
        {
            return EncapsulationResult.TRUNCATED_VXLAN;
        }
        if (!vxlan.wrap(buffer, offset).isVniValid())
        {
            return EncapsulationResult.BAD_VXLAN_FLAGS;
        }
        return inner(vxlan.vni(), offset + VxlanHeader.LENGTH, offset + length);
    }

    /**
     * Decodes a GENEVE header, options included, at the start of a UDP payload.
     *
     * @param buffer the datagram's buffer.
     * @param offset where the GENEVE header starts.
     * @param length the UDP payload's length.
     * @return {@link EncapsulationResult#DECODED} with the VNI as the session key, or why not.
     */
    public EncapsulationResult decodeGeneve(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        if (length < GeneveHeader.FIXED_LENGTH)
        {
            return EncapsulationResult.TRUNCATED_GENEVE;
        }
        geneve.wrap(buffer, offset);
        if (GeneveHeader.VERSION != geneve.version())
        {
            return EncapsulationResult.BAD_GENEVE_VERSION;
        }
        final int headerLength = geneve.headerLength();
        if (headerLength > length)
        {
            return EncapsulationResult.TRUNCATED_GENEVE;
        }
        if (geneve.isControl())
        {
            return EncapsulationResult.GENEVE_CONTROL;
        }
        if (GeneveHeader.PROTOCOL_ETHERNET != geneve.protocolType())
        {
            return EncapsulationResult.GENEVE_NOT_ETHERNET;
        }
        return inner(geneve.vni(), offset + headerLength, offset + length);
    }

    /**
     * Decodes ERSPAN type II or III from the outer IPv4 header on, as a raw IP socket delivers it.
     *
     * @param buffer       the packet's buffer.
     * @param offset       where the outer IPv4 header starts.
     * @param length       the bytes available from {@code offset}.
     * @param ingestTimeNs the ingest clock's reading, nanoseconds since the epoch, to place wrapped timestamps.
     * @return {@link EncapsulationResult#DECODED} with the ERSPAN session id as the session key, or why not.
     */
    public EncapsulationResult decodeErspan(
        final DirectBuffer buffer, final int offset, final int length, final long ingestTimeNs)
    {
        reset();
        if (length < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return EncapsulationResult.TRUNCATED_OUTER_IPV4;
        }
        ipv4.wrap(buffer, offset);
        if (4 != ipv4.version() || GreHeader.IP_PROTOCOL != ipv4.protocol())
        {
            return EncapsulationResult.OUTER_NOT_IPV4_GRE;
        }
        final int ipHeaderLength = ipv4.headerLength();
        final int totalLength = ipv4.totalLength();
        if (ipHeaderLength < Ipv4Flyweight.MIN_HEADER_LENGTH || ipHeaderLength > totalLength || totalLength > length)
        {
            return EncapsulationResult.TRUNCATED_OUTER_IPV4;
        }
        if (ipv4.moreFragments() || 0 != ipv4.fragmentOffsetBytes())
        {
            return EncapsulationResult.OUTER_IPV4_FRAGMENT;
        }
        return decodeGre(buffer, offset + ipHeaderLength, offset + totalLength, ingestTimeNs);
    }

    /**
     * Decodes ERSPAN type II or III from the outer Ethernet header on (up to two VLAN tags), as a link-layer
     * capture delivers it.
     *
     * @param buffer       the frame's buffer.
     * @param offset       where the outer Ethernet header starts.
     * @param length       the frame's length.
     * @param ingestTimeNs the ingest clock's reading, nanoseconds since the epoch.
     * @return {@link EncapsulationResult#DECODED}, or why not.
     */
    public EncapsulationResult decodeErspanFrame(
        final DirectBuffer buffer, final int offset, final int length, final long ingestTimeNs)
    {
        reset();
        if (length < EthernetFlyweight.HEADER_LENGTH)
        {
            return EncapsulationResult.TRUNCATED_OUTER_IPV4;
        }
        final int end = offset + length;
        int etherType = ethernet.wrap(buffer, offset).etherType();
        int position = offset + EthernetFlyweight.HEADER_LENGTH;
        for (int tags = 0; EthernetFlyweight.isVlanTag(etherType) && tags < PacketDecoder.MAX_VLAN_TAGS; tags++)
        {
            if (end - position < VlanTagFlyweight.LENGTH)
            {
                return EncapsulationResult.TRUNCATED_OUTER_IPV4;
            }
            etherType = vlanTag.wrap(buffer, position).etherType();
            position += VlanTagFlyweight.LENGTH;
        }
        if (EthernetFlyweight.ETHER_TYPE_IPV4 != etherType)
        {
            return EncapsulationResult.OUTER_NOT_IPV4_GRE;
        }
        return decodeErspan(buffer, position, end - position, ingestTimeNs);
    }

    /**
     * Where the inner frame starts after a decoded result.
     *
     * @return the offset in the buffer.
     */
    public int innerOffset()
    {
        return innerOffset;
    }

    /**
     * The inner frame's length after a decoded result.
     *
     * @return the length in bytes, possibly 0.
     */
    public int innerLength()
    {
        return innerLength;
    }

    /**
     * The key that names the sending session: the VNI for VXLAN and GENEVE, the session id for ERSPAN.
     *
     * @return the key, {@link #NONE} when not decoded.
     */
    public int sessionKey()
    {
        return sessionKey;
    }

    /**
     * The ERSPAN version of the last ERSPAN packet.
     *
     * @return {@link ErspanHeader#VERSION_TYPE_II} or {@link ErspanHeader#VERSION_TYPE_III}, 0 otherwise.
     */
    public int erspanVersion()
    {
        return erspanVersion;
    }

    /**
     * Whether an ERSPAN type III copy says it was taken as the frame left the port.
     *
     * @return true for an egress copy; false for ingress and for every other encapsulation.
     */
    public boolean isErspanEgress()
    {
        return erspanEgress;
    }

    /**
     * Whether the last packet carried a hardware timestamp (ERSPAN type III with a known granularity).
     *
     * @return true when {@link #timestampNs()} holds it.
     */
    public boolean hasHardwareTimestamp()
    {
        return NONE != timestampNs;
    }

    /**
     * The hardware timestamp of the last packet.
     *
     * @return nanoseconds since the epoch, {@link #NONE} when there is none.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * Places a wrapping tick count on the epoch: the instant whose count of ticks since the epoch, modulo the
     * wrap, equals {@code ticks}, nearest the reference.
     *
     * @param ticks       the tick count as carried.
     * @param tickNs      the length of a tick.
     * @param wrapTicks   the count at which the field wraps to zero.
     * @param referenceNs the instant to be nearest, nanoseconds since the epoch.
     * @return nanoseconds since the epoch.
     */
    public static long unwrapNs(final long ticks, final long tickNs, final long wrapTicks, final long referenceNs)
    {
        final long periodNs = tickNs * wrapTicks;
        final long valueNs = (ticks % wrapTicks) * tickNs;
        final long candidateNs = referenceNs - Math.floorMod(referenceNs, periodNs) + valueNs;
        final long distanceNs = candidateNs - referenceNs;
        if (distanceNs > periodNs / 2)
        {
            return candidateNs - periodNs;
        }
        if (distanceNs < -periodNs / 2)
        {
            return candidateNs + periodNs;
        }
        return candidateNs;
    }

    private EncapsulationResult decodeGre(
        final DirectBuffer buffer, final int offset, final int end, final long ingestTimeNs)
    {
        if (end - offset < GreHeader.MIN_LENGTH)
        {
            return EncapsulationResult.TRUNCATED_GRE;
        }
        gre.wrap(buffer, offset);
        if (0 != gre.version())
        {
            return EncapsulationResult.BAD_GRE_VERSION;
        }
        final int greLength = gre.headerLength();
        if (end - offset < greLength)
        {
            return EncapsulationResult.TRUNCATED_GRE;
        }
        final int protocolType = gre.protocolType();
        final int erspanOffset = offset + greLength;
        final int available = end - erspanOffset;
        if (ErspanHeader.GRE_PROTOCOL_TYPE_II == protocolType)
        {
            if (!gre.hasSequence())
            {
                return EncapsulationResult.BAD_ERSPAN_VERSION;
            }
            if (available < ErspanHeader.TYPE_II_LENGTH)
            {
                return EncapsulationResult.TRUNCATED_ERSPAN;
            }
            erspan.wrap(buffer, erspanOffset);
            if (ErspanHeader.VERSION_TYPE_II != erspan.version())
            {
                return EncapsulationResult.BAD_ERSPAN_VERSION;
            }
            erspanVersion = ErspanHeader.VERSION_TYPE_II;
            return inner(erspan.sessionId(), erspanOffset + ErspanHeader.TYPE_II_LENGTH, end);
        }
        if (ErspanHeader.GRE_PROTOCOL_TYPE_III == protocolType)
        {
            if (available < ErspanHeader.TYPE_III_LENGTH)
            {
                return EncapsulationResult.TRUNCATED_ERSPAN;
            }
            erspan.wrap(buffer, erspanOffset);
            if (ErspanHeader.VERSION_TYPE_III != erspan.version())
            {
                return EncapsulationResult.BAD_ERSPAN_VERSION;
            }
            int headerLength = ErspanHeader.TYPE_III_LENGTH;
            if (erspan.hasPlatformSubheader())
            {
                headerLength += ErspanHeader.PLATFORM_SUBHEADER_LENGTH;
                if (available < headerLength)
                {
                    return EncapsulationResult.TRUNCATED_ERSPAN;
                }
            }
            erspanVersion = ErspanHeader.VERSION_TYPE_III;
            erspanEgress = erspan.isEgress();
            timestampNs = hardwareTimestampNs(ingestTimeNs);
            return inner(erspan.sessionId(), erspanOffset + headerLength, end);
        }
        return EncapsulationResult.GRE_NOT_ERSPAN;
    }

    private long hardwareTimestampNs(final long ingestTimeNs)
    {
        final long ticks = erspan.timestampTicks();
        return switch (erspan.granularity())
        {
            case ErspanHeader.GRANULARITY_100_US -> unwrapNs(ticks, NS_PER_100_US, TICKS_PER_WRAP, ingestTimeNs);
            case ErspanHeader.GRANULARITY_100_NS -> unwrapNs(ticks, NS_PER_100_NS, TICKS_PER_WRAP, ingestTimeNs);
            case ErspanHeader.GRANULARITY_IEEE_1588 ->
            {
                if (ticks >= NS_PER_SECOND)
                {
                    yield NONE;
                }
                if (erspan.hasPlatformSubheader() && ErspanHeader.PLATFORM_ID_1588_SECONDS == erspan.platformId())
                {
                    yield erspan.platformSecondWord() * NS_PER_SECOND + ticks;
                }
                yield unwrapNs(ticks, 1, NS_PER_SECOND, ingestTimeNs);
            }
            default -> NONE;
        };
    }

    private EncapsulationResult inner(final int key, final int offset, final int end)
    {
        sessionKey = key;
        innerOffset = offset;
        innerLength = end - offset;
        return EncapsulationResult.DECODED;
    }

    private void reset()
    {
        innerOffset = 0;
        innerLength = 0;
        sessionKey = NONE;
        erspanVersion = 0;
        erspanEgress = false;
        timestampNs = NONE;
    }
}
