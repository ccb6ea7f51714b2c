package io.netshadow.dataplane.pipeline;

/**
 * Where a packet's timestamp came from, best first. Every timestamp is in nanoseconds since the epoch.
 */
public enum TimestampKind
{
    /** Taken by the mirroring switch's hardware (ERSPAN type III). */
    HARDWARE,
    /** Taken from a capture file's record. */
    CAPTURE,
    /** Taken by the appliance's ingest clock when the datagram was read. */
    INGEST;

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
