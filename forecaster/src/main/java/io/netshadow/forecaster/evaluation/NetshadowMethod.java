package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.ChangeEvidence;
import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.List;
import java.util.stream.Stream;

/**
 * Netshadow's own way of deciding whether a change stays, on the scenario suite: the {@link ChangeEvidence} that the
 * daemon's change evaluation runs too. Per KPI series, a Random Cut Forest grades anomalies so that unrelated spikes
 * before the change stay out of the baseline; a harmonic regression over the seasonal period (a day; a line through
 * the last clean values without one) forecasts the series as if the change had not happened; a load term lets a surge
 * of traffic explain a surge of latency, loss or jitter; and a divergence test watches whether the shadow still tracks
 * live. After the change, CUSUMs of the evidence against each KPI's threshold roll the change
 * back as soon as one reaches {@link ChangeEvidence#ROLL_BACK_BOUND}. Live and shadow share the network's own noise (a
 * burst shows on both), so each interval's increment is the mean of the two sides' rather than their sum, and it is
 * clipped, so that a rollback needs at least three intervals of evidence. The change is kept after
 * {@link #KEEP_AFTER_INTERVALS}, later than a delayed harm shows, when every KPI's evidence lies below
 * {@link ChangeEvidence#KEEP_CONCERN} of the bound, and after {@link #MAX_WAIT_INTERVALS} in any case short of a
 * rollback.
 */
public final class NetshadowMethod implements DecisionMethod
{
    /** The method's name in tables and files. */
    public static final String NAME = "netshadow";
    /** Post-change intervals before a keep, long enough for a delayed onset to show. */
    public static final int KEEP_AFTER_INTERVALS = 55;
    /** Post-change intervals after which a change is kept unless rolled back. */
    public static final int MAX_WAIT_INTERVALS = 65;


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
        private static final List<String> KPI_NAMES =
            Stream.of(SuiteKpi.values()).map(SuiteKpi::seriesName).toList();

        private final long intervalNs;
        private final int changeIndex;
        private final ChangeEvidence evidence;
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
            evidence = new ChangeEvidence(KPI_NAMES, thresholds, periodIntervals, false, series -> 1.0);
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
                for (int k = 0; k < KPI_NAMES.size(); k++)
                {
                    evidence.learn(k, interval, interval * intervalNs, live[k], shadow[k]);
                }
                return Decision.PENDING;
            }
            if (decided.isDecided())
            {
                return decided;
            }
            for (int k = 0; k < KPI_NAMES.size(); k++)
            {
                evidence.judge(k, interval, live[k], shadow[k]);
            }
            final int postChangeIntervals = interval - changeIndex + 1;
            decided = evidence.decide(interval, postChangeIntervals, KEEP_AFTER_INTERVALS);
            if (!decided.isDecided() && postChangeIntervals >= MAX_WAIT_INTERVALS)
            {
                decided = evidence.mostConcerningDecision(Decision.Kind.KEEP, interval);
            }
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
            return evidence.shadowDiverged(kpi.ordinal());
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
    }
}
