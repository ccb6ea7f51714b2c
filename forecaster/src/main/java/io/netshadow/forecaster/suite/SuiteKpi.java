package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.KpiDirection;

/**
 * The KPIs a scenario carries per interval, on the live network and in the shadow, each with the way it gets worse
 * and its series name ({@code live.<name>} or {@code shadow.<name>}).
 */
public enum SuiteKpi
{
    /** Delivered bits per second. */
    THROUGHPUT_BPS("throughput_bps", KpiDirection.LOWER_IS_WORSE),
    /** Share of packets lost, 0 to 1. */
    LOSS_RATIO("loss_ratio", KpiDirection.HIGHER_IS_WORSE),
    /** Median one-way latency in nanoseconds. */
    LATENCY_P50_NS("latency_p50_ns", KpiDirection.HIGHER_IS_WORSE),
    /** 99th percentile one-way latency in nanoseconds. */
    LATENCY_P99_NS("latency_p99_ns", KpiDirection.HIGHER_IS_WORSE),
    /** Mean absolute difference of consecutive latencies in nanoseconds. */
    JITTER_NS("jitter_ns", KpiDirection.HIGHER_IS_WORSE),
    /** Share of TCP segments retransmitted, 0 to 1. */
    RETRANSMISSION_RATIO("retransmission_ratio", KpiDirection.HIGHER_IS_WORSE);

    private final String seriesName;
    private final KpiDirection direction;

    SuiteKpi(final String seriesName, final KpiDirection direction)
    {
        this.seriesName = seriesName;
        this.direction = direction;
    }

    /**
     * The KPI's part of a series name.
     *
     * @return such as {@code loss_ratio}.
     */
    public String seriesName()
    {
        return seriesName;
    }

    /**
     * Which way the KPI gets worse.
     *
     * @return the direction.
     */
    public KpiDirection direction()
    {
        return direction;
    }

    /**
     * The series of this KPI on one side.
     *
     * @param side {@code live} or {@code shadow}.
     * @return such as {@code shadow.loss_ratio}.
     */
    public String series(final String side)
    {
        return side + "." + seriesName;
    }
}
