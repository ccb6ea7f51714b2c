package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioShape;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small hand-built scenarios: steady KPIs with a little seeded noise, and a step on chosen KPIs at the change.
 */
final class TestScenarios
{
    static final long INTERVAL_NS = 10_000_000_000L;
    static final int INTERVALS = 200;
    static final int CHANGE_INDEX = 100;
    static final double LOSS_DELTA = 0.02;

    private static final double[] LEVELS = {1e9, 0.001, 1e6, 5e6, 1e5, 0.002};

    private TestScenarios()
    {
    }

    /**
     * A harmless change: noise around steady levels, no effect.
     */
    static Scenario flat(final String id, final long seed, final double noise)
    {
        return build(id, seed, ScenarioShape.NO_EFFECT, noise, 0.0, List.of());
    }

    /**
     * A harmful change: the given KPIs, all worse when higher, rise by {@code step} in their own unit at the change.
     */
    static Scenario step(final String id, final long seed, final double noise, final double step,
        final List<SuiteKpi> harmed)
    {
        return build(id, seed, ScenarioShape.STEP, noise, step, harmed);
    }

    static List<KpiThreshold> thresholds()
    {
        final double unset = Double.NaN;
        final List<KpiThreshold> thresholds = new ArrayList<>();
        thresholds.addAll(KpiThreshold.onBothSides("throughput_bps", SuiteKpi.THROUGHPUT_BPS.direction(), unset, 0.2));
        thresholds.addAll(KpiThreshold.onBothSides("loss_ratio", SuiteKpi.LOSS_RATIO.direction(), LOSS_DELTA, unset));
        thresholds.addAll(KpiThreshold.onBothSides("latency_p50_ns", SuiteKpi.LATENCY_P50_NS.direction(), unset, 0.5));
        thresholds.addAll(KpiThreshold.onBothSides("latency_p99_ns", SuiteKpi.LATENCY_P99_NS.direction(), unset, 0.5));
        thresholds.addAll(KpiThreshold.onBothSides("jitter_ns", SuiteKpi.JITTER_NS.direction(), unset, 0.5));
        thresholds.addAll(KpiThreshold.onBothSides("retransmission_ratio", SuiteKpi.RETRANSMISSION_RATIO.direction(),
            LOSS_DELTA, unset));
        return thresholds;
    }

    private static Scenario build(
        final String id,
        final long seed,
        final ScenarioShape shape,
        final double noise,
        final double step,
        final List<SuiteKpi> harmed)
    {
        final Random random = new Random(seed);
        final int kpis = SuiteKpi.values().length;
        final double[][] live = new double[kpis][INTERVALS];
        final double[][] shadow = new double[kpis][INTERVALS];
        for (int k = 0; k < kpis; k++)
        {
            for (int t = 0; t < INTERVALS; t++)
            {
                final double effect = t >= CHANGE_INDEX && harmed.contains(SuiteKpi.values()[k]) ? step : 0.0;
                live[k][t] = LEVELS[k] * (1 + noise * random.nextGaussian()) + effect;
                shadow[k][t] = LEVELS[k] * (1 + noise * random.nextGaussian()) + effect;
            }
        }
        return new Scenario(id, seed, shape, true, INTERVAL_NS, CHANGE_INDEX, harmed.isEmpty() ? -1 : CHANGE_INDEX,
            harmed, live, shadow, thresholds());
    }
}
