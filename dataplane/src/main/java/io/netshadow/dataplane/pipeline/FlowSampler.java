package io.netshadow.dataplane.pipeline;

/**
 * Selects whole flows by their keyed flow hash: a flow is in the sample when its hash falls below a threshold set
 * by the share. Every packet of a flow, and both directions of a conversation, get the same answer.
 */
public final class FlowSampler
{
    private static final int HASH_BITS = 53;

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
        this.thresholdExclusive = (long)Math.ceil(share * (1L << HASH_BITS));
    }

    /**
     * Whether a flow is in the sample.
     *
     * @param flowHash the flow's hash.
     * @return true when selected.
     */
    public boolean selects(final long flowHash)
    {
        return (flowHash >>> (Long.SIZE - HASH_BITS)) < thresholdExclusive;
    }
}
