package io.netshadow.dataplane.meter;

/**
 * Which network a KPI sample measures.
 */
public enum Side
{
    /** The live network, measured from mirror copies. */
    LIVE,
    /** The shadow network, measured from the fates of replayed packets. */
    SHADOW;

    private static final Side[] VALUES = values();

    /**
     * The side with the given ordinal, without allocating.
     *
     * @param ordinal the ordinal.
     * @return the side.
     */
    public static Side fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
