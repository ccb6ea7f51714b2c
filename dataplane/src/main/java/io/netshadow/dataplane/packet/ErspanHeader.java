package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads an ERSPAN header in place (draft-foschiano-erspan): type II (version 1, eight bytes: VLAN, CoS,
 * encapsulation, truncation, 10-bit session id, port index) and type III (version 2, twelve bytes: the same first
 * word, a 32-bit hardware timestamp, SGT, hardware id, direction, timestamp granularity and the O flag announcing
 * an eight-byte platform-specific subheader). The GRE header before it carries protocol type
 * {@link #GRE_PROTOCOL_TYPE_II} or {@link #GRE_PROTOCOL_TYPE_III}. {@link #writeTypeII} and {@link #writeTypeIII}
 * write the headers a switch would.
 */
public final class ErspanHeader
{
    /** GRE protocol type of ERSPAN types I and II. */
    public static final int GRE_PROTOCOL_TYPE_II = 0x88BE;
    /** GRE protocol type of ERSPAN type III. */
    public static final int GRE_PROTOCOL_TYPE_III = 0x22EB;
    /** Version field of a type II header. */
    public static final int VERSION_TYPE_II = 1;
    /** Version field of a type III header. */
    public static final int VERSION_TYPE_III = 2;
    /** Length of a type II header. */
    public static final int TYPE_II_LENGTH = 8;
    /** Length of a type III header without its platform-specific subheader. */
    public static final int TYPE_III_LENGTH = 12;
    /** Length of the optional type III platform-specific subheader. */
    public static final int PLATFORM_SUBHEADER_LENGTH = 8;
    /** Offset of the word holding version, VLAN, CoS, En/BSO, T and session id. */
    public static final int BASE_OFFSET = 0;
    /** Offset of the type III timestamp. */
    public static final int TIMESTAMP_OFFSET = 4;
    /** Offset of the type III word holding SGT, P, FT, hardware id, D, Gra and O. */
    public static final int FLAGS_OFFSET = 8;
    /** Timestamp granularity: ticks of 100 microseconds. */
    public static final int GRANULARITY_100_US = 0;
    /** Timestamp granularity: ticks of 100 nanoseconds. */
    public static final int GRANULARITY_100_NS = 1;
    /** Timestamp granularity: IEEE 1588, nanoseconds within the second, seconds in the platform subheader. */
    public static final int GRANULARITY_IEEE_1588 = 2;
    /** Timestamp granularity: configured by the user, unknown to the receiver. */
    public static final int GRANULARITY_USER = 3;
    /** Platform id whose subheader's second word holds the IEEE 1588 seconds. */
    public static final int PLATFORM_ID_1588_SECONDS = 3;
    /** The largest ERSPAN session id. */
    public static final int MAX_SESSION_ID = 0x03FF;

    private static final int VERSION_SHIFT = 28;
    private static final int EGRESS_FLAG = 0x8;
    private static final int GRANULARITY_SHIFT = 1;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a header.
     *
     * @param buffer the packet's buffer.
     * @param offset where the ERSPAN header starts, just after GRE.
     * @return this flyweight.
     */
    public ErspanHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The version field.
     *
     * @return {@link #VERSION_TYPE_II} or {@link #VERSION_TYPE_III} for a header this code understands.
     */
    public int version()
    {
        return base() >>> 28;
    }

    /**
     * The VLAN of the mirrored frame as the switch saw it.
     *
     * @return 0 to 4095.
     */
    public int vlanId()
    {
        return (base() >>> 16) & 0x0FFF;
    }

    /**
     * The class of service of the mirrored frame.
     *
     * @return 0 to 7.
     */
    public int cos()
    {
        return (base() >>> 13) & 0x7;
    }

    /**
     * Whether the switch truncated the mirrored frame (the T flag).
     *
     * @return true when truncated.
     */
    public boolean isTruncated()
    {
        return (base() & 0x0400) != 0;
    }

    /**
     * The ERSPAN session id the switch stamps on every copy of one monitor session.
     *
     * @return 0 to 1023.
     */
    public int sessionId()
    {
        return base() & 0x03FF;
    }

    /**
     * The type II port index.
     *
     * @return 0 to 2^20 - 1.
     */
    public int index()
    {
        return buffer.getInt(offset + TIMESTAMP_OFFSET, BIG_ENDIAN) & 0xF_FFFF;
    }

    /**
     * The type III timestamp, in ticks of the {@link #granularity()}.
     *
     * @return the unsigned 32-bit timestamp.
     */
    public long timestampTicks()
    {
        return buffer.getInt(offset + TIMESTAMP_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * The type III timestamp granularity.
     *
     * @return one of the {@code GRANULARITY_} constants.
     */
    public int granularity()
    {
        return (flags() >>> 1) & 0x3;
    }

    /**
     * The type III direction flag.
     *
     * @return true for a copy of an egress crossing, false for ingress.
     */
    public boolean isEgress()
    {
        return (flags() & 0x8) != 0;
    }

    /**
     * The type III hardware id of the mirroring engine.
     *
     * @return 0 to 63.
     */
    public int hardwareId()
    {
        return (flags() >>> 4) & 0x3F;
    }

    /**
     * Whether the type III O flag announces a platform-specific subheader.
     *
     * @return true when the subheader follows the twelve-byte header.
     */
    public boolean hasPlatformSubheader()
    {
        return (flags() & 0x1) != 0;
    }

    /**
     * The platform id of the type III subheader; valid when {@link #hasPlatformSubheader()}.
     *
     * @return 0 to 63.
     */
    public int platformId()
    {
        return (buffer.getByte(offset + TYPE_III_LENGTH) & 0xFF) >>> 2;
    }

    /**
     * The second word of the type III subheader: the IEEE 1588 seconds for {@link #PLATFORM_ID_1588_SECONDS}.
     *
     * @return the unsigned 32-bit word.
     */
    public long platformSecondWord()
    {
        return buffer.getInt(offset + TYPE_III_LENGTH + 4, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * Writes a type II header: untagged, class of service 0, not truncated, port index 0.
     *
     * @param buffer    where to write.
     * @param offset    where the header starts, just after GRE.
     * @param sessionId the ERSPAN session id.
     * @return {@link #TYPE_II_LENGTH}.
     * @throws IllegalArgumentException when the session id does not fit in 10 bits.
     */
    public static int writeTypeII(final MutableDirectBuffer buffer, final int offset, final int sessionId)
    {
        buffer.putInt(offset + BASE_OFFSET, baseWord(VERSION_TYPE_II, sessionId), BIG_ENDIAN);
        buffer.putInt(offset + TIMESTAMP_OFFSET, 0, BIG_ENDIAN);
        return TYPE_II_LENGTH;
    }

    /**
     * Writes a type III header without a platform-specific subheader: untagged, class of service 0, not truncated,
     * hardware id 0, with a timestamp in ticks of 100 nanoseconds.
     *
     * @param buffer      where to write.
     * @param offset      where the header starts, just after GRE.
     * @param sessionId   the ERSPAN session id.
     * @param timestampNs when the copy was taken, nanoseconds since the epoch; carried modulo 2^32 ticks.
     * @param egress      whether the copy was taken as the frame left the port.
     * @return {@link #TYPE_III_LENGTH}.
     * @throws IllegalArgumentException when the session id does not fit in 10 bits.
     */
    public static int writeTypeIII(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sessionId,
        final long timestampNs,
        final boolean egress)
    {
        buffer.putInt(offset + BASE_OFFSET, baseWord(VERSION_TYPE_III, sessionId), BIG_ENDIAN);
        buffer.putInt(offset + TIMESTAMP_OFFSET, (int)(timestampNs / 100), BIG_ENDIAN);
        buffer.putInt(offset + FLAGS_OFFSET,
            (egress ? EGRESS_FLAG : 0) | GRANULARITY_100_NS << GRANULARITY_SHIFT, BIG_ENDIAN);
        return TYPE_III_LENGTH;
    }

    private static int baseWord(final int version, final int sessionId)
    {
        if (sessionId < 0 || sessionId > MAX_SESSION_ID)
        {
            throw new IllegalArgumentException("ERSPAN session id " + sessionId + " is outside 0.." + MAX_SESSION_ID);
        }
        return version << VERSION_SHIFT | sessionId;
    }

    private int base()
    {
        return buffer.getInt(offset + BASE_OFFSET, BIG_ENDIAN);
    }

    private int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET, BIG_ENDIAN);
    }
}
