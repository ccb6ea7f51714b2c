package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioShape;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded scenarios of every shape for judging decision methods in tests: daily seasonality, multiplicative noise,
 * unrelated spikes before the change, and a shadow that is a noisier, slightly biased copy of live with throughput
 * scaled by its sampling share. Harm is sized in multiples of each KPI's harmful delta.
 */
final class ChangeScenarios
{
    static final long INTERVAL_NS = 60_000_000_000L;
    static final int DAY_INTERVALS = 1440;
    static final int CHANGE_INDEX = 200;
    static final int INTERVALS = 280;
    static final double SHADOW_SHARE = 0.1;
    static final double[] BASE = {1e9, 0.002, 200_000.0, 1_000_000.0, 50_000.0, 0.003};
    static final double[] LIVE_NOISE = {0.04, 0.12, 0.05, 0.08, 0.08, 0.12};
    static final double SHADOW_EXTRA_NOISE = 0.06;
    static final double SEASON_AMPLITUDE = 0.3;
    static final int PRE_CHANGE_SPIKES = 4;

    private static final int THROUGHPUT = SuiteKpi.THROUGHPUT_BPS.ordinal();
    private static final int LOSS = SuiteKpi.LOSS_RATIO.ordinal();
    private static final int P50 = SuiteKpi.LATENCY_P50_NS.ordinal();
    private static final int P99 = SuiteKpi.LATENCY_P99_NS.ordinal();
    private static final int JITTER = SuiteKpi.JITTER_NS.ordinal();
    private static final int RETRANSMISSION = SuiteKpi.RETRANSMISSION_RATIO.ordinal();

    private ChangeScenarios()
    {
    }

    static List<KpiThreshold> thresholds()
    {
        final List<KpiThreshold> thresholds = new ArrayList<>();
        for (final String side : List.of("live", "shadow"))
        {
            thresholds.add(KpiThreshold.lowerIsWorse(SuiteKpi.THROUGHPUT_BPS.series(side), Double.NaN, 0.2));
            thresholds.add(KpiThreshold.higherIsWorse(SuiteKpi.LOSS_RATIO.series(side), 0.005, Double.NaN));
            thresholds.add(KpiThreshold.higherIsWorse(SuiteKpi.LATENCY_P50_NS.series(side), Double.NaN, 0.3));
            thresholds.add(KpiThreshold.higherIsWorse(SuiteKpi.LATENCY_P99_NS.series(side), Double.NaN, 0.5));
            thresholds.add(KpiThreshold.higherIsWorse(SuiteKpi.JITTER_NS.series(side), Double.NaN, 0.5));
            thresholds.add(KpiThreshold.higherIsWorse(SuiteKpi.RETRANSMISSION_RATIO.series(side), 0.005, Double.NaN));
        }
        return thresholds;
    }

    /**
     * A scenario of a shape from a seed.
     *
     * @param shape what the change does.
     * @param seed  the seed.
     * @return the scenario.
     */
    static Scenario of(final ScenarioShape shape, final long seed)
    {
        return build(shape, seed, false);
    }

    /**
     * A harmless change during which the shadow's loss drifts up on its own: the shadow stops tracking live.
     *
     * @param seed the seed.
     * @return the scenario.
     */
    static Scenario withShadowFault(final long seed)
    {
        return build(ScenarioShape.NO_EFFECT, seed, true);
    }

