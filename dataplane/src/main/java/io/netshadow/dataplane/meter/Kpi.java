package io.netshadow.dataplane.meter;

import java.util.Locale;

/**
 * A key performance indicator the meters measure per interval, on the live network and on the shadow alike.
 */
public enum Kpi
{
    /** Delivered IP bytes per second, in bits per second. */
    THROUGHPUT_BPS,
    /** Delivered packets per second. */
    PACKETS_PER_SECOND,
    /** Lost packets over lost plus delivered, 0 when there were none. */
    LOSS_RATIO,
    /** Median one-way latency of delivered packets, in nanoseconds. */
    LATENCY_P50_NS,
    /** 99th percentile one-way latency of delivered packets, in nanoseconds. */
    LATENCY_P99_NS;

    private static final Kpi[] VALUES = values();

    private final String seriesName = name().toLowerCase(Locale.ROOT);

    /**
     * The name of the KPI's time series, such as {@code loss_ratio}.
     *
     * @return the series name.
     */
    public String seriesName()
    {
        return seriesName;
    }

    /**
     * The KPI with the given ordinal, without allocating.
     *
     * @param ordinal the ordinal.
     * @return the KPI.
     */
    public static Kpi fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
