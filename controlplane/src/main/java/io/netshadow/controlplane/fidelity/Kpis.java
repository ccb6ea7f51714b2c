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
    private static final int STRATUM_BITS = 20;

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
        final double[] unit = new double[run.sent().length];
        Arrays.fill(unit, 1.0);
        return new Kpis(total > 0 ? (double)lost / total : 0,
            weightedP99(run.latencyNs(), run.latencyStratum(), new long[run.latencyNs().length], unit));
    }

    /**
     * The 99th percentile of latencies, each shifted and weighted by its stratum.
     *
     * @param latencyNs       the latencies.
     * @param stratum         each latency's stratum.
     * @param shiftNs         added to each latency, index for index.
     * @param weightOfStratum the weight of a latency of each stratum.
     * @return the percentile in nanoseconds, 0 when nothing weighs anything.
     */
    static double weightedP99(
        final long[] latencyNs, final int[] stratum, final long[] shiftNs, final double[] weightOfStratum)
    {
        final int count = latencyNs.length;
        final long[] packed = new long[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            packed[i] = Math.max(0, latencyNs[i] + shiftNs[i]) << STRATUM_BITS | stratum[i];
            total += weightOfStratum[stratum[i]];
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
            cumulative += weightOfStratum[(int)(entry & ((1 << STRATUM_BITS) - 1))];
            if (cumulative >= target)
            {
                return entry >>> STRATUM_BITS;
            }
        }
        return packed[count - 1] >>> STRATUM_BITS;
    }
}
