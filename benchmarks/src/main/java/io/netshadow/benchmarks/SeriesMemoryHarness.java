package io.netshadow.benchmarks;

import io.netshadow.forecaster.evaluation.NetshadowMethod;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Heap that the netshadow decision method holds per KPI series: it creates many judges (twelve series each), feeds
 * each enough intervals that every forest and window is full, and divides the growth of the heap in use after full
 * collections by the number of series.
 * <p>
 * Usage: {@code SeriesMemoryHarness [--judges N]} (default 200, that is 2400 series).
 */
public final class SeriesMemoryHarness
{
    static final int DEFAULT_JUDGES = 200;
    static final int LEARNED_INTERVALS = 160;
    static final double NOISE = 0.05;
    static final double[] LEVELS = NetshadowMethodBenchmark.LEVELS;
    static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private SeriesMemoryHarness()
    {
    }

    /**
     * Measures and prints the heap per series.
     *
     * @param args {@code --judges N} optionally.
     * @throws InterruptedException when interrupted while the collections settle.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final int judges = parseJudges(args);
        final long before = ProcessMemory.heapAfterGcBytes();
        final List<NetshadowMethod.Judge> held = new ArrayList<>(judges);
        final SplittableRandom random = new SplittableRandom(7);
        final int kpis = SuiteKpi.values().length;
        final double[] live = new double[kpis];
        final double[] shadow = new double[kpis];
        for (int j = 0; j < judges; j++)
        {
            final NetshadowMethod.Judge judge = NetshadowMethodBenchmark.newJudge();
            for (int t = 0; t < LEARNED_INTERVALS; t++)
            {
                for (int k = 0; k < kpis; k++)
                {
                    live[k] = LEVELS[k] * (1.0 + NOISE * (random.nextDouble() - 0.5));
                    shadow[k] = live[k] * (1.0 + NOISE * (random.nextDouble() - 0.5));
                }
                judge.onInterval(NetshadowMethodBenchmark.FIRST_INTERVAL + t, live, shadow);
            }
            held.add(judge);
        }
        final long after = ProcessMemory.heapAfterGcBytes();
        final int series = judges * NetshadowMethodBenchmark.SERIES_PER_INTERVAL;
        final double perSeriesBytes = (double)(after - before) / series;
        System.out.printf("judges=%d series=%d heapGrowthBytes=%d bytesPerSeries=%.0f (%.3f MiB) held=%d%n",
            judges, series, after - before, perSeriesBytes, perSeriesBytes / BYTES_PER_MIB, held.size());
    }

    private static int parseJudges(final String[] args)
    {
        if (args.length == 0)
        {
            return DEFAULT_JUDGES;
        }
        if (args.length != 2 || !"--judges".equals(args[0]))
        {
            throw new IllegalArgumentException("usage: SeriesMemoryHarness [--judges N]");
        }
        final int judges = Integer.parseInt(args[1]);
        if (judges < 1)
        {
            throw new IllegalArgumentException("--judges must be at least 1, got " + judges);
        }
        return judges;
    }
}
