package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads an Ethernet II header in place: destination and source MAC, EtherType. Wrap it over a frame, then read.
 */
public final class EthernetFlyweight
{
    /** Length of the header in bytes. */
    public static final int HEADER_LENGTH = 14;
    /** Offset of the destination MAC address. */
    public static final int DESTINATION_OFFSET = 0;
    /** Offset of the source MAC address. */
    public static final int SOURCE_OFFSET = 6;
    /** Offset of the EtherType (or of the first VLAN tag's TPID). */
    public static final int ETHER_TYPE_OFFSET = 12;

    /** EtherType of IPv4. */
    public static final int ETHER_TYPE_IPV4 = 0x0800;
    /** EtherType of IPv6. */
    public static final int ETHER_TYPE_IPV6 = 0x86DD;
    /** TPID of an 802.1Q customer VLAN tag. */
    public static final int ETHER_TYPE_VLAN = 0x8100;
    /** TPID of an 802.1ad service VLAN tag (QinQ outer tag). */
    public static final int ETHER_TYPE_QINQ = 0x88A8;
    /** Pre-standard TPID some switches still use for the QinQ outer tag. */
    public static final int ETHER_TYPE_QINQ_LEGACY = 0x9100;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the frame's buffer.
     * @param offset where the header starts.
     * @return this flyweight.
     */
    public EthernetFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The destination MAC address in the low 48 bits.
     *
     * @return the destination address.
     */
    public long destinationMac()
    {
        return mac(offset + DESTINATION_OFFSET);
    }

    /**
     * The source MAC address in the low 48 bits.
     *
     * @return the source address.
     */
    public long sourceMac()
    {
        return mac(offset + SOURCE_OFFSET);
    }

    /**
     * The EtherType, or the TPID when a VLAN tag follows.
     *
     * @return the unsigned 16-bit type.
     */
    public int etherType()
    {
        return buffer.getShort(offset + ETHER_TYPE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Whether a type is the TPID of a VLAN tag (802.1Q, 802.1ad or the legacy QinQ value).
     *
     * @param etherType the type.
     * @return true for a VLAN tag.
     */
    public static boolean isVlanTag(final int etherType)
    {
        return ETHER_TYPE_VLAN == etherType || ETHER_TYPE_QINQ == etherType || ETHER_TYPE_QINQ_LEGACY == etherType;
    }

    private long mac(final int index)
    {
        final long high = buffer.getInt(index, BIG_ENDIAN) & 0xFFFF_FFFFL;
        return high << 16 | (buffer.getShort(index + 4, BIG_ENDIAN) & 0xFFFF);
    }
}
