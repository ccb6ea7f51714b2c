package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads an IPv4 header in place (RFC 791). Wrap it over the first byte of the header, then read. The getters
 * do not check bounds against the frame: {@link PacketDecoder} does that before it reads.
 */
public final class Ipv4Flyweight
{
    /** Length of a header without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Offset of the version and IHL byte. */
    public static final int VERSION_IHL_OFFSET = 0;
    /** Offset of the DSCP and ECN byte. */
    public static final int TOS_OFFSET = 1;
    /** Offset of the total length. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Offset of the identification. */
    public static final int IDENTIFICATION_OFFSET = 4;
    /** Offset of the flags and fragment offset. */
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    /** Offset of the time to live. */
    public static final int TTL_OFFSET = 8;
    /** Offset of the protocol. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Offset of the source address. */
    public static final int SOURCE_OFFSET = 12;
    /** Offset of the destination address. */
    public static final int DESTINATION_OFFSET = 16;

    /** Protocol number of ICMP. */
    public static final int PROTOCOL_ICMP = 1;
    /** Protocol number of TCP. */
    public static final int PROTOCOL_TCP = 6;
    /** Protocol number of UDP. */
    public static final int PROTOCOL_UDP = 17;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the frame's buffer.
     * @param offset where the IPv4 header starts.
     * @return this flyweight.
     */
    public Ipv4Flyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The version field.
     *
     * @return 4 for a valid header.
     */
    public int version()
    {
        return (buffer.getByte(offset + VERSION_IHL_OFFSET) & 0xFF) >>> 4;
    }

    /**
     * The header length in bytes, from the IHL field.
     *
     * @return IHL times four.
     */
    public int headerLength()
    {
        return (buffer.getByte(offset + VERSION_IHL_OFFSET) & 0x0F) * 4;
    }

    /**
     * The DSCP code point.
     *
     * @return 0 to 63.
     */
    public int dscp()
    {
        return (buffer.getByte(offset + TOS_OFFSET) & 0xFF) >>> 2;
    }

    /**
     * The ECN bits.
     *
     * @return 0 to 3.
     */
    public int ecn()
    {
        return buffer.getByte(offset + TOS_OFFSET) & 0x03;
    }

    /**
     * The total length of the packet in bytes, header included.
     *
     * @return the unsigned 16-bit length.
     */
    public int totalLength()
    {
        return buffer.getShort(offset + TOTAL_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The identification field.
     *
     * @return the unsigned 16-bit identification.
     */
    public int identification()
    {
        return buffer.getShort(offset + IDENTIFICATION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Whether the more-fragments flag is set.
     *
     * @return true when more fragments follow.
     */
    public boolean moreFragments()
    {
        return (flagsAndFragmentOffset() & 0x2000) != 0;
    }

    /**
     * Whether the don't-fragment flag is set.
     *
     * @return true when set.
     */
    public boolean dontFragment()
    {
        return (flagsAndFragmentOffset() & 0x4000) != 0;
    }

    /**
     * The fragment offset in bytes.
     *
     * @return 0 for an unfragmented packet or a first fragment.
     */
    public int fragmentOffsetBytes()
    {
        return (flagsAndFragmentOffset() & 0x1FFF) * 8;
    }

    /**
     * The time to live.
     *
     * @return 0 to 255.
     */
    public int ttl()
    {
        return buffer.getByte(offset + TTL_OFFSET) & 0xFF;
    }

    /**
     * The protocol of the payload.
     *
     * @return the protocol number.
     */
    public int protocol()
    {
        return buffer.getByte(offset + PROTOCOL_OFFSET) & 0xFF;
    }

    /**
     * The header checksum as carried.
     *
     * @return the unsigned 16-bit checksum.
     */
    public int headerChecksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The source address.
     *
     * @return a.b.c.d as {@code a << 24 | b << 16 | c << 8 | d}.
     */
    public int sourceAddress()
    {
        return buffer.getInt(offset + SOURCE_OFFSET, BIG_ENDIAN);
    }

    /**
     * The destination address.
     *
     * @return as {@link #sourceAddress()}.
     */
    public int destinationAddress()
    {
        return buffer.getInt(offset + DESTINATION_OFFSET, BIG_ENDIAN);
    }

    /**
     * Whether the header checksum is correct.
     *
     * @return true when the one's complement sum over the header is 0xFFFF.
     */
    public boolean isChecksumValid()
    {
        return 0 == InternetChecksum.checksum(buffer, offset, headerLength(), 0);
    }

    private int flagsAndFragmentOffset()
    {
        return buffer.getShort(offset + FLAGS_FRAGMENT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
