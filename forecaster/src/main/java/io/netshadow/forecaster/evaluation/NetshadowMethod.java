package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.List;

/**
 * Netshadow's own way of deciding whether a change stays, on the forecaster's models. Per KPI series, a Random Cut
 * Forest grades anomalies so that unrelated spikes before the change stay out of the baseline; a harmonic regression
 * over the seasonal period (a day; a line through the last clean values without one) forecasts the series as if the
 * change had not happened; a load term lets a surge of traffic explain a surge of latency, loss or jitter; and a
 * divergence test watches whether the shadow still tracks live (see {@link KpiEvidence}). After the change, CUSUMs of
 * the evidence against each KPI's threshold roll the change back as soon as one reaches {@link #ROLL_BACK_BOUND}: a
 * log-likelihood ratio bound, so that with values at the harmless hypothesis a false rollback takes on the order of
 * {@code exp(ROLL_BACK_BOUND)} intervals per KPI, and far longer for values well inside the threshold. Live and shadow
 * share the network's own noise (a burst shows on both), so each interval's increment is the mean of the two sides'
 * rather than their sum, and it is clipped, so that a rollback needs at least three intervals of evidence. The change
 * is kept after {@link #KEEP_AFTER_INTERVALS}, later than a delayed harm shows, when every KPI's evidence lies below a
 * quarter of the bound, and after {@link #MAX_WAIT_INTERVALS} in any case short of a rollback.
 */
public final class NetshadowMethod implements DecisionMethod
{
    /** The method's name in tables and files. */
    public static final String NAME = "netshadow";
    /** The CUSUM bound at which a change is rolled back. */
    public static final double ROLL_BACK_BOUND = 10.0;
    /** Post-change intervals before a keep, long enough for a delayed onset to show. */
    public static final int KEEP_AFTER_INTERVALS = 55;
    /** Post-change intervals after which a change is kept unless rolled back. */
    public static final int MAX_WAIT_INTERVALS = 65;
    static final double KEEP_CONCERN = 0.25;

    private static final int LOAD = SuiteKpi.THROUGHPUT_BPS.ordinal();

    private final int seasonPeriodIntervals;

    /**
     * Creates the method for scenarios whose KPIs follow a seasonal period.
     *
     * @param seasonPeriodIntervals the period (a day) in intervals; 0 for none, when the baseline is a line.
     */
    public NetshadowMethod(final int seasonPeriodIntervals)
    {
        if (seasonPeriodIntervals < 0)
        {
            throw new IllegalArgumentException("seasonal period " + seasonPeriodIntervals + " is negative");
        }
        this.seasonPeriodIntervals = seasonPeriodIntervals;
    }
    private static final String LIVE = "live";
    private static final String SHADOW = "shadow";

    /**
     * The method's name.
     *
     * @return {@value #NAME}.
     */
    @Override
    public String name()
    {
        return NAME;
    }

    /**
     * Starts judging a scenario.
     *
     * @param scenario the scenario: its interval length, change index and thresholds.
     * @return the scenario's judge.
     */
    @Override
    public Judge start(final Scenario scenario)
    {
        return new Judge(scenario.intervalNs(), scenario.changeIndex(), scenario.thresholds(), seasonPeriodIntervals);
    }

    /**
     * Judges one change: learns each series before the change, then decides after each post-change interval.
     */
    public static final class Judge implements ScenarioJudge
    {
        private final long intervalNs;
        private final int changeIndex;
        private final KpiEvidence[] kpis;
        private long rejectedValues;
        private Decision decided = Decision.PENDING;

