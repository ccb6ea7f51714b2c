package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.EvaluationPolicy;
import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a decision method over scenarios and measures it: each scenario's intervals are fed in order until the method
 * keeps or rolls back at or after the change (a method still pending at the end keeps at the end), then the
 * scenario's result and the method's summary are worked out.
 */
public final class SuiteEvaluation
{
    /** Pre-change intervals whose live mean is the baseline that harm is measured from and thresholds drawn at. */
    public static final int BASELINE_INTERVALS = 30;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Told after each scenario is judged.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * One more scenario judged.
         *
         * @param judged scenarios judged so far.
         * @param total  scenarios to judge.
         */
        void onScenario(int judged, int total);
    }

    /**
     * One method's results on every scenario and their summary.
     *
     * @param method  the method's name.
     * @param results the result on each scenario, in the scenarios' order.
     * @param summary the headline figures.
     */
    public record MethodEvaluation(String method, List<ScenarioResult> results, MethodSummary summary)
    {
    }

    private SuiteEvaluation()
    {
    }

    /**
     * Judges every scenario with a method.
     *
     * @param method    the method.
     * @param scenarios the scenarios.
     * @param listener  told after each scenario.
     * @return the results and their summary.
     */
    public static MethodEvaluation evaluate(
        final DecisionMethod method, final List<Scenario> scenarios, final Listener listener)
    {
        final List<ScenarioResult> results = new ArrayList<>(scenarios.size());
        for (final Scenario scenario : scenarios)
        {
            results.add(judge(method, scenario));
            listener.onScenario(results.size(), scenarios.size());
        }
        return new MethodEvaluation(method.name(), List.copyOf(results), MethodSummary.of(method.name(), results));
    }

    /**
     * Judges one scenario with a method.
     *
     * @param method   the method.
     * @param scenario the scenario.
     * @return what the method decided, when, the harm and the CPU time spent.
     */
    public static ScenarioResult judge(final DecisionMethod method, final Scenario scenario)
    {
        final int kpis = SuiteKpi.values().length;
        final double[] live = new double[kpis];
        final double[] shadow = new double[kpis];
        final long startCpuNs = cpuTimeNs();
        final DecisionMethod.ScenarioJudge judge = method.start(scenario);
        Decision decision = Decision.PENDING;
        int interval = 0;
        final int last = scenario.intervals() - 1;
        for (; interval <= last; interval++)
        {
            for (int k = 0; k < kpis; k++)
            {
                live[k] = scenario.live()[k][interval];
                shadow[k] = scenario.shadow()[k][interval];
            }
            final Decision said = judge.onInterval(interval, live, shadow);
            if (interval >= scenario.changeIndex() && null != said && said.isDecided())
            {
                decision = said;
                break;
            }
        }
        final long cpuNs = cpuTimeNs() - startCpuNs;
        final int decidedInterval = Math.min(interval, last);
        if (!decision.isDecided())
        {
            decision = Decision.keep();
        }
        final int harmEnd = Decision.Kind.ROLL_BACK == decision.kind() ? decidedInterval : last;
        return new ScenarioResult(method.name(), scenario, decision, decidedInterval,
            decidedInterval - scenario.changeIndex() + 1, harm(scenario, harmEnd), decidedInterval + 1, cpuNs);
    }

    /**
     * The harm that lands on live up to an interval: over the harmed KPIs and the intervals from the harm's onset
     * (never before the change) to {@code lastInterval} inclusive, the live value's worsening beyond the pre-change
     * baseline, counted only when worse, in units of the KPI's live threshold delta at that baseline (of the
     * baseline's magnitude when the scenario sets no live threshold on the KPI).
     *
     * @param scenario     the scenario.
     * @param lastInterval the last interval the change was in place.
     * @return the harm, 0 for a harmless change.
     */
    public static double harm(final Scenario scenario, final int lastInterval)
    {
        double harm = 0;
        if (scenario.harmOnset() < 0)
        {
            return harm;
        }
        final int from = Math.max(scenario.harmOnset(), scenario.changeIndex());
        for (final SuiteKpi kpi : scenario.harmedKpis())
        {
            final double[] series = scenario.live()[kpi.ordinal()];
            final double baseline = baseline(series, scenario.changeIndex());
            final KpiThreshold threshold = liveThreshold(scenario, kpi);
            final double delta = null == threshold ? 0.0 : threshold.harmfulDelta(baseline);
            final double unit = delta > 0 ? delta : Math.max(Math.abs(baseline), Double.MIN_NORMAL);
            for (int interval = from; interval <= lastInterval; interval++)
            {
                harm += Math.max(0.0, kpi.direction().worsening(series[interval], baseline)) / unit;
            }
        }
        return harm;
    }

    /**
     * The pre-change baseline of a series: the mean of its last {@link #BASELINE_INTERVALS} intervals before the
     * change, or of all of them when there are fewer.
     *
     * @param series      the series.
     * @param changeIndex the first interval after the change.
     * @return the mean.
     */
    public static double baseline(final double[] series, final int changeIndex)
    {
        final int from = Math.max(0, changeIndex - BASELINE_INTERVALS);
        double sum = 0;
        for (int interval = from; interval < changeIndex; interval++)
        {
            sum += series[interval];
        }
        return sum / (changeIndex - from);
    }

    /**
     * The scenario's threshold on a KPI's live series.
     *
     * @param scenario the scenario.
     * @param kpi      the KPI.
     * @return the threshold, or null when the scenario sets none.
     */
    public static KpiThreshold liveThreshold(final Scenario scenario, final SuiteKpi kpi)
    {
        final String series = kpi.series(EvaluationPolicy.LIVE_SIDE);
        for (final KpiThreshold threshold : scenario.thresholds())
        {
            if (threshold.series().equals(series))
            {
                return threshold;
            }
        }
        return null;
    }

    private static long cpuTimeNs()
    {
        return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled() ?
            THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
