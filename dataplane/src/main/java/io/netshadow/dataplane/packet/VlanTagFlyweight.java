package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads the part of an 802.1Q or 802.1ad tag that follows its TPID: the tag control information and the
 * EtherType of what the tag encapsulates.
 */
public final class VlanTagFlyweight
{
    /** Length of the tag after its TPID: TCI and encapsulated EtherType. */
    public static final int LENGTH = 4;
    /** Offset of the tag control information. */
    public static final int TCI_OFFSET = 0;
    /** Offset of the encapsulated EtherType. */
    public static final int ETHER_TYPE_OFFSET = 2;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a tag, just after its TPID.
     *
     * @param buffer the frame's buffer.
     * @param offset where the tag control information starts.
     * @return this flyweight.
     */
    public VlanTagFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The priority code point.
     *
     * @return 0 to 7.
     */
    public int priority()
    {
        return tci() >>> 13;
    }

    /**
     * The drop eligible indicator.
     *
     * @return true when set.
     */
    public boolean dropEligible()
    {
        return (tci() & 0x1000) != 0;
    }

    /**
     * The VLAN identifier.
     *
     * @return 0 to 4095.
     */
    public int vlanId()
    {
        return tci() & 0x0FFF;
    }

    /**
     * The EtherType of the encapsulated payload, or the TPID of an inner tag.
     *
     * @return the unsigned 16-bit type.
     */
    public int etherType()
    {
        return buffer.getShort(offset + ETHER_TYPE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    private int tci()
    {
        return buffer.getShort(offset + TCI_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
