package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.KpiThreshold;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioSuiteTest
{
    private static final List<Scenario> SUITE = ScenarioSuite.generate();

    @Test
    void sameSeedGeneratesAnIdenticalSuiteOfFiveHundred()
    {
        final List<Scenario> again = ScenarioSuite.generate(ScenarioSuite.DEFAULT_SEED, ScenarioSuite.DEFAULT_COUNT);

        assertEquals(ScenarioSuite.DEFAULT_COUNT, SUITE.size());
        for (int i = 0; i < SUITE.size(); i++)
        {
            assertSameScenario(SUITE.get(i), again.get(i));
        }
    }

    @Test
    void differentSeedGeneratesADifferentSuite()
    {
        final List<Scenario> other = ScenarioSuite.generate(ScenarioSuite.DEFAULT_SEED + 1, 50);

        int sameShape = 0;
        for (int i = 0; i < other.size(); i++)
        {
            final Scenario mine = SUITE.get(i);
            final Scenario theirs = other.get(i);
            assertNotEquals(mine.seed(), theirs.seed());
            assertFalse(Arrays.equals(mine.live()[0], theirs.live()[0]), mine.id());
            sameShape += mine.shape() == theirs.shape() ? 1 : 0;
        }
        assertTrue(sameShape < other.size(), "the shapes are dealt anew for another seed");
    }

    @Test
    void scenarioDependsOnItsIndexNotOnTheCount()
    {
        final List<Scenario> few = ScenarioSuite.generate(ScenarioSuite.DEFAULT_SEED, 30);

        for (int i = 0; i < few.size(); i++)
        {
            assertSameScenario(SUITE.get(i), few.get(i));
            assertSameScenario(SUITE.get(i), ScenarioSuite.scenario(ScenarioSuite.DEFAULT_SEED, i));
        }
    }

    @Test
    void shapesAreSpreadFortyPercentHarmlessSixtyHarmful()
    {
        final Map<ScenarioShape, Long> counts = SUITE.stream()
            .collect(Collectors.groupingBy(Scenario::shape, () -> new EnumMap<>(ScenarioShape.class),
                Collectors.counting()));
        final long harmless = SUITE.stream().filter(scenario -> !scenario.harmful()).count();

        assertEquals(ScenarioShape.values().length, counts.size());
        assertTrue(harmless >= 0.38 * SUITE.size() && harmless <= 0.42 * SUITE.size(), "harmless " + harmless);
        for (final Map.Entry<ScenarioShape, Long> entry : counts.entrySet())
        {
            final double expected = SUITE.size() * (entry.getKey().harmful() ? 0.6 / 7 : 0.4 / 3);
            assertTrue(Math.abs(entry.getValue() - expected) <= 0.15 * expected, entry.toString());
        }
    }

    @Test
    void everyBlockOfScenariosHoldsEachShapeInItsShare()
    {
        final List<Scenario> block = SUITE.subList(ScenarioSuite.SHAPE_BLOCK, 2 * ScenarioSuite.SHAPE_BLOCK);

        for (final ScenarioShape shape : ScenarioShape.values())
        {
            final long count = block.stream().filter(scenario -> scenario.shape() == shape).count();
            assertEquals(shape.harmful() ? 9 : 14, count, shape.name());
        }
    }

    @Test
    void heldBackPartIsAboutThirtyPercentStableAndDisjointFromTuning()
    {
        final List<Scenario> heldBack = ScenarioSuite.heldBack(SUITE);
        final List<Scenario> tuning = ScenarioSuite.tuning(SUITE);
        final Set<String> heldBackIds = heldBack.stream().map(Scenario::id).collect(Collectors.toSet());
        final Set<String> all = new HashSet<>(heldBackIds);
        tuning.forEach(scenario -> all.add(scenario.id()));

        assertTrue(heldBack.size() >= 0.25 * SUITE.size() && heldBack.size() <= 0.35 * SUITE.size(),
            "held back " + heldBack.size());
        assertEquals(SUITE.size(), heldBack.size() + tuning.size());
        assertEquals(SUITE.size(), all.size());
        assertTrue(tuning.stream().noneMatch(scenario -> heldBackIds.contains(scenario.id())));
        for (int i = 0; i < SUITE.size(); i++)
        {
            assertEquals(ScenarioSuite.isHeldBack(ScenarioSuite.DEFAULT_SEED, i), SUITE.get(i).heldBack());
        }
        for (final ScenarioShape shape : ScenarioShape.values())
        {
            assertTrue(heldBack.stream().filter(scenario -> scenario.shape() == shape).count() >= 5, shape.name());
        }
    }

    @Test
    void scenariosCarryTheirTimingAndIds()
    {
        for (int i = 0; i < SUITE.size(); i++)
        {
            final Scenario scenario = SUITE.get(i);
            assertEquals(ScenarioSuite.INTERVAL_NS, scenario.intervalNs());
            assertEquals(10_000_000_000L, scenario.intervalNs());
            assertEquals(ScenarioSuite.PRE_CHANGE_INTERVALS, scenario.changeIndex());
            assertEquals(ScenarioSuite.PRE_CHANGE_INTERVALS + ScenarioSuite.POST_CHANGE_INTERVALS,
                scenario.intervals());
            assertEquals(String.format("%s-%04d", scenario.shape().name().toLowerCase().replace('_', '-'), i),
                scenario.id());
            assertEquals(ScenarioSuite.thresholds(), scenario.thresholds());
        }
    }

    @Test
    void thresholdsHoldEveryKpiOnBothSides()
    {
        final List<KpiThreshold> thresholds = ScenarioSuite.thresholds();

        assertEquals(2 * SuiteKpi.values().length, thresholds.size());
        assertThreshold(SuiteKpi.LOSS_RATIO, 0.005, Double.NaN);
        assertThreshold(SuiteKpi.RETRANSMISSION_RATIO, 0.005, Double.NaN);
        assertThreshold(SuiteKpi.LATENCY_P50_NS, Double.NaN, 0.3);
        assertThreshold(SuiteKpi.LATENCY_P99_NS, Double.NaN, 0.5);
        assertThreshold(SuiteKpi.JITTER_NS, Double.NaN, 0.5);
        assertThreshold(SuiteKpi.THROUGHPUT_BPS, Double.NaN, 0.2);
        assertEquals(KpiDirection.LOWER_IS_WORSE, ScenarioSuite.threshold("live", SuiteKpi.THROUGHPUT_BPS).direction());
    }

    @Test
    void unknownSideOrNegativeCountIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ScenarioSuite.threshold("canary", SuiteKpi.LOSS_RATIO));
        assertThrows(IllegalArgumentException.class, () -> ScenarioSuite.generate(1L, -1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioSuite.shape(1L, -1));
    }

    private static void assertThreshold(final SuiteKpi kpi, final double absoluteDelta, final double relativeDelta)
    {
        for (final String side : List.of("live", "shadow"))
        {
            final KpiThreshold threshold = ScenarioSuite.threshold(side, kpi);
            assertEquals(kpi.series(side), threshold.series());
            assertEquals(kpi.direction(), threshold.direction());
            assertEquals(absoluteDelta, threshold.absoluteDelta());
            assertEquals(relativeDelta, threshold.relativeDelta());
        }
    }

    private static void assertSameScenario(final Scenario expected, final Scenario actual)
    {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.seed(), actual.seed());
        assertEquals(expected.shape(), actual.shape());
        assertEquals(expected.heldBack(), actual.heldBack());
        assertEquals(expected.harmOnset(), actual.harmOnset());
        assertEquals(expected.harmedKpis(), actual.harmedKpis());
        for (int k = 0; k < SuiteKpi.values().length; k++)
        {
            assertArrayEquals(expected.live()[k], actual.live()[k], expected.id());
            assertArrayEquals(expected.shadow()[k], actual.shadow()[k], expected.id());
        }
    }
}
