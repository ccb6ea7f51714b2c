package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.KpiThreshold;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins each shape's ground truth on fixed seeds: harmless changes keep every live KPI's post-change mean within its
 * threshold of the pre-change baseline, harmful ones push each harmed KPI past it from the harm's onset on.
 */
class ScenarioGroundTruthTest
{
    private static final long[] SEEDS = {ScenarioSuite.DEFAULT_SEED, 7L, -4_242L};
    private static final int COUNT = 210;
    private static final List<Scenario> SCENARIOS = Arrays.stream(SEEDS)
        .boxed()
        .flatMap(seed -> ScenarioSuite.generate(seed, COUNT).stream())
        .toList();

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"NO_EFFECT", "SMALL_IMPROVEMENT", "BENIGN_TRAFFIC_SHIFT"})
    void harmlessChangesKeepEveryLiveKpiWithinItsThreshold(final ScenarioShape shape)
    {
        final List<Scenario> scenarios = ofShape(shape);

        for (final Scenario scenario : scenarios)
        {
            assertFalse(scenario.harmful());
            assertEquals(-1, scenario.harmOnset(), scenario.id());
            assertTrue(scenario.harmedKpis().isEmpty(), scenario.id());
            for (final SuiteKpi kpi : SuiteKpi.values())
            {
                assertTrue(worsening(scenario, "live", kpi, scenario.changeIndex()) <= 0.8,
                    scenario.id() + " " + kpi);
                assertTrue(worsening(scenario, "shadow", kpi, scenario.changeIndex()) <= 1.0,
                    scenario.id() + " " + kpi);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"NO_EFFECT", "SMALL_IMPROVEMENT", "BENIGN_TRAFFIC_SHIFT"},
        mode = EnumSource.Mode.EXCLUDE)
    void harmfulChangesPushEachHarmedLiveKpiPastItsThresholdFromTheOnset(final ScenarioShape shape)
    {
        final List<Scenario> scenarios = ofShape(shape);
        int hardCases = 0;

        for (final Scenario scenario : scenarios)
        {
            assertTrue(scenario.harmful());
            assertTrue(scenario.harmOnset() >= scenario.changeIndex(), scenario.id());
            assertFalse(scenario.harmedKpis().isEmpty(), scenario.id());
            for (final SuiteKpi kpi : SuiteKpi.values())
            {
                final double worsening = worsening(scenario, "live", kpi, scenario.harmOnset());
                if (scenario.harmedKpis().contains(kpi))
                {
                    final KpiThreshold threshold = ScenarioSuite.threshold("live", kpi);
                    final double[] series = scenario.live()[kpi.ordinal()];
                    assertTrue(threshold.isHarmful(ScenarioSuite.baseline(series, scenario.changeIndex()),
                        ScenarioSuite.mean(series, scenario.harmOnset(), scenario.intervals())),
                        scenario.id() + " " + kpi);
                    hardCases += worsening < 1.5 ? 1 : 0;
                }
                else
                {
                    assertTrue(worsening <= 1.0, scenario.id() + " " + kpi + " " + worsening);
                }
            }
        }
        assertTrue(hardCases > 0, "some harm lies just past its threshold");
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"NO_EFFECT", "SMALL_IMPROVEMENT", "BENIGN_TRAFFIC_SHIFT"},
        mode = EnumSource.Mode.EXCLUDE)
    void shadowShowsTheHarmToo(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            for (final SuiteKpi kpi : scenario.harmedKpis())
            {
                assertTrue(worsening(scenario, "shadow", kpi, scenario.harmOnset()) > 0.5, scenario.id() + " " + kpi);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"STEP", "TAIL_LATENCY", "VARIANCE_RISE"})
    void immediateHarmStartsAtTheChange(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertEquals(scenario.changeIndex(), scenario.harmOnset(), scenario.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"DELAYED_ONSET"})
    void delayedHarmStartsFiveToFortyIntervalsAfterTheChange(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            final int delay = scenario.harmOnset() - scenario.changeIndex();
            assertTrue(delay >= 5 && delay <= 40, scenario.id() + " delay " + delay);
            for (final SuiteKpi kpi : scenario.harmedKpis())
            {
                if (SuiteKpi.THROUGHPUT_BPS != kpi)
                {
                    assertTrue(windowWorsening(scenario, kpi, scenario.changeIndex(), scenario.harmOnset()) < 0.8,
                        scenario.id() + " " + kpi);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"RAMP"})
    void rampPassesItsThresholdSomeIntervalsAfterTheChangeAndKeepsRising(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertTrue(scenario.harmOnset() > scenario.changeIndex(), scenario.id());
            final SuiteKpi kpi = scenario.harmedKpis().getFirst();
            final int change = scenario.changeIndex();
            assertTrue(windowWorsening(scenario, kpi, change, change + 3) <
                windowWorsening(scenario, kpi, scenario.intervals() - 20, scenario.intervals()), scenario.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"INTERMITTENT_LOSS"})
    void intermittentLossComesAndGoesAfterTheOnset(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertTrue(scenario.harmedKpis().contains(SuiteKpi.LOSS_RATIO), scenario.id());
            final double[] loss = scenario.live()[SuiteKpi.LOSS_RATIO.ordinal()];
            final double limit = ScenarioSuite.threshold("live", SuiteKpi.LOSS_RATIO)
                .limit(ScenarioSuite.baseline(loss, scenario.changeIndex()));
            int above = 0;
            int below = 0;
            for (int t = scenario.harmOnset(); t < scenario.intervals(); t++)
            {
                above += loss[t] > limit ? 1 : 0;
                below += loss[t] <= limit ? 1 : 0;
            }
            assertTrue(above >= 10 && below >= 10, scenario.id() + " above " + above + " below " + below);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"TAIL_LATENCY"})
    void tailLatencyRisesWhileTheMedianStays(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertEquals(List.of(SuiteKpi.LATENCY_P99_NS), scenario.harmedKpis(), scenario.id());
            assertTrue(Math.abs(relativeChange(scenario, SuiteKpi.LATENCY_P50_NS)) < 0.15, scenario.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"VARIANCE_RISE"})
    void varianceRiseWidensTheTailAndJitterWhileTheMedianStays(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertEquals(List.of(SuiteKpi.LATENCY_P99_NS, SuiteKpi.JITTER_NS), scenario.harmedKpis(), scenario.id());
            assertTrue(Math.abs(relativeChange(scenario, SuiteKpi.LATENCY_P50_NS)) < 0.15, scenario.id());
            for (final SuiteKpi kpi : scenario.harmedKpis())
            {
                final double[] series = scenario.live()[kpi.ordinal()];
                final double before = relativeSwing(series, 0, scenario.changeIndex());
                final double after = relativeSwing(series, scenario.changeIndex(), scenario.intervals());
                assertTrue(after > 1.5 * before, scenario.id() + " " + kpi + " swing " + before + " -> " + after);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"ONE_CLASS"})
    void oneClassHarmMovesTheAggregateLossOrTail(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            assertTrue(scenario.harmedKpis().contains(SuiteKpi.LOSS_RATIO) ||
                scenario.harmedKpis().contains(SuiteKpi.LATENCY_P99_NS), scenario.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioShape.class, names = {"BENIGN_TRAFFIC_SHIFT"})
    void benignShiftMovesTheRateOnBothSidesAlike(final ScenarioShape shape)
    {
        for (final Scenario scenario : ofShape(shape))
        {
            final double live = relativeChange(scenario, SuiteKpi.THROUGHPUT_BPS);
            final double[] shadow = scenario.shadow()[SuiteKpi.THROUGHPUT_BPS.ordinal()];
            final double shadowChange = ScenarioSuite.mean(shadow, scenario.changeIndex(), scenario.intervals()) /
                ScenarioSuite.baseline(shadow, scenario.changeIndex()) - 1.0;
            assertEquals(live, shadowChange, 0.03, scenario.id());
        }
    }

    private static List<Scenario> ofShape(final ScenarioShape shape)
    {
        final List<Scenario> scenarios = SCENARIOS.stream().filter(scenario -> scenario.shape() == shape).toList();
        assertTrue(scenarios.size() >= 40, shape + " has " + scenarios.size());
        return scenarios;
    }

    private static double worsening(final Scenario scenario, final String side, final SuiteKpi kpi, final int from)
    {
        final double[] series = ("live".equals(side) ? scenario.live() : scenario.shadow())[kpi.ordinal()];
        final double baseline = ScenarioSuite.baseline(series, scenario.changeIndex());
        final double after = ScenarioSuite.mean(series, from, scenario.intervals());
        return kpi.direction().worsening(after, baseline) /
            ScenarioSuite.threshold(side, kpi).harmfulDelta(baseline);
    }

    private static double windowWorsening(final Scenario scenario, final SuiteKpi kpi, final int from, final int to)
    {
        final double[] series = scenario.live()[kpi.ordinal()];
        final double baseline = ScenarioSuite.baseline(series, scenario.changeIndex());
        return kpi.direction().worsening(ScenarioSuite.mean(series, from, to), baseline) /
            ScenarioSuite.threshold("live", kpi).harmfulDelta(baseline);
    }

    private static double relativeChange(final Scenario scenario, final SuiteKpi kpi)
    {
        final double[] series = scenario.live()[kpi.ordinal()];
        return ScenarioSuite.mean(series, scenario.changeIndex(), scenario.intervals()) /
            ScenarioSuite.baseline(series, scenario.changeIndex()) - 1.0;
    }

    private static double relativeSwing(final double[] series, final int from, final int to)
    {
        final double[] steps = new double[to - from - 1];
        for (int t = from + 1; t < to; t++)
        {
            steps[t - from - 1] = Math.abs(Math.log(series[t] / series[t - 1]));
        }
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }
}
