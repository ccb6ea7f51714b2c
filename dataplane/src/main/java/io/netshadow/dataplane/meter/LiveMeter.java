package io.netshadow.dataplane.meter;

import org.agrona.BitUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.function.Function;

/**
 * Measures the live network from mirror copies: the copy of a packet mirrored where it enters the network is
 * remembered by its packet key; the copy mirrored where it leaves, with the same key, makes it delivered with
 * latency = egress timestamp − ingress timestamp; an ingress copy unmatched for longer than the match timeout
 * makes it lost. Deliveries count in the interval of their egress timestamp, losses in the interval in which
 * their timeout expires.
 * <p>
 * The match table is bounded: a packet arriving when it is full is not measured, and counted. Allocates nothing
 * per packet. Single-threaded: fed by the live meter agent in packet-timestamp order.
 */
public final class LiveMeter
{
    /** Counter label: packets matched ingress to egress. */
    public static final String DELIVERED = "meter.live.delivered";
    /** Counter label: ingress copies with no egress copy within the match timeout. */
    public static final String LOST = "meter.live.lost";
    /** Counter label: egress copies with no remembered ingress copy. */
    public static final String UNMATCHED_EGRESS = "meter.live.unmatched_egress";
    /** Counter label: a second ingress copy of a packet already remembered (mirrored at two ingress ports). */
    public static final String DUPLICATE_INGRESS = "meter.live.duplicate_ingress";
    /** Counter label: ingress copies not measured because the match table was full. */
    public static final String MATCH_TABLE_FULL = "meter.match_table_full";

    private static final long MISSING = Long.MIN_VALUE;
    private static final float LOAD_FACTOR = 0.5f;

    private final IntervalStats stats;
    private final long matchTimeoutNs;
    private final int matchTableCapacity;
    private final Long2LongHashMap ingressTimestampByKey;
    private final long[] pendingKeys;
    private final long[] pendingTimestampsNs;
    private final int pendingMask;
    private long pendingHead;
    private long pendingTail;
    private final AtomicCounter delivered;
    private final AtomicCounter lost;
    private final AtomicCounter unmatchedEgress;
    private final AtomicCounter duplicateIngress;
    private final AtomicCounter matchTableFull;

    /**
     * A live meter.
     *
     * @param kpiRing            where samples go.
     * @param intervalNs         length of an interval in packet time.
     * @param matchTimeoutNs     how long an ingress copy waits for its egress copy before the packet is lost.
     * @param matchTableCapacity the most ingress copies remembered at once.
     * @param counters           gives the counter for a label.
     */
    public LiveMeter(
        final KpiRing kpiRing,
        final long intervalNs,
        final long matchTimeoutNs,
        final int matchTableCapacity,
        final Function<String, AtomicCounter> counters)
    {
        if (matchTimeoutNs <= 0 || matchTableCapacity <= 0)
        {
            throw new IllegalArgumentException("match timeout and table capacity must be positive");
        }
        this.stats = new IntervalStats(Side.LIVE, kpiRing, intervalNs, 1.0);
        this.matchTimeoutNs = matchTimeoutNs;
        this.matchTableCapacity = matchTableCapacity;
        this.ingressTimestampByKey = new Long2LongHashMap(
            BitUtil.findNextPositivePowerOfTwo(matchTableCapacity) * 2, LOAD_FACTOR, MISSING);
        final int pendingCapacity = BitUtil.findNextPositivePowerOfTwo(matchTableCapacity);
        this.pendingKeys = new long[pendingCapacity];
        this.pendingTimestampsNs = new long[pendingCapacity];
        this.pendingMask = pendingCapacity - 1;
        this.delivered = counters.apply(DELIVERED);
        this.lost = counters.apply(LOST);
        this.unmatchedEgress = counters.apply(UNMATCHED_EGRESS);
        this.duplicateIngress = counters.apply(DUPLICATE_INGRESS);
        this.matchTableFull = counters.apply(MATCH_TABLE_FULL);
    }

    /**
     * A copy mirrored where the packet entered the network.
     *
     * @param packetKey   the packet's key.
     * @param timestampNs when it was seen.
     */
    public void onIngressCopy(final long packetKey, final long timestampNs)
    {
        advanceTo(timestampNs);
        if (ingressTimestampByKey.size() >= matchTableCapacity || pendingTail - pendingHead > pendingMask)
        {
            matchTableFull.incrementRelease();
            return;
        }
        if (MISSING != ingressTimestampByKey.putIfAbsent(packetKey, timestampNs))
        {
            duplicateIngress.incrementRelease();
            return;
        }
        final int index = (int)(pendingTail++ & pendingMask);
        pendingKeys[index] = packetKey;
        pendingTimestampsNs[index] = timestampNs;
    }

    /**
     * A copy mirrored where the packet left the network.
     *
     * @param packetKey   the packet's key.
     * @param timestampNs when it was seen.
     * @param lengthBytes its IP length.
     */
    public void onEgressCopy(final long packetKey, final long timestampNs, final int lengthBytes)
    {
        advanceTo(timestampNs);
        final long ingressTimestampNs = ingressTimestampByKey.remove(packetKey);
        if (MISSING == ingressTimestampNs)
        {
            unmatchedEgress.incrementRelease();
            return;
        }
        stats.delivered(lengthBytes, timestampNs - ingressTimestampNs);
        delivered.incrementRelease();
    }

    /**
     * Moves packet time forward: expires unmatched ingress copies and emits the intervals that ended.
     *
     * @param timeNs packet time; an earlier time than before changes nothing.
     */
    public void advanceTo(final long timeNs)
    {
        if (!stats.isStarted())
        {
            stats.start(timeNs);
            return;
        }
        while (timeNs >= stats.intervalEndNs())
        {
            expireUpTo(stats.intervalEndNs() - 1);
            stats.closeInterval(timeNs);
        }
        expireUpTo(timeNs);
    }

    /**
     * How many ingress copies wait for their egress copy.
     *
     * @return the match table's size.
     */
    public int pendingMatches()
    {
        return ingressTimestampByKey.size();
    }

    private void expireUpTo(final long timeNs)
    {
        while (pendingHead < pendingTail)
        {
            final int index = (int)(pendingHead & pendingMask);
            final long ingressTimestampNs = pendingTimestampsNs[index];
            if (ingressTimestampNs > timeNs - matchTimeoutNs)
            {
                return;
            }
            final long key = pendingKeys[index];
            if (ingressTimestampByKey.get(key) == ingressTimestampNs)
            {
                ingressTimestampByKey.remove(key);
                stats.lost();
                lost.incrementRelease();
            }
            pendingHead++;
        }
    }
}
