package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads an ICMP header in place (RFC 792): type, code, checksum and the four bytes that follow, which echo
 * messages use as identifier and sequence number.
 */
public final class IcmpFlyweight
{
    /** Length of the header, the rest-of-header word included. */
    public static final int HEADER_LENGTH = 8;
    /** Offset of the type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the code. */
    public static final int CODE_OFFSET = 1;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 2;
    /** Offset of an echo message's identifier. */
    public static final int IDENTIFIER_OFFSET = 4;
    /** Offset of an echo message's sequence number. */
    public static final int SEQUENCE_OFFSET = 6;

    /** Type of an echo request. */
    public static final int TYPE_ECHO_REQUEST = 8;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the frame's buffer.
     * @param offset where the ICMP header starts.
     * @return this flyweight.
     */
    public IcmpFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The message type.
     *
     * @return 0 to 255.
     */
    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    /**
     * The message code.
     *
     * @return 0 to 255.
     */
    public int code()
    {
        return buffer.getByte(offset + CODE_OFFSET) & 0xFF;
    }

    /**
     * The checksum as carried.
     *
     * @return the unsigned 16-bit checksum.
     */
    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * An echo message's identifier.
     *
     * @return the unsigned 16-bit identifier.
     */
    public int identifier()
    {
        return buffer.getShort(offset + IDENTIFIER_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * An echo message's sequence number.
     *
     * @return the unsigned 16-bit sequence number.
     */
    public int sequence()
    {
        return buffer.getShort(offset + SEQUENCE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
