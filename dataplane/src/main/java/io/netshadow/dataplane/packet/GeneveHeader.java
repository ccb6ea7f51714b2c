package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The GENEVE header (RFC 8926): eight fixed bytes (version, option length, the O and C flags, protocol type and the
 * 24-bit VNI) followed by variable-length options, before the inner frame in a UDP datagram. Reads in place once
 * wrapped, and writes a header without options for encapsulation.
 */
public final class GeneveHeader
{
    /** Length of the fixed header in bytes, without options. */
    public static final int FIXED_LENGTH = 8;
    /** The IANA-assigned UDP port for GENEVE. */
    public static final int UDP_PORT = 6081;
    /** The only version RFC 8926 defines. */
    public static final int VERSION = 0;
    /** Protocol type of an inner Ethernet frame (Transparent Ethernet Bridging). */
    public static final int PROTOCOL_ETHERNET = 0x6558;
    /** Offset of the version and option length byte. */
    public static final int VERSION_OPTIONS_OFFSET = 0;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 1;
    /** Offset of the protocol type. */
    public static final int PROTOCOL_OFFSET = 2;
    /** Offset of the word whose high 24 bits are the VNI. */
    public static final int VNI_OFFSET = 4;
    /** The O flag: a control (OAM) packet, not tenant data. */
    public static final int FLAG_CONTROL = 0x80;
    /** The C flag: a critical option is present. */
    public static final int FLAG_CRITICAL = 0x40;
    /** The longest options may be: 63 four-byte words. */
    public static final int MAX_OPTIONS_LENGTH = 252;
    /** The largest VNI, 2^24 - 1. */
    public static final int MAX_VNI = 0xFF_FFFF;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the datagram's buffer.
     * @param offset where the GENEVE header starts.
     * @return this flyweight.
     */
    public GeneveHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The version field.
     *
     * @return 0 to 3; {@link #VERSION} for a header this code understands.
     */
    public int version()
    {
        return (buffer.getByte(offset + VERSION_OPTIONS_OFFSET) & 0xFF) >>> 6;
    }

    /**
     * The length of the options in bytes, from the 6-bit option length in four-byte words.
     *
     * @return 0 to 252.
     */
    public int optionsLength()
    {
        return (buffer.getByte(offset + VERSION_OPTIONS_OFFSET) & 0x3F) * 4;
    }

    /**
     * The length of the whole header, options included: where the inner frame starts.
     *
     * @return {@link #FIXED_LENGTH} plus {@link #optionsLength()}.
     */
    public int headerLength()
    {
        return FIXED_LENGTH + optionsLength();
    }

    /**
     * Whether the O flag is set: the packet is a control message, not tenant data.
     *
     * @return true for a control packet.
     */
    public boolean isControl()
    {
        return (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_CONTROL) != 0;
    }

    /**
     * Whether the C flag is set: at least one option is critical.
     *
     * @return true when a critical option is present.
     */
    public boolean hasCriticalOption()
    {
        return (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_CRITICAL) != 0;
    }

    /**
     * The protocol type of the inner payload, an EtherType.
     *
     * @return the unsigned 16-bit type; {@link #PROTOCOL_ETHERNET} for an Ethernet frame.
     */
    public int protocolType()
    {
        return buffer.getShort(offset + PROTOCOL_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * The virtual network identifier.
     *
     * @return 0 to {@link #MAX_VNI}.
     */
    public int vni()
    {
        return buffer.getInt(offset + VNI_OFFSET, BIG_ENDIAN) >>> 8;
    }

    /**
     * Writes a version 0 header without options or flags, carrying an Ethernet frame.
     *
     * @param buffer where to write.
     * @param offset where the header starts; the inner frame follows at {@code offset + FIXED_LENGTH}.
     * @param vni    the virtual network identifier.
     * @return {@link #FIXED_LENGTH}.
     * @throws IllegalArgumentException when the VNI does not fit in 24 bits.
     */
    public static int write(final MutableDirectBuffer buffer, final int offset, final int vni)
    {
        if (vni < 0 || vni > MAX_VNI)
        {
            throw new IllegalArgumentException("VNI " + vni + " is outside 0.." + MAX_VNI);
        }
        buffer.putShort(offset + VERSION_OPTIONS_OFFSET, (short)0, BIG_ENDIAN);
        buffer.putShort(offset + PROTOCOL_OFFSET, (short)PROTOCOL_ETHERNET, BIG_ENDIAN);
        buffer.putInt(offset + VNI_OFFSET, vni << 8, BIG_ENDIAN);
        return FIXED_LENGTH;
    }
}
