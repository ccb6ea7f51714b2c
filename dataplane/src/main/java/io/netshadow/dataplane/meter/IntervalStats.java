package io.netshadow.dataplane.meter;

import org.HdrHistogram.Histogram;

/**
 * What one meter counted in the current interval, and the emission of its KPIs when the interval ends.
 * Intervals are aligned to multiples of their length in packet time.
 */
final class IntervalStats
{
    static final long MAX_LATENCY_NS = 10_000_000_000L;

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MAX_INTERVALS_PER_ADVANCE = 1000;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final Side side;
    private final KpiRing kpiRing;
    private final long intervalNs;
    private final double volumeScale;
    private final Histogram latencyNs = new Histogram(MAX_LATENCY_NS, SIGNIFICANT_DIGITS);
    private long intervalEndNs = NOT_STARTED;
    private long deliveredPackets;
    private long deliveredBytes;
    private long lostPackets;

    /**
     * @param side        the side the samples are for.
     * @param kpiRing     where samples go.
     * @param intervalNs  length of an interval.
     * @param volumeScale divides throughput and packet rate: the mirror share for the shadow, 1 for live.
     */
    IntervalStats(final Side side, final KpiRing kpiRing, final long intervalNs, final double volumeScale)
    {
        if (intervalNs <= 0)
        {
            throw new IllegalArgumentException("interval must be positive: " + intervalNs + " ns");
        }
        if (!(volumeScale > 0))
        {
            throw new IllegalArgumentException("volume scale must be positive: " + volumeScale);
        }
        this.side = side;
        this.kpiRing = kpiRing;
        this.intervalNs = intervalNs;
        this.volumeScale = volumeScale;
    }

    boolean isStarted()
    {
        return NOT_STARTED != intervalEndNs;
    }

    long intervalEndNs()
    {
        return intervalEndNs;
    }

    void start(final long timeNs)
    {
        intervalEndNs = alignedEnd(timeNs);
    }

    /**
     * Emits every interval that ended at or before a time; the first call starts the first interval.
     *
     * @param timeNs packet time.
     */
    void advanceTo(final long timeNs)
    {
        if (!isStarted())
        {
            start(timeNs);
            return;
        }
        while (timeNs >= intervalEndNs)
        {
            closeInterval(timeNs);
        }
    }

    /**
     * Emits the current interval and starts the next; after a long silence it skips ahead to the interval that
     * holds {@code timeNs} rather than emitting every empty interval in between.
     *
     * @param timeNs the packet time that ended the interval.
     */
    void closeInterval(final long timeNs)
    {
        emit();
        intervalEndNs += intervalNs;
        if (timeNs - intervalEndNs > MAX_INTERVALS_PER_ADVANCE * intervalNs)
        {
            intervalEndNs = alignedEnd(timeNs);
        }
    }

    void delivered(final int lengthBytes, final long latencyNs)
    {
        deliveredPackets++;
        deliveredBytes += lengthBytes;
        this.latencyNs.recordValue(Math.min(Math.max(latencyNs, 0), MAX_LATENCY_NS));
    }

    void lost()
    {
        lostPackets++;
    }

    private void emit()
    {
        final double seconds = intervalNs / NANOS_PER_SECOND;
        final long endNs = intervalEndNs;
        kpiRing.offer(side, Kpi.THROUGHPUT_BPS, endNs, deliveredBytes * 8.0 / seconds / volumeScale);
        kpiRing.offer(side, Kpi.PACKETS_PER_SECOND, endNs, deliveredPackets / seconds / volumeScale);
        final long outcomes = lostPackets + deliveredPackets;
        kpiRing.offer(side, Kpi.LOSS_RATIO, endNs, 0 == outcomes ? 0.0 : (double)lostPackets / outcomes);
        if (deliveredPackets > 0)
        {
            kpiRing.offer(side, Kpi.LATENCY_P50_NS, endNs, latencyNs.getValueAtPercentile(50.0));
            kpiRing.offer(side, Kpi.LATENCY_P99_NS, endNs, latencyNs.getValueAtPercentile(99.0));
        }
        deliveredPackets = 0;
        deliveredBytes = 0;
        lostPackets = 0;
        latencyNs.reset();
    }

    private long alignedEnd(final long timeNs)
    {
        return (Math.floorDiv(timeNs, intervalNs) + 1) * intervalNs;
    }
}
