package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a TCP header in place (RFC 9293).
 */
public final class TcpFlyweight
{
    /** Length of a header without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the sequence number. */
    public static final int SEQUENCE_OFFSET = 4;
    /** Offset of the acknowledgment number. */
    public static final int ACKNOWLEDGMENT_OFFSET = 8;
    /** Offset of the data offset byte. */
    public static final int DATA_OFFSET_OFFSET = 12;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 13;
    /** Offset of the window. */
    public static final int WINDOW_OFFSET = 14;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 16;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the frame's buffer.
     * @param offset where the TCP header starts.
     * @return this flyweight.
     */
    public TcpFlyweight wrap(final DirectBuffer buffer, final int offset)
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
     * The sequence number.
     *
     * @return the 32 bits as an int.
     */
    public int sequenceNumber()
    {
        return buffer.getInt(offset + SEQUENCE_OFFSET, BIG_ENDIAN);
    }

    /**
     * The acknowledgment number.
     *
     * @return the 32 bits as an int.
     */
    public int acknowledgmentNumber()
    {
        return buffer.getInt(offset + ACKNOWLEDGMENT_OFFSET, BIG_ENDIAN);
    }

    /**
     * The header length in bytes, from the data offset field.
     *
     * @return data offset times four.
     */
    public int headerLength()
    {
        return ((buffer.getByte(offset + DATA_OFFSET_OFFSET) & 0xFF) >>> 4) * 4;
    }

    /**
     * The control flags (CWR, ECE, URG, ACK, PSH, RST, SYN, FIN from high bit to low).
     *
     * @return the flags byte.
     */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * The receive window.
     *
     * @return 0 to 65535.
     */
    public int window()
    {
        return buffer.getShort(offset + WINDOW_OFFSET, BIG_ENDIAN) & 0xFFFF;
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
}
