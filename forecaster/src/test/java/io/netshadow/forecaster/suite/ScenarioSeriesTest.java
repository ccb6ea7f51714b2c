package io.netshadow.forecaster.suite;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the realism of the series: levels, seasonality, the shadow's sampling and fidelity error, and the unrelated
 * anomalies before the change.
 */
class ScenarioSeriesTest
{
    private static final int COUNT = 120;
    private static final List<Scenario> SUITE = ScenarioSuite.generate(ScenarioSuite.DEFAULT_SEED, COUNT);

    @Test
    void levelsAreThoseOfARealNetwork()
    {
        for (final Scenario scenario : SUITE)
        {
            final int change = scenario.changeIndex();
            final double throughput = median(scenario.live()[SuiteKpi.THROUGHPUT_BPS.ordinal()], change);
            final double loss = median(scenario.live()[SuiteKpi.LOSS_RATIO.ordinal()], change);
            final double p50 = median(scenario.live()[SuiteKpi.LATENCY_P50_NS.ordinal()], change);
            final double p99 = median(scenario.live()[SuiteKpi.LATENCY_P99_NS.ordinal()], change);
            final double jitter = median(scenario.live()[SuiteKpi.JITTER_NS.ordinal()], change);
            final double retransmission = median(scenario.live()[SuiteKpi.RETRANSMISSION_RATIO.ordinal()], change);
            assertTrue(throughput > 0.7e9 && throughput < 50e9, scenario.id() + " throughput " + throughput);
            assertTrue(loss > 0.5e-4 && loss < 2e-3, scenario.id() + " loss " + loss);
            assertTrue(p50 > 0.15e6 && p50 < 2.5e6, scenario.id() + " p50 " + p50);
            assertTrue(p99 / p50 > 2.5 && p99 / p50 < 12.0, scenario.id() + " p99/p50 " + p99 / p50);
            assertTrue(jitter > 0.05 * p50 && jitter < p50, scenario.id() + " jitter " + jitter);
            assertTrue(retransmission > loss, scenario.id() + " retransmissions follow loss");
        }
    }

    @Test
    void throughputFollowsADailyCycle()
    {
        int cyclic = 0;
        for (final Scenario scenario : SUITE)
        {
            final double[] throughput = scenario.live()[SuiteKpi.THROUGHPUT_BPS.ordinal()];
            final double[] today = blockMedians(throughput, 0);
            final double[] tomorrow = blockMedians(throughput, ScenarioSuite.DAY_INTERVALS);
            cyclic += correlation(today, tomorrow) > 0.5 ? 1 : 0;
        }
        assertTrue(cyclic > 0.8 * SUITE.size(), "daily cycle in " + cyclic);
    }

    @Test
    void shadowThroughputIsASampledShareOfLive()
    {
        for (int i = 0; i < COUNT; i++)
        {
            final Scenario scenario = SUITE.get(i);
            final double[] live = scenario.live()[SuiteKpi.THROUGHPUT_BPS.ordinal()];
            final double[] shadow = scenario.shadow()[SuiteKpi.THROUGHPUT_BPS.ordinal()];
            final int until = scenario.harmedKpis().contains(SuiteKpi.THROUGHPUT_BPS) ? scenario.changeIndex() :
                live.length;
            final double[] share = new double[until];
            for (int t = 0; t < until; t++)
            {
                share[t] = shadow[t] / live[t];
            }
            final double typical = median(share, share.length);
            assertTrue(typical > 0.095 && typical < 0.52, scenario.id() + " share " + typical);
            for (final UnrelatedAnomaly anomaly : ScenarioSuite.unrelatedAnomalies(ScenarioSuite.DEFAULT_SEED, i))
            {
                Arrays.fill(share, anomaly.firstInterval(), anomaly.endInterval(), typical);
            }
            for (final double each : share)
            {
                assertTrue(Math.abs(each / typical - 1.0) < 0.1, scenario.id() + " share " + each);
            }
        }
    }

