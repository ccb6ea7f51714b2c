package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a UDP header in place (RFC 768).
 */
public final class UdpFlyweight
{
    /** Length of the header. */
    public static final int HEADER_LENGTH = 8;
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the length. */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 6;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the frame's buffer.
     * @param offset where the UDP header starts.
     * @return this flyweight.
     */
    public UdpFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The source port.
     *
     * @return 0 to 65535.
     */
    public int sourcePort()
    {
        return buffer.getShort(offset + SOURCE_PORT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The destination port.
     *
     * @return 0 to 65535.
     */
    public int destinationPort()
    {
        return buffer.getShort(offset + DESTINATION_PORT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The length of header and payload in bytes.
     *
     * @return the unsigned 16-bit length.
     */
    public int length()
    {
        return buffer.getShort(offset + LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The checksum as carried; 0 means none.
     *
     * @return the unsigned 16-bit checksum.
     */
    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
