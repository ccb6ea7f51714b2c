package io.netshadow.controlplane.config;

/**
 * What the reorder stage does with a packet that arrives later than the lateness window allows. Either way the
 * packet is counted as late.
 */
public enum LatePolicy
{
    /** Count it and drop it, so that the ordered stream stays in time order. */
    DROP,
    /** Count it and pass it on out of order, flagged late. */
    DELIVER
}
