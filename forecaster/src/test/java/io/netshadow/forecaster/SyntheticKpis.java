package io.netshadow.forecaster;

import java.util.Random;

/**
 * Seeded synthetic KPI values with the noise of the demo: a slow seasonal swing, multiplicative jitter, occasional
 * spikes on latency and occasional small blips on loss.
 */
final class SyntheticKpis
{
    static final int SEASON_PERIOD_SAMPLES = 1200;
    static final double SEASON_AMPLITUDE = 0.1;
    static final double LATENCY_P99_NS = 1_000_000.0;
    static final double LATENCY_JITTER = 0.3;
    static final double LATENCY_SPIKE_PROBABILITY = 0.03;
    static final double THROUGHPUT_BPS = 800_000_000.0;
    static final double THROUGHPUT_NOISE = 0.05;
    static final double LOSS_FLOOR = 0.001;
    static final double LOSS_BLIP_PROBABILITY = 0.05;
    static final double LOSS_BLIP_MAX = 0.01;

    private final Random random;

    SyntheticKpis(final long seed)
    {
        random = new Random(seed);
    }

    double latencyP99Ns(final int step, final double factor)
    {
        final double jitter = 1.0 + LATENCY_JITTER * (2.0 * random.nextDouble() - 1.0);
        final double spike = random.nextDouble() < LATENCY_SPIKE_PROBABILITY ? 2.0 + 2.0 * random.nextDouble() : 1.0;
        return LATENCY_P99_NS * season(step) * jitter * spike * factor;
    }

    double throughputBps(final int step, final double factor)
    {
        return THROUGHPUT_BPS * season(step) * (1.0 + THROUGHPUT_NOISE * random.nextGaussian()) * factor;
    }

    double lossRatio(final double level)
    {
        if (level > LOSS_FLOOR)
        {
            return Math.clamp(level * (1.0 + 0.1 * random.nextGaussian()), 0.0, 1.0);
        }
        return random.nextDouble() < LOSS_BLIP_PROBABILITY ? LOSS_FLOOR + LOSS_BLIP_MAX * random.nextDouble() : level;
    }

    double gaussian(final double mean, final double sigma)
    {
        return mean + sigma * random.nextGaussian();
    }

    private static double season(final int step)
    {
        return 1.0 + SEASON_AMPLITUDE * Math.sin(2.0 * Math.PI * step / SEASON_PERIOD_SAMPLES);
    }
}