    @Test
    void shadowMeasuresQualityWithAFewPercentErrorAndNoisierLoss()
    {
        int noisierLoss = 0;
        for (final Scenario scenario : SUITE)
        {
            final int change = scenario.changeIndex();
            for (final SuiteKpi kpi : List.of(SuiteKpi.LATENCY_P50_NS, SuiteKpi.LATENCY_P99_NS, SuiteKpi.JITTER_NS))
            {
                final double bias = median(scenario.shadow()[kpi.ordinal()], change) /
                    median(scenario.live()[kpi.ordinal()], change) - 1.0;
                assertTrue(Math.abs(bias) < 0.08, scenario.id() + " " + kpi + " bias " + bias);
            }
            final double[] liveLoss = scenario.live()[SuiteKpi.LOSS_RATIO.ordinal()];
            final double[] shadowLoss = scenario.shadow()[SuiteKpi.LOSS_RATIO.ordinal()];
            noisierLoss += relativeSwing(shadowLoss, change) > relativeSwing(liveLoss, change) ? 1 : 0;
            assertFalse(Arrays.equals(liveLoss, shadowLoss), scenario.id());
        }
        assertTrue(noisierLoss > 0.85 * SUITE.size(), "shadow loss noisier in " + noisierLoss);
    }

    @Test
    void unrelatedAnomaliesShowBeforeTheChangeOnTheirSide()
    {
        for (int i = 0; i < COUNT; i++)
        {
            final Scenario scenario = SUITE.get(i);
            final List<UnrelatedAnomaly> anomalies = ScenarioSuite.unrelatedAnomalies(ScenarioSuite.DEFAULT_SEED, i);
            assertFalse(anomalies.isEmpty(), scenario.id());
            for (final UnrelatedAnomaly anomaly : anomalies)
            {
                assertTrue(anomaly.endInterval() < scenario.changeIndex(), scenario.id());
                assertTrue(anomaly.onLive() || anomaly.onShadow(), scenario.id());
                if (anomaly.onLive())
                {
                    assertStandsOut(scenario, scenario.live(), anomaly);
                }
                if (anomaly.onShadow())
                {
                    assertStandsOut(scenario, scenario.shadow(), anomaly);
                }
            }
        }
    }

    private static void assertStandsOut(final Scenario scenario, final double[][] side,
        final UnrelatedAnomaly anomaly)
    {
        final SuiteKpi kpi = anomaly.kpis().getFirst();
        final double[] series = side[kpi.ordinal()];
        final int from = Math.max(0, anomaly.firstInterval() - 12);
        final double[] around = Arrays.copyOfRange(series, from, anomaly.endInterval() + 12);
        final double typical = median(around, around.length);
        double extreme = series[anomaly.firstInterval()];
        for (int t = anomaly.firstInterval(); t < anomaly.endInterval(); t++)
        {
            extreme = SuiteKpi.THROUGHPUT_BPS == kpi ? Math.min(extreme, series[t]) : Math.max(extreme, series[t]);
        }
        final boolean standsOut = switch (kpi)
        {
            case THROUGHPUT_BPS -> extreme < 0.75 * typical;
            case LOSS_RATIO -> extreme > typical + 0.003;
            default -> extreme > 1.2 * typical;
        };
        assertTrue(standsOut, scenario.id() + " " + anomaly + " extreme " + extreme + " typical " + typical);
    }

    private static double[] blockMedians(final double[] series, final int from)
    {
        final int block = 10;
        final double[] medians = new double[ScenarioSuite.DAY_INTERVALS / block];
        for (int b = 0; b < medians.length; b++)
        {
            final int start = from + b * block;
            medians[b] = median(Arrays.copyOfRange(series, start, start + block), block);
        }
        return medians;
    }

    private static double median(final double[] series, final int to)
    {
        final double[] sorted = Arrays.copyOf(series, to);
        Arrays.sort(sorted);
        return sorted[to / 2];
    }

    private static double relativeSwing(final double[] series, final int to)
    {
        double sum = 0.0;
        for (int t = 1; t < to; t++)
        {
            sum += Math.abs(Math.log(series[t] / series[t - 1]));
        }
        return sum / (to - 1);
    }

    private static double correlation(final double[] a, final double[] b)
    {
        final double meanA = Arrays.stream(a).average().orElseThrow();
        final double meanB = Arrays.stream(b).average().orElseThrow();
        double covariance = 0.0;
        double varianceA = 0.0;
        double varianceB = 0.0;
        for (int i = 0; i < a.length; i++)
        {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
