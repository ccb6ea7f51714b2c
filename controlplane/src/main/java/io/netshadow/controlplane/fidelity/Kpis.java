package io.netshadow.controlplane.fidelity;

import java.util.Arrays;

/**
 * The two KPIs the fidelity benchmark compares, over the packets of one run's window.
 *
 * @param lossRatio    packets dropped over packets delivered or dropped.
 * @param latencyP99Ns 99th percentile of the delivered packets' latency.
 */
public record Kpis(double lossRatio, double latencyP99Ns)
{
    private static final double QUANTILE = 0.99;
    private static final int INDEX_BITS = 25;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /**
     * The KPIs of a run, every packet counting once.
     *
     * @param run the run.
     * @return the KPIs.
     */
    static Kpis of(final RunResult run)
    {
        final long lost = Arrays.stream(run.lost()).sum();
        final long total = lost + Arrays.stream(run.delivered()).sum();
        final double[] unit = new double[run.latencyNs().length];
        Arrays.fill(unit, 1.0);
        return new Kpis(total > 0 ? (double)lost / total : 0,
            weightedP99(run.latencyNs(), new long[run.latencyNs().length], unit));
    }

    /**
     * The 99th percentile of latencies, each shifted and weighted.
     *
     * @param latencyNs the latencies.
     * @param shiftNs   added to each latency, index for index.
     * @param weight    the weight of each latency, index for index.
     * @return the percentile in nanoseconds, 0 when nothing weighs anything.
     * @throws IllegalArgumentException when there are more latencies than the sort can index.
     */
    static double weightedP99(final long[] latencyNs, final long[] shiftNs, final double[] weight)
    {
        final int count = latencyNs.length;
        if (count > INDEX_MASK + 1)
        {
            throw new IllegalArgumentException("too many latencies for the percentile: " + count);
        }
        final long[] packed = new long[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            packed[i] = Math.max(0, latencyNs[i] + shiftNs[i]) << INDEX_BITS | i;
            total += weight[i];
        }
        if (!(total > 0))
        {
            return 0;
        }
        Arrays.sort(packed);
        final double target = QUANTILE * total;
        double cumulative = 0;
        for (final long entry : packed)
        {
            cumulative += weight[(int)(entry & INDEX_MASK)];
            if (cumulative >= target)
            {
                return entry >>> INDEX_BITS;
            }
        }
        return packed[count - 1] >>> INDEX_BITS;
    }
}
