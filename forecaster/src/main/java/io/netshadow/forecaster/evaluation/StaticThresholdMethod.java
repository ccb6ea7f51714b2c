package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;

/**
 * The usual way of watching a change: a static threshold on the live KPIs after it. The baseline of each live KPI is
 * the mean of its last pre-change intervals; the change is rolled back after the first post-change interval that
 * ends a run of {@code consecutiveBreaches} intervals in which the same KPI is past its threshold, and kept once
 * {@code keepAfterIntervals} post-change intervals pass without that.
 * <p>
 * The defaults: a 30-interval baseline, 3 consecutive breaches (a single noisy interval past the line is not a
 * verdict, as an alert rule's hold time), keep after 30 post-change intervals.
 */
public final class StaticThresholdMethod implements DecisionMethod
{
    /** The method's name in tables and files. */
    public static final String NAME = "static-threshold";

    private final int baselineIntervals;
    private final int consecutiveBreaches;
    private final int keepAfterIntervals;

    /**
     * The method with its defaults.
     */
    public StaticThresholdMethod()
    {
        this(30, 3, 30);
    }

    /**
     * The method with chosen parameters.
     *
     * @param baselineIntervals   pre-change intervals whose mean is the baseline.
     * @param consecutiveBreaches intervals in a row past the threshold that roll back.
     * @param keepAfterIntervals  post-change intervals after which the change is kept.
     */
    public StaticThresholdMethod(final int baselineIntervals, final int consecutiveBreaches, final int keepAfterIntervals)
    {
        if (baselineIntervals < 1 || consecutiveBreaches < 1 || keepAfterIntervals < consecutiveBreaches)
        {
            throw new IllegalArgumentException("baseline and breaches must be at least 1, the keep window at least " +
                "the breaches: " + baselineIntervals + ", " + consecutiveBreaches + ", " + keepAfterIntervals);
        }
        this.baselineIntervals = baselineIntervals;
        this.consecutiveBreaches = consecutiveBreaches;
        this.keepAfterIntervals = keepAfterIntervals;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public ScenarioJudge start(final Scenario scenario)
    {
        return new Judge(scenario.changeIndex(), new LiveMetrics(scenario, baselineIntervals));
    }

    private final class Judge implements ScenarioJudge
    {
        private final int changeIndex;
        private final LiveMetrics metrics;
        private final double[] limits;
        private final int[] breaches;

        Judge(final int changeIndex, final LiveMetrics metrics)
        {
            this.changeIndex = changeIndex;
            this.metrics = metrics;
            this.limits = new double[metrics.count()];
            this.breaches = new int[metrics.count()];
        }

        @Override
        public Decision onInterval(final int interval, final double[] live, final double[] shadow)
        {
            if (interval < changeIndex)
            {
                metrics.addPreChange(live);
                return Decision.PENDING;
            }
            if (interval == changeIndex)
            {
                for (int metric = 0; metric < metrics.count(); metric++)
                {
                    limits[metric] = metrics.threshold(metric).limit(metrics.preChangeMean(metric));
                }
            }
            for (int metric = 0; metric < metrics.count(); metric++)
            {
                final double value = live[metrics.kpi(metric).ordinal()];
                final boolean breached = metrics.kpi(metric).direction().worsening(value, limits[metric]) > 0;
                breaches[metric] = breached ? breaches[metric] + 1 : 0;
                if (breaches[metric] >= consecutiveBreaches)
                {
                    return new Decision(Decision.Kind.ROLL_BACK, metrics.threshold(metric).series(), Double.NaN,
                        Double.NaN, Double.NaN, limits[metric]);
                }
            }
            return interval - changeIndex + 1 >= keepAfterIntervals ? Decision.keep() : Decision.PENDING;
        }
    }
}
