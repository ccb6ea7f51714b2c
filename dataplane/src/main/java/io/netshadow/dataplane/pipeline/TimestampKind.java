package io.netshadow.dataplane.pipeline;

/**
 * Where a packet's timestamp came from. Every timestamp is in nanoseconds since the epoch. The packet journal stores
 * the ordinal, so new kinds go at the end.
 */
public enum TimestampKind
{
    /** Taken by the mirroring switch's hardware (ERSPAN type III). */
    HARDWARE,
    /** Taken from a capture file's record. */
    CAPTURE,
    /** Taken by the appliance's ingest clock when the datagram was read. */
    INGEST,
    /** Taken by the appliance's kernel when the frame reached the capture socket (AF_PACKET). */
    KERNEL;

    private static final TimestampKind[] VALUES = values();

    /**
     * The kind with the given ordinal, without allocating.
     *
     * @param ordinal the ordinal.
     * @return the kind.
     * @throws IllegalArgumentException when no kind has that ordinal.
     */
    public static TimestampKind fromOrdinal(final int ordinal)
    {
        if (ordinal < 0 || ordinal >= VALUES.length)
        {
            throw new IllegalArgumentException("no timestamp kind with ordinal " + ordinal);
        }
        return VALUES[ordinal];
    }
}
