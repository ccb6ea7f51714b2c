package io.netshadow.dataplane.pipeline;

/**
 * What the reorder stage does with a packet older than one it already released: either way it is counted.
 */
public enum LatePolicy
{
    /** Drop it: downstream sees a strictly ordered stream. The default. */
    DROP,
    /** Pass it on out of order: nothing is lost, downstream copes with the rare step back in time. */
    PASS
}