        /**
         * Creates the judge of one change.
         *
         * @param intervalNs      the length of one interval.
         * @param changeIndex     the first interval after the change.
         * @param thresholds      the thresholds per series, on {@code live.*} and {@code shadow.*}; a KPI without one
         *                        on either side is not judged.
         * @param periodIntervals the seasonal period (a day) in intervals, 0 for none.
         */
        public Judge(
            final long intervalNs, final int changeIndex, final List<KpiThreshold> thresholds, final int periodIntervals)
        {
            this.intervalNs = intervalNs;
            this.changeIndex = changeIndex;
            final SuiteKpi[] values = SuiteKpi.values();
            kpis = new KpiEvidence[values.length];
            for (final SuiteKpi kpi : values)
            {
                kpis[kpi.ordinal()] = new KpiEvidence(
                    find(thresholds, kpi.series(LIVE)), find(thresholds, kpi.series(SHADOW)), periodIntervals);
            }
        }

        /**
         * Takes one interval's KPIs; before the change the baselines learn them, after it the evidence grows.
         *
         * @param interval the interval's index, from 0.
         * @param live     the live KPIs by {@code SuiteKpi} ordinal.
         * @param shadow   the shadow's KPIs by ordinal.
         * @return pending, or the decision once made (and from then on).
         */
        @Override
        public Decision onInterval(final int interval, final double[] live, final double[] shadow)
        {
            countRejected(live);
            countRejected(shadow);
            if (interval < changeIndex)
            {
                for (int k = 0; k < kpis.length; k++)
                {
                    kpis[k].learn(interval, interval * intervalNs, live[k], shadow[k]);
                }
                return Decision.PENDING;
            }
            if (decided.isDecided())
            {
                return decided;
            }
            final KpiEvidence load = kpis[LOAD];
            if (interval == changeIndex)
            {
                for (final KpiEvidence kpi : kpis)
                {
                    kpi.freeze(load);
                }
            }
            final double liveLoad = load.liveLoadDeviation(interval, live[LOAD]);
            final double shadowLoad = load.shadowLoadDeviation(interval, shadow[LOAD]);
            for (int k = 0; k < kpis.length; k++)
            {
                kpis[k].judge(interval, live[k], shadow[k], liveLoad, shadowLoad);
            }
            decided = decide(interval);
            return decided;
        }

        /**
         * Values that were not finite and non-negative, and so were left out.
         *
         * @return the count since the judge started.
         */
        public long rejectedValues()
        {
            return rejectedValues;
        }

        /**
         * Whether the divergence test found that the shadow no longer tracks live on a KPI, so that only live
         * evidence counts for it.
         *
         * @param kpi the KPI.
         * @return true once diverged.
         */
        public boolean shadowDiverged(final SuiteKpi kpi)
        {
            return kpis[kpi.ordinal()].diverged();
        }

        private Decision decide(final int interval)
        {
            KpiEvidence mostConcerning = null;
            double concern = -1.0;
            for (final KpiEvidence kpi : kpis)
            {
                if (kpi.isJudged() && kpi.concern(ROLL_BACK_BOUND) > concern)
                {
                    concern = kpi.concern(ROLL_BACK_BOUND);
                    mostConcerning = kpi;
                }
            }
            if (null == mostConcerning)
            {
                return interval - changeIndex + 1 >= MAX_WAIT_INTERVALS ? Decision.keep() : Decision.PENDING;
            }
            if (mostConcerning.rollBack(ROLL_BACK_BOUND))
            {
                return mostConcerning.decision(Decision.Kind.ROLL_BACK, interval);
            }
            final int postChangeIntervals = interval - changeIndex + 1;
            if ((postChangeIntervals >= KEEP_AFTER_INTERVALS && concern < KEEP_CONCERN) ||
                postChangeIntervals >= MAX_WAIT_INTERVALS)
            {
                return mostConcerning.decision(Decision.Kind.KEEP, interval);
            }
            return Decision.PENDING;
        }

        private void countRejected(final double[] values)
        {
            for (final double value : values)
            {
                if (!Double.isFinite(value) || value < 0.0)
                {
                    rejectedValues++;
                }
            }
        }

        private static KpiThreshold find(final List<KpiThreshold> thresholds, final String series)
        {
            for (final KpiThreshold threshold : thresholds)
            {
                if (threshold.series().equals(series))
                {
                    return threshold;
                }
            }
            return null;
        }
    }
}
