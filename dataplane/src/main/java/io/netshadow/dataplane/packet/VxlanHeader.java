package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The VXLAN header (RFC 7348): eight bytes before the inner Ethernet frame in a UDP datagram, carrying the flags
 * (the I flag says the VNI is valid) and the 24-bit VXLAN network identifier. Reads in place once wrapped, and
 * writes a header for encapsulation.
 */
public final class VxlanHeader
{
    /** Length of the header in bytes. */
    public static final int LENGTH = 8;
    /** The IANA-assigned UDP port for VXLAN. */
    public static final int UDP_PORT = 4789;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the word whose high 24 bits are the VNI. */
    public static final int VNI_OFFSET = 4;
    /** The I flag: the VNI is valid. RFC 7348 requires it set. */
    public static final int FLAG_VNI_VALID = 0x08;
    /** The largest VNI, 2^24 - 1. */
    public static final int MAX_VNI = 0xFF_FFFF;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the datagram's buffer.
     * @param offset where the VXLAN header starts.
     * @return this flyweight.
     */
    public VxlanHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The flags byte.
     *
     * @return the flags.
     */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * Whether the I flag is set, as RFC 7348 requires of every VXLAN header.
     *
     * @return true when the VNI is valid.
     */
    public boolean isVniValid()
    {
        return (flags() & FLAG_VNI_VALID) != 0;
    }

    /**
     * The VXLAN network identifier.
     *
     * @return 0 to {@link #MAX_VNI}.
     */
    public int vni()
    {
        return buffer.getInt(offset + VNI_OFFSET, BIG_ENDIAN) >>> 8;
    }

    /**
     * Writes a header with the I flag set and every reserved field zero.
     *
     * @param buffer where to write.
     * @param offset where the header starts; the inner frame follows at {@code offset + LENGTH}.
     * @param vni    the VXLAN network identifier.
     * @return {@link #LENGTH}.
     * @throws IllegalArgumentException when the VNI does not fit in 24 bits.
     */
    public static int write(final MutableDirectBuffer buffer, final int offset, final int vni)
    {
        if (vni < 0 || vni > MAX_VNI)
        {
            throw new IllegalArgumentException("VNI " + vni + " is outside 0.." + MAX_VNI);
        }
        buffer.putInt(offset + FLAGS_OFFSET, FLAG_VNI_VALID << 24, BIG_ENDIAN);
        buffer.putInt(offset + VNI_OFFSET, vni << 8, BIG_ENDIAN);
        return LENGTH;
    }
}
