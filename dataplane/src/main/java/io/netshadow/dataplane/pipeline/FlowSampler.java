package io.netshadow.dataplane.pipeline;

/**
 * Selects whole flows by their keyed flow hash: a flow is in the sample when its hash falls below a threshold set
 * by the share. Every packet of a flow, and both directions of a conversation, get the same answer. The mirror
 * share takes the lowest band of hashes; the {@link RedirectGate} takes its share from the top band, so the two
 * select disjoint flows whenever their shares add up to at most 1.
 */
public final class FlowSampler
{
    /** The number of hash bits a share is measured on. */
    static final int HASH_BITS = 53;
    /** The number of hash positions: a share of 1 selects all of them. */
    static final long POSITIONS = 1L << HASH_BITS;

    private final long thresholdExclusive;

    /**
     * A sampler that selects about the given share of flows.
     *
     * @param share the share of flows to select, in (0, 1].
     * @throws IllegalArgumentException when the share is outside (0, 1].
     */
    public FlowSampler(final double share)
    {
        if (!(share > 0.0 && share <= 1.0))
        {
            throw new IllegalArgumentException("mirror share must be in (0, 1]: " + share);
        }
        this.thresholdExclusive = positionsOf(share);
    }

    /**
     * Whether a flow is in the sample.
     *
     * @param flowHash the flow's hash.
     * @return true when selected.
     */
    public boolean selects(final long flowHash)
    {
        return position(flowHash) < thresholdExclusive;
    }

    /**
     * Where a flow hash falls on the scale shares are measured on.
     *
     * @param flowHash the flow's hash.
     * @return a position in [0, {@link #POSITIONS}).
     */
    static long position(final long flowHash)
    {
        return flowHash >>> (Long.SIZE - HASH_BITS);
    }

    /**
     * How many positions a share covers.
     *
     * @param share a share in [0, 1].
     * @return the number of positions, rounded up.
     */
    static long positionsOf(final double share)
    {
        return (long)Math.ceil(share * POSITIONS);
    }
}
