package io.netshadow.forecaster.suite;

import java.util.SplittableRandom;

/**
 * What one side measures of the network's true KPI state in an interval: the live meter sees all traffic, the shadow
 * a sampled share of it, so its counts are smaller and its ratios noisier, and it carries a small bias per KPI.
 * <p>
 * Rates and latencies get a log-normal error of fixed spread. A loss or retransmission ratio is a count over the
 * interval's packets; lost packets come in clusters, so its relative error is {@code sqrt(c / lostPackets)} with
 * {@code c} the cluster size, and it shrinks as the ratio rises.
 */
final class Meter
{
    private static final int KPIS = SuiteKpi.values().length;
    private static final int THROUGHPUT = SuiteKpi.THROUGHPUT_BPS.ordinal();
    private static final int LOSS = SuiteKpi.LOSS_RATIO.ordinal();
    private static final int RETRANSMISSION = SuiteKpi.RETRANSMISSION_RATIO.ordinal();
    private static final double LOST_PACKET_CLUSTERING = 20.0;
    private static final double MAX_COUNT_NOISE = 0.8;

    private final double[][] normals;
    private final double share;
    private final double packetBytes;
    private final double[] spread;
    private final double[] bias;

    Meter(final SplittableRandom random, final int intervals, final double share, final double packetBytes,
        final double[] spread, final double[] maxBias)
    {
        this.share = share;
        this.packetBytes = packetBytes;
        this.spread = spread;
        this.normals = new double[KPIS][intervals];
        this.bias = new double[KPIS];
        for (int k = 0; k < KPIS; k++)
        {
            bias[k] = maxBias[k] * (2.0 * random.nextDouble() - 1.0);
            for (int t = 0; t < intervals; t++)
            {
                normals[k][t] = random.nextGaussian();
            }
        }
    }

    /**
     * Reads one KPI of one interval.
     *
     * @param state the true state, [kpi][interval], with throughput of all traffic.
     * @param k     the KPI's ordinal.
     * @param t     the interval.
     * @return the measured value.
     */
    double read(final double[][] state, final int k, final int t)
    {
        final double value = state[k][t];
        final double sigma;
        if (LOSS == k || RETRANSMISSION == k)
        {
            final double packets = share * state[THROUGHPUT][t] * ScenarioSuite.INTERVAL_SECONDS / (8.0 * packetBytes);
            sigma = Math.min(MAX_COUNT_NOISE, Math.sqrt(LOST_PACKET_CLUSTERING / Math.max(1.0, value * packets)));
        }
        else
        {
            sigma = spread[k];
        }
        final double measured = value * (THROUGHPUT == k ? share : 1.0) * (1.0 + bias[k]) *
            Math.exp(sigma * normals[k][t] - 0.5 * sigma * sigma);
        return LOSS == k || RETRANSMISSION == k ? Math.min(1.0, measured) : measured;
    }

    /**
     * Reads every KPI of every interval.
     *
     * @param state the true state, [kpi][interval].
     * @return the measured series, [kpi][interval].
     */
    double[][] readAll(final double[][] state)
    {
        final int intervals = state[0].length;
        final double[][] measured = new double[KPIS][intervals];
        for (int k = 0; k < KPIS; k++)
        {
            for (int t = 0; t < intervals; t++)
            {
                measured[k][t] = read(state, k, t);
            }
        }
        return measured;
    }
}
