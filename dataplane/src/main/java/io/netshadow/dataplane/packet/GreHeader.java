package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads a GRE header in place (RFC 2784 with the key and sequence number of RFC 2890): flags and version, protocol
 * type, then the optional checksum, key and sequence number words the flags announce; writes the header with a
 * sequence number that ERSPAN uses.
 */
public final class GreHeader
{
    /** Length of the header without optional words. */
    public static final int MIN_LENGTH = 4;
    /** Offset of the flags and version. */
    public static final int FLAGS_VERSION_OFFSET = 0;
    /** Offset of the protocol type. */
    public static final int PROTOCOL_OFFSET = 2;
    /** The C flag: a checksum word follows. */
    public static final int FLAG_CHECKSUM = 0x8000;
    /** The K flag: a key word follows. */
    public static final int FLAG_KEY = 0x2000;
    /** The S flag: a sequence number word follows. */
    public static final int FLAG_SEQUENCE = 0x1000;
    /** IP protocol number of GRE. */
    public static final int IP_PROTOCOL = 47;
    /** Length of the header with a sequence number and no other optional word. */
    public static final int SEQUENCED_LENGTH = 8;

    private static final int OPTIONAL_WORD_LENGTH = 4;
    private static final int VERSION_MASK = 0x0007;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the packet's buffer.
     * @param offset where the GRE header starts.
     * @return this flyweight.
     */
    public GreHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The version field.
     *
     * @return 0 for GRE, 1 for enhanced GRE (PPTP).
     */
    public int version()
    {
        return flagsAndVersion() & VERSION_MASK;
    }

    /**
     * The protocol type of the payload.
     *
     * @return the unsigned 16-bit type.
     */
    public int protocolType()
    {
        return buffer.getShort(offset + PROTOCOL_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Whether the S flag is set.
     *
     * @return true when a sequence number is present.
     */
    public boolean hasSequence()
    {
        return (flagsAndVersion() & FLAG_SEQUENCE) != 0;
    }

    /**
     * The length of the header with the optional words its flags announce.
     *
     * @return 4 to 16 bytes.
     */
    public int headerLength()
    {
        final int flags = flagsAndVersion();
        int length = MIN_LENGTH;
        if ((flags & FLAG_CHECKSUM) != 0)
        {
            length += OPTIONAL_WORD_LENGTH;
        }
        if ((flags & FLAG_KEY) != 0)
        {
            length += OPTIONAL_WORD_LENGTH;
        }
        if ((flags & FLAG_SEQUENCE) != 0)
        {
            length += OPTIONAL_WORD_LENGTH;
        }
        return length;
    }

    /**
     * Writes a version 0 header with the S flag and a sequence number, and no checksum or key.
     *
     * @param buffer       where to write.
     * @param offset       where the header starts.
     * @param protocolType the payload's protocol type, such as {@link ErspanHeader#GRE_PROTOCOL_TYPE_II}.
     * @param sequence     the sequence number.
     * @return {@link #SEQUENCED_LENGTH}.
     */
    public static int writeSequenced(
        final MutableDirectBuffer buffer, final int offset, final int protocolType, final int sequence)
    {
        buffer.putShort(offset + FLAGS_VERSION_OFFSET, (short)FLAG_SEQUENCE, BIG_ENDIAN);
        buffer.putShort(offset + PROTOCOL_OFFSET, (short)protocolType, BIG_ENDIAN);
        buffer.putInt(offset + MIN_LENGTH, sequence, BIG_ENDIAN);
        return SEQUENCED_LENGTH;
    }

    private int flagsAndVersion()
    {
        return buffer.getShort(offset + FLAGS_VERSION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
