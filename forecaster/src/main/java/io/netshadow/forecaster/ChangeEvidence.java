package io.netshadow.forecaster;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Netshadow's evidence on whether one change stays, over a set of KPIs each seen on live and on the shadow: the one
 * implementation behind both the daemon's change evaluation and the {@link NetshadowMethod} that the scenario suite
 * measures. Per KPI a {@link KpiEvidence} learns the series before the change, is frozen at it, and then takes one
 * interval at a time; the KPI named {@link #LOAD_KPI}, when judged, is the load whose surges explain the others'.
 * <p>
 * A change is rolled back as soon as one KPI's CUSUM reaches {@link #ROLL_BACK_BOUND}, a log-likelihood ratio bound,
 * so that with values at the harmless hypothesis a false rollback takes on the order of {@code exp(ROLL_BACK_BOUND)}
 * intervals per KPI, and far longer for values well inside the threshold. It is kept once the caller's keep wait has
 * passed and every judged KPI's evidence lies below {@link #KEEP_CONCERN} of the bound.
 */
public final class ChangeEvidence
{
    /** The CUSUM bound at which a change is rolled back. */
    public static final double ROLL_BACK_BOUND = 10.0;
    /** The share of the bound under which every KPI must lie for a keep. */
    public static final double KEEP_CONCERN = 0.25;
    /** The KPI whose surges above its baseline explain surges of the others: throughput. */
    public static final String LOAD_KPI = "throughput_bps";

    private final String[] kpiNames;
    private final KpiEvidence[] kpis;
    private final int load;
    private final ToDoubleFunction<String> intervalScales;
    private int loadInterval = Integer.MIN_VALUE;
    private double liveLoadDeviation = Double.NaN;
    private double shadowLoadDeviation = Double.NaN;
    private boolean frozen;

    /**
     * Creates the evidence of one change.
     *
     * @param kpiNames        the KPIs, such as {@code loss_ratio}; their series are {@code live.<kpi>} and
     *                        {@code shadow.<kpi>}.
     * @param thresholds      the thresholds per series; a KPI without one on a side is not judged on that side.
     * @param periodIntervals the seasonal period (a day) in intervals, 0 for none.
     * @param gradedByCaller  whether the caller grades pre-change values as anomalous ({@link #learnGraded});
     *                        otherwise each series keeps its own forest ({@link #learn}).
     * @param intervalScales  the factor, per series, by which past changes say its prediction intervals should be
     *                        widened; 1 for none.
     */
    public ChangeEvidence(
        final List<String> kpiNames,
        final List<KpiThreshold> thresholds,
        final int periodIntervals,
        final boolean gradedByCaller,
        final ToDoubleFunction<String> intervalScales)
    {
        this.kpiNames = kpiNames.toArray(String[]::new);
        this.intervalScales = intervalScales;
        kpis = new KpiEvidence[this.kpiNames.length];
        int loadIndex = -1;
        for (int k = 0; k < kpis.length; k++)
        {
            kpis[k] = new KpiEvidence(
                find(thresholds, EvaluationPolicy.LIVE_SIDE + '.' + this.kpiNames[k]),
                find(thresholds, EvaluationPolicy.SHADOW_SIDE + '.' + this.kpiNames[k]),
                periodIntervals,
                gradedByCaller);
            loadIndex = LOAD_KPI.equals(this.kpiNames[k]) ? k : loadIndex;
        }
        load = loadIndex;
    }

    /**
     * The index of a KPI.
     *
     * @param kpiName the KPI's name.
     * @return its index, -1 when it is not one of this change's KPIs.
     */
    public int indexOf(final String kpiName)
    {
        for (int k = 0; k < kpiNames.length; k++)
        {
            if (kpiNames[k].equals(kpiName))
            {
                return k;
            }
        }
        return -1;
    }

    /**
     * Learns one pre-change interval of a KPI, each side graded by its own forest.
     *
     * @param kpi         the KPI's index.
     * @param interval    the interval's index.
     * @param timeNs      the interval's time.
     * @param liveValue   the live value, NaN when missing.
     * @param shadowValue the shadow's value, NaN when missing.
     */
    public void learn(final int kpi, final int interval, final long timeNs, final double liveValue,
        final double shadowValue)
    {
        kpis[kpi].learn(interval, timeNs, liveValue, shadowValue);
    }

    /**
     * Learns one pre-change interval of a KPI whose values the caller has graded.
     *
     * @param kpi             the KPI's index.
     * @param interval        the interval's index.
     * @param liveValue       the live value, NaN when missing.
     * @param liveAnomalous   whether the live value is anomalous.
     * @param shadowValue     the shadow's value, NaN when missing.
     * @param shadowAnomalous whether the shadow's value is anomalous.
     */
    public void learnGraded(
        final int kpi,
        final int interval,
        final double liveValue,
        final boolean liveAnomalous,
        final double shadowValue,
        final boolean shadowAnomalous)
    {
        kpis[kpi].learnGraded(interval, liveValue, liveAnomalous, shadowValue, shadowAnomalous);
    }

    /**
     * Ends learning at the change: fits every baseline and each KPI's sensitivity to load.
     */
    public void freeze()
    {
        if (!frozen)
        {
            final KpiEvidence loadEvidence = load < 0 ? null : kpis[load];
            for (final KpiEvidence kpi : kpis)
            {
                kpi.freeze(loadEvidence);
            }
            frozen = true;
        }
    }

    /**
     * Takes one post-change interval of a KPI. The load KPI's interval, taken first, sets the surge of load the
     * others' values of the same interval are read against.
     *
     * @param kpi         the KPI's index.
     * @param interval    the interval's index.
     * @param liveValue   the live value, NaN when missing.
     * @param shadowValue the shadow's value, NaN when missing.
     */
    public void judge(final int kpi, final int interval, final double liveValue, final double shadowValue)
    {
        freeze();
        if (kpi == load)
        {
            loadInterval = interval;
            liveLoadDeviation = kpis[load].liveLoadDeviation(interval, liveValue);
            shadowLoadDeviation = kpis[load].shadowLoadDeviation(interval, shadowValue);
        }
        final boolean loadKnown = loadInterval == interval;
        kpis[kpi].judge(interval, liveValue, shadowValue, loadKnown ? liveLoadDeviation : Double.NaN,
            loadKnown ? shadowLoadDeviation : Double.NaN);
    }

    /**
     * What the evidence supports after a post-change interval.
     *
     * @param interval            the interval just judged.
     * @param postChangeIntervals intervals judged since the change, this one included.
     * @param keepAfterIntervals  intervals before a change may be kept.
     * @return a rollback as soon as one KPI reaches the bound, a keep once the keep wait has passed and every judged
     *         KPI is clear, pending otherwise; the decision names the most concerning KPI's series.
     */
    public Decision decide(final int interval, final int postChangeIntervals, final int keepAfterIntervals)
    {
        final KpiEvidence mostConcerning = mostConcerning();
        if (null == mostConcerning)
        {
            return Decision.PENDING;
        }
        if (mostConcerning.rollBack(ROLL_BACK_BOUND))
        {
            return decision(mostConcerning, Decision.Kind.ROLL_BACK, interval);
        }
        if (postChangeIntervals >= keepAfterIntervals && mostConcerning.concern(ROLL_BACK_BOUND) < KEEP_CONCERN)
        {
            return decision(mostConcerning, Decision.Kind.KEEP, interval);
        }
        return Decision.PENDING;
    }

    /**
     * The most concerning judged KPI's decision, whatever its concern: for a verdict when time runs out.
     *
     * @param kind     what to call it.
     * @param interval the current interval.
     * @return the decision, or a plain one without detail when no KPI is judged.
     */
    public Decision mostConcerningDecision(final Decision.Kind kind, final int interval)
    {
        final KpiEvidence mostConcerning = mostConcerning();
        if (null == mostConcerning)
        {
            return Decision.Kind.KEEP == kind ? Decision.keep() : new Decision(kind, null, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
        }
        return decision(mostConcerning, kind, interval);
    }

    /**
     * How close the most concerning KPI is to a rollback.
     *
     * @return its larger CUSUM as a share of {@link #ROLL_BACK_BOUND}; 0 when no KPI is judged.
     */
    public double concern()
    {
        final KpiEvidence mostConcerning = mostConcerning();
        return null == mostConcerning ? 0.0 : mostConcerning.concern(ROLL_BACK_BOUND);
    }

    /**
     * Whether every KPI with a threshold has a baseline to be judged against.
     *
     * @return false when a KPI had too few values before the change.
     */
    public boolean everyKpiJudged()
    {
        for (final KpiEvidence kpi : kpis)
        {
            if (kpi.hasThreshold() && !kpi.isJudged())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The baseline's forecast of a series at an interval: what it would have been without the change.
     *
     * @param series   the series, {@code <side>.<kpi>}.
     * @param interval the interval.
     * @return the forecast, NaN when the series is not judged.
     */
    public double baseline(final String series, final int interval)
    {
        for (final KpiEvidence kpi : kpis)
        {
            final double forecast = kpi.baseline(series, interval);
            if (!Double.isNaN(forecast))
            {
                return forecast;
            }
        }
        return Double.NaN;
    }

    /**
     * Whether the divergence test found that the shadow no longer tracks live on a KPI.
     *
     * @param kpi the KPI's index.
     * @return true once diverged.
     */
    public boolean shadowDiverged(final int kpi)
    {
        return kpis[kpi].diverged();
    }

    private KpiEvidence mostConcerning()
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
        return mostConcerning;
    }

    private Decision decision(final KpiEvidence kpi, final Decision.Kind kind, final int interval)
    {
        return kpi.decision(kind, interval, intervalScales);
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
