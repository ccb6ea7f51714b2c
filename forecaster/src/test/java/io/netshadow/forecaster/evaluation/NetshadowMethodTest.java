package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioShape;
import io.netshadow.forecaster.suite.SuiteKpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetshadowMethodTest
{
    private static final int SEEDS_PER_SHAPE = 12;

    @ParameterizedTest
    @EnumSource(ScenarioShape.class)
    void eachShapeGetsItsExpectedVerdictOnFixedSeeds(final ScenarioShape shape)
    {
        final Decision.Kind expected = shape.harmful() ? Decision.Kind.ROLL_BACK : Decision.Kind.KEEP;
        for (long seed = 1; seed <= SEEDS_PER_SHAPE; seed++)
        {
            final Verdict verdict = judge(ChangeScenarios.of(shape, seed));
            assertEquals(expected, verdict.decision.kind(), shape + " seed " + seed + ": " + verdict);
        }
    }

    @Test
    void harmfulChangesAreRolledBackWithinAFewIntervalsOnTheMedian()
    {
        final int[] intervals = new int[(ScenarioShape.values().length - 3) * SEEDS_PER_SHAPE];
        int count = 0;
        for (final ScenarioShape shape : ScenarioShape.values())
        {
            for (long seed = 1; shape.harmful() && seed <= SEEDS_PER_SHAPE; seed++)
            {
                intervals[count++] = judge(ChangeScenarios.of(shape, seed)).intervalsToVerdict;
            }
        }
        Arrays.sort(intervals);
        assertTrue(intervals[intervals.length / 2] <= 10, "median intervals to verdict " + intervals[intervals.length / 2]);
    }

    @Test
    void rollBackCarriesTheDecidingSeriesItsPredictionAndTheLimit()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.TAIL_LATENCY, 3);
        final Decision decision = judge(scenario).decision;

        assertAll(
            () -> assertEquals(Decision.Kind.ROLL_BACK, decision.kind()),
            () -> assertTrue(decision.series().endsWith(SuiteKpi.LATENCY_P99_NS.seriesName()), decision.series()),
            () -> assertTrue(decision.lower() > decision.limit(), decision.toString()),
            () -> assertTrue(decision.lower() <= decision.predicted() && decision.predicted() <= decision.upper()));
    }

    @Test
    void shadowThatStopsTrackingLiveIsDetectedAndDoesNotRollBack()
    {
        final Scenario scenario = ChangeScenarios.withShadowFault(7);
        final NetshadowMethod.Judge judge = new NetshadowMethod(ChangeScenarios.DAY_INTERVALS).start(scenario);

        final Verdict verdict = run(scenario, judge);

        assertAll(
            () -> assertTrue(judge.shadowDiverged(SuiteKpi.LOSS_RATIO)),
            () -> assertEquals(Decision.Kind.KEEP, verdict.decision.kind(), verdict.toString()));
    }

    @Test
    void shadowThatTracksLiveIsNotFlaggedAsDiverged()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.STEP, 5);
        final NetshadowMethod.Judge judge = new NetshadowMethod(ChangeScenarios.DAY_INTERVALS).start(scenario);

        run(scenario, judge);

        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            assertFalse(judge.shadowDiverged(kpi), kpi.name());
        }
    }

    @Test
    void latencyBurstThatComesWithATrafficBurstIsExplainedByTheLoad()
    {
        final Scenario scenario = withBursts(ChangeScenarios.of(ScenarioShape.NO_EFFECT, 6), 1.8);

        assertEquals(Decision.Kind.KEEP, judge(scenario).decision.kind());
    }

    @Test
    void latencyBurstWithoutMoreTrafficRollsBack()
    {
        final Scenario scenario = withBursts(ChangeScenarios.of(ScenarioShape.NO_EFFECT, 6), 1.0);

        final Verdict verdict = judge(scenario);

        assertAll(
            () -> assertEquals(Decision.Kind.ROLL_BACK, verdict.decision.kind()),
            () -> assertTrue(verdict.decision.series().endsWith(SuiteKpi.LATENCY_P99_NS.seriesName())));
    }

    @Test
    void harmlessChangeIsKeptOnceTheKeepWaitHasPassed()
    {
        final Verdict verdict = judge(ChangeScenarios.of(ScenarioShape.NO_EFFECT, 11));

        assertAll(
            () -> assertEquals(Decision.Kind.KEEP, verdict.decision.kind()),
            () -> assertEquals(NetshadowMethod.KEEP_AFTER_INTERVALS, verdict.intervalsToVerdict),
            () -> assertNotNull(verdict.decision.series()));
    }

    @Test
    void changeIsKeptAtTheWaitBoundWhenNoKpiIsJudged()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.NO_EFFECT, 2);
        final NetshadowMethod.Judge judge =
            new NetshadowMethod.Judge(scenario.intervalNs(), scenario.changeIndex(), List.of(), ChangeScenarios.DAY_INTERVALS);

        final Verdict verdict = run(scenario, judge);

        assertAll(
            () -> assertEquals(Decision.Kind.KEEP, verdict.decision.kind()),
            () -> assertEquals(NetshadowMethod.MAX_WAIT_INTERVALS, verdict.intervalsToVerdict));
    }

    @Test
    void valuesThatAreNotFiniteAreCountedAndLeftOut()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.NO_EFFECT, 4);
        final NetshadowMethod.Judge judge = new NetshadowMethod(ChangeScenarios.DAY_INTERVALS).start(scenario);
        final double[] live = new double[SuiteKpi.values().length];
        final double[] shadow = new double[SuiteKpi.values().length];
        Decision decision = Decision.PENDING;
        for (int t = 0; t < scenario.intervals() && !decision.isDecided(); t++)
        {
            for (int k = 0; k < live.length; k++)
            {
                live[k] = k == 0 && t % 10 == 0 ? Double.NaN : scenario.live()[k][t];
                shadow[k] = k == 1 && t % 10 == 0 ? -1.0 : scenario.shadow()[k][t];
            }
            decision = judge.onInterval(t, live, shadow);
        }

        assertAll(
            () -> assertTrue(judge.rejectedValues() > 0),
            () -> assertEquals(Decision.Kind.KEEP, judge.onInterval(scenario.intervals(), live, shadow).kind()));
    }

    /**
     * The scenario with two bursts of traffic before the change, each raising the p99 latency 2.6-fold with the traffic
     * 1.8-fold on both sides for three intervals, and after the change one burst of the same latency for five
     * intervals with the traffic raised by a factor.
     */
    private static Scenario withBursts(final Scenario scenario, final double trafficFactorAfterChange)
    {
        final double[][] live = copy(scenario.live());
        final double[][] shadow = copy(scenario.shadow());
        final int change = scenario.changeIndex();
        for (final int first : new int[] {change - 40, change - 15, change + 20})
        {
            final double traffic = first > change ? trafficFactorAfterChange : 1.8;
            for (int t = first; t < first + (first > change ? 5 : 3); t++)
            {
                for (final double[][] side : List.of(live, shadow))
                {
                    side[SuiteKpi.THROUGHPUT_BPS.ordinal()][t] *= traffic;
                    side[SuiteKpi.LATENCY_P99_NS.ordinal()][t] *= 2.6;
                }
            }
        }
        return new Scenario(scenario.id(), scenario.seed(), scenario.shape(), scenario.heldBack(),
            scenario.intervalNs(), change, scenario.harmOnset(), scenario.harmedKpis(), live, shadow,
            scenario.thresholds());
    }

    private static double[][] copy(final double[][] values)
    {
        final double[][] copy = new double[values.length][];
        for (int k = 0; k < values.length; k++)
        {
            copy[k] = values[k].clone();
        }
        return copy;
    }

    static Verdict judge(final Scenario scenario)
    {
        return run(scenario, new NetshadowMethod(ChangeScenarios.DAY_INTERVALS).start(scenario));
    }

    static Verdict run(final Scenario scenario, final DecisionMethod.ScenarioJudge judge)
    {
        final double[] live = new double[SuiteKpi.values().length];
        final double[] shadow = new double[SuiteKpi.values().length];
        for (int t = 0; t < scenario.intervals(); t++)
        {
            for (int k = 0; k < live.length; k++)
            {
                live[k] = scenario.live()[k][t];
                shadow[k] = scenario.shadow()[k][t];
            }
            final Decision decision = judge.onInterval(t, live, shadow);
            if (t >= scenario.changeIndex() && decision.isDecided())
            {
                return new Verdict(decision, t - scenario.changeIndex() + 1);
            }
        }
        return new Verdict(Decision.PENDING, scenario.intervals() - scenario.changeIndex());
    }

    record Verdict(Decision decision, int intervalsToVerdict)
    {
    }
}