    private static Scenario build(final ScenarioShape shape, final long seed, final boolean shadowFault)
    {
        final Random random = new Random(seed);
        final int kpis = SuiteKpi.values().length;
        final double[][] clean = new double[kpis][INTERVALS];
        final double phase = random.nextDouble() * 2 * Math.PI;
        for (int t = 0; t < INTERVALS; t++)
        {
            final double season = 1.0 + SEASON_AMPLITUDE * Math.sin(phase + 2 * Math.PI * t / DAY_INTERVALS);
            clean[THROUGHPUT][t] = BASE[THROUGHPUT] * season;
            clean[LOSS][t] = BASE[LOSS] * (0.5 + 0.5 * season);
            clean[P50][t] = BASE[P50] * (0.7 + 0.3 * season);
            clean[P99][t] = BASE[P99] * (0.6 + 0.4 * season);
            clean[JITTER][t] = BASE[JITTER] * (0.7 + 0.3 * season);
            clean[RETRANSMISSION][t] = BASE[RETRANSMISSION] * (0.5 + 0.5 * season);
        }

        final List<SuiteKpi> harmed = new ArrayList<>();
        int onset = CHANGE_INDEX;
        switch (shape)
        {
            case NO_EFFECT ->
            {
            }
            case SMALL_IMPROVEMENT ->
            {
                final int k = random.nextBoolean() ? P99 : LOSS;
                shift(clean, k, CHANGE_INDEX, -(0.2 + 0.3 * random.nextDouble()) * clean[k][CHANGE_INDEX] * 0.5);
            }
            case BENIGN_TRAFFIC_SHIFT ->
            {
                final double factor = 1.0 + (random.nextDouble() * 0.4 - 0.1);
                for (int t = CHANGE_INDEX; t < INTERVALS; t++)
                {
                    clean[THROUGHPUT][t] *= factor;
                }
            }
            case STEP ->
            {
                final int k = pick(random, THROUGHPUT, LOSS, P50, P99, JITTER, RETRANSMISSION);
                harm(clean, k, CHANGE_INDEX, INTERVALS, 1.5 + 1.5 * random.nextDouble(), 0);
                harmed.add(SuiteKpi.values()[k]);
            }
            case RAMP ->
            {
                final int k = pick(random, LOSS, P99, P50, THROUGHPUT);
                harm(clean, k, CHANGE_INDEX, INTERVALS, 2.0 + random.nextDouble(), 10 + random.nextInt(21));
                harmed.add(SuiteKpi.values()[k]);
            }
            case INTERMITTENT_LOSS ->
            {
                final double delta = delta(LOSS, clean[LOSS][CHANGE_INDEX]);
                for (int t = CHANGE_INDEX; t < INTERVALS; t++)
                {
                    if (random.nextDouble() < 0.35)
                    {
                        clean[LOSS][t] += (2.0 + 2.0 * random.nextDouble()) * delta;
                    }
                }
                harmed.add(SuiteKpi.LOSS_RATIO);
            }
            case TAIL_LATENCY ->
            {
                harm(clean, P99, CHANGE_INDEX, INTERVALS, 1.5 + random.nextDouble(), 0);
                harmed.add(SuiteKpi.LATENCY_P99_NS);
            }
            case VARIANCE_RISE ->
            {
                final int k = random.nextBoolean() ? P50 : JITTER;
                final double delta = delta(k, clean[k][CHANGE_INDEX]);
                for (int t = CHANGE_INDEX; t < INTERVALS; t++)
                {
                    clean[k][t] = Math.max(0.0, clean[k][t] + 1.3 * delta * random.nextGaussian());
                }
                harmed.add(SuiteKpi.values()[k]);
            }
            case DELAYED_ONSET ->
            {
                final int k = pick(random, LOSS, P99, THROUGHPUT, RETRANSMISSION);
                onset = CHANGE_INDEX + 5 + random.nextInt(16);
                harm(clean, k, onset, INTERVALS, 1.5 + 1.5 * random.nextDouble(), 0);
                harmed.add(SuiteKpi.values()[k]);
            }
            case ONE_CLASS ->
            {
                final int k = pick(random, LOSS, P99, RETRANSMISSION);
                final double classShare = 0.2 + 0.3 * random.nextDouble();
                final double classHarm = (1.3 + 0.7 * random.nextDouble()) / classShare;
                harm(clean, k, CHANGE_INDEX, INTERVALS, classHarm * classShare, 0);
                harmed.add(SuiteKpi.values()[k]);
            }
        }

        final double[][] live = new double[kpis][INTERVALS];
        final double[][] shadow = new double[kpis][INTERVALS];
        final double[] bias = new double[kpis];
        for (int k = 0; k < kpis; k++)
        {
            bias[k] = 1.0 + 0.05 * random.nextGaussian();
        }
        for (int t = 0; t < INTERVALS; t++)
        {
            for (int k = 0; k < kpis; k++)
            {
                live[k][t] = clean[k][t] * Math.exp(LIVE_NOISE[k] * random.nextGaussian());
                final double share = k == THROUGHPUT ? SHADOW_SHARE : 1.0;
                shadow[k][t] = live[k][t] * share * bias[k] * Math.exp(SHADOW_EXTRA_NOISE * random.nextGaussian());
            }
        }
        for (int spike = 0; spike < PRE_CHANGE_SPIKES; spike++)
        {
            final int t = CHANGE_INDEX - 100 + random.nextInt(95);
            final int k = random.nextInt(kpis);
            final double factor = k == THROUGHPUT ? 0.4 : 3.0 + 3.0 * random.nextDouble();
            live[k][t] *= factor;
            shadow[k][t] *= factor;
        }
        if (shadowFault)
        {
            for (int t = CHANGE_INDEX + 5; t < INTERVALS; t++)
            {
                shadow[LOSS][t] += Math.min(1.0, (t - CHANGE_INDEX - 5) / 10.0) * 4.0 * 0.005;
            }
        }
        return new Scenario(shape.name().toLowerCase() + "-" + seed, seed, shape, false, INTERVAL_NS, CHANGE_INDEX,
            shape.harmful() ? onset : -1, harmed, live, shadow, thresholds());
    }

    private static int pick(final Random random, final int... kpis)
    {
        return kpis[random.nextInt(kpis.length)];
    }

    private static double delta(final int k, final double baseline)
    {
        return thresholds().get(k).harmfulDelta(baseline);
    }

    private static void shift(final double[][] clean, final int k, final int from, final double by)
    {
        for (int t = from; t < INTERVALS; t++)
        {
            clean[k][t] = Math.max(0.0, clean[k][t] + by);
        }
    }

    private static void harm(
        final double[][] clean, final int k, final int from, final int to, final double multiple, final int rampIntervals)
    {
        final double delta = delta(k, clean[k][from]);
        final double sign = SuiteKpi.values()[k].direction() == KpiDirection.HIGHER_IS_WORSE ?
            1.0 : -1.0;
        for (int t = from; t < to; t++)
        {
            final double progress = rampIntervals == 0 ? 1.0 : Math.min(1.0, (t - from + 1.0) / rampIntervals);
            clean[k][t] = Math.max(0.0, clean[k][t] + sign * multiple * delta * progress);
        }
    }
}
