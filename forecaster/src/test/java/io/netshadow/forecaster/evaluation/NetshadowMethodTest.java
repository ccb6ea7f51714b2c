package io.netshadow.forecaster.evaluation;

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
        final NetshadowMethod.Judge judge = new NetshadowMethod().start(scenario);

        final Verdict verdict = run(scenario, judge);

        assertAll(
            () -> assertTrue(judge.shadowDiverged(SuiteKpi.LOSS_RATIO)),
            () -> assertEquals(Decision.Kind.KEEP, verdict.decision.kind(), verdict.toString()));
    }

    @Test
    void shadowThatTracksLiveIsNotFlaggedAsDiverged()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.STEP, 5);
        final NetshadowMethod.Judge judge = new NetshadowMethod().start(scenario);

        run(scenario, judge);

        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            assertFalse(judge.shadowDiverged(kpi), kpi.name());
        }
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
            new NetshadowMethod.Judge(scenario.intervalNs(), scenario.changeIndex(), List.of());

        final Verdict verdict = run(scenario, judge);

        assertAll(
            () -> assertEquals(Decision.Kind.KEEP, verdict.decision.kind()),
            () -> assertEquals(NetshadowMethod.MAX_WAIT_INTERVALS, verdict.intervalsToVerdict));
    }

    @Test
    void valuesThatAreNotFiniteAreCountedAndLeftOut()
    {
        final Scenario scenario = ChangeScenarios.of(ScenarioShape.NO_EFFECT, 4);
        final NetshadowMethod.Judge judge = new NetshadowMethod().start(scenario);
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

    static Verdict judge(final Scenario scenario)
    {
        return run(scenario, new NetshadowMethod().start(scenario));
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
