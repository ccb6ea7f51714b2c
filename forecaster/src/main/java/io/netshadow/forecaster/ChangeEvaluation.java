package io.netshadow.forecaster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The sequential evaluation of one change, by the {@link ChangeEvidence} that the scenario suite measures. At the
 * first sample after the change it learns every judged KPI's live and shadow series from their models' histories
 * (the values and the anomaly grades the models gave them) and freezes the baselines; it then takes each post-change
 * interval of a KPI once both of its deciding sides have reported it, or once a later interval shows that one side
 * will not. The change is NEGATIVE as soon as one KPI's evidence reaches the rollback bound, POSITIVE once the
 * policy's minimum of intervals has passed with every KPI judged and clear, and INCONCLUSIVE when the policy's
 * maximum of intervals passes first.
 * <p>
 * The interval is the series' own sample spacing, the shortest gap between two samples of their histories; the
 * seasonal period in intervals follows from it. Fed by the forecaster's sample thread; {@link #verdict()} and
 * {@link #cancel()} may be called from any thread.
 */
public final class ChangeEvaluation
{
    private static final double NS_PER_SECOND = 1e9;

    private final String changeId;
    private final long changeStartNs;
    private final EvaluationPolicy policy;
    private final List<KpiThreshold> thresholds;
    private final List<String> seriesNames;
    private final List<String> kpiNames;
    private final ToDoubleFunction<String> intervalScales;
    private final AtomicReference<Verdict> verdict = new AtomicReference<>(Verdict.pending());
    private ChangeEvidence evidence;
    private PendingInterval[] pending;
    private long intervalNs;
    private int newestInterval = -1;

    ChangeEvaluation(
        final String changeId,
        final long changeStartNs,
        final List<KpiThreshold> thresholds,
        final EvaluationPolicy policy,
        final ToDoubleFunction<String> intervalScales)
    {
        this.changeId = Objects.requireNonNull(changeId, "changeId");
        this.changeStartNs = changeStartNs;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.intervalScales = Objects.requireNonNull(intervalScales, "intervalScales");
        final List<KpiThreshold> deciding = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final List<String> kpis = new ArrayList<>();
        for (final KpiThreshold threshold : Objects.requireNonNull(thresholds, "thresholds"))
        {
            if (!policy.decides(threshold.series()))
            {
                continue;
            }
            final String kpi = kpiOf(threshold.series());
            if (null == kpi)
            {
                throw new IllegalArgumentException(changeId + ": series " + threshold.series() +
                    " names no side (" + EvaluationPolicy.LIVE_SIDE + ". or " + EvaluationPolicy.SHADOW_SIDE + ".)");
            }
            if (!seen.add(threshold.series()))
            {
                throw new IllegalArgumentException(changeId + ": two thresholds for " + threshold.series());
            }
            deciding.add(threshold);
            if (!kpis.contains(kpi))
            {
                kpis.add(kpi);
            }
        }
        if (deciding.isEmpty())
        {
            throw new IllegalArgumentException(
                changeId + ": no threshold on a series of the deciding sides " + policy.decidingSides());
        }
        this.thresholds = List.copyOf(deciding);
        seriesNames = deciding.stream().map(KpiThreshold::series).toList();
        kpiNames = List.copyOf(kpis);
    }

    /**
     * The change being judged.
     *
     * @return the change's id.
     */
    public String changeId()
    {
        return changeId;
    }

    /**
     * When the change took effect.
     *
     * @return ns since the epoch.
     */
    public long changeStartNs()
    {
        return changeStartNs;
    }

    /**
     * How the change is judged.
     *
     * @return the policy.
     */
    public EvaluationPolicy policy()
    {
        return policy;
    }

    /**
     * The series that decide, in the order of their thresholds.
     *
     * @return the deciding series' names.
     */
    public List<String> series()
    {
        return seriesNames;
    }

    /**
     * The verdict so far; safe to read from any thread.
     *
     * @return pending until decided, then the final verdict.
     */
    public Verdict verdict()
    {
        return verdict.get();
    }

    /**
     * Stops the evaluation, for a caller that no longer waits for it: a pending verdict becomes inconclusive and the
     * forecaster drops the evaluation on its next sample. Safe to call from any thread; no effect once decided.
     */
    public void cancel()
    {
        verdict.compareAndSet(Verdict.pending(), new Verdict(
            Outcome.INCONCLUSIVE, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Verdict.UNKNOWN_TIME_NS, Verdict.UNKNOWN_TIME_NS, "cancelled before a verdict"));
    }

    boolean isDecided()
    {
        return verdict.get().isDecided();
    }

    void catchUp(final Map<String, SeriesModel> models)
    {
        if (!anyPostChangeSample(models))
        {
            return;
        }
        start(models);
        final List<Sample> postChange = new ArrayList<>();
        for (final String series : seriesNames)
        {
            final SeriesModel model = models.get(series);
            if (null != model)
            {
                final SeriesHistory history = model.history();
                for (int i = 0; i < history.size(); i++)
                {
                    if (history.timeNs(i) >= changeStartNs)
                    {
                        postChange.add(new Sample(series, history.timeNs(i), history.value(i)));
                    }
                }
            }
        }
        postChange.sort((a, b) -> Long.compare(a.timeNs, b.timeNs));
        for (final Sample sample : postChange)
        {
            if (!isDecided())
            {
                observe(sample.series, sample.timeNs, sample.value);
            }
        }
    }

    void onSample(final String series, final Map<String, SeriesModel> models, final long timeNs, final double value)
    {
        if (timeNs < changeStartNs || isDecided())
        {
            return;
        }
        if (null == evidence)
        {
            start(models);
        }
        observe(series, timeNs, value);
    }

    private boolean anyPostChangeSample(final Map<String, SeriesModel> models)
    {
        for (final String series : seriesNames)
        {
            final SeriesModel model = models.get(series);
            if (null != model && model.history().size() > 0 &&
                model.history().timeNs(model.history().size() - 1) >= changeStartNs)
            {
                return true;
            }
        }
        return false;
    }

    private void start(final Map<String, SeriesModel> models)
    {
        intervalNs = sampleSpacingNs(models);
        final int periodIntervals = intervalNs > 0 ? (int)Math.min(Integer.MAX_VALUE,
            policy.seasonPeriodNs() / intervalNs) : 0;
        evidence = new ChangeEvidence(kpiNames, thresholds, periodIntervals, true, intervalScales);
        pending = new PendingInterval[kpiNames.size()];
        for (int k = 0; k < pending.length; k++)
        {
            final String kpi = kpiNames.get(k);
            pending[k] = new PendingInterval(
                seriesNames.contains(EvaluationPolicy.LIVE_SIDE + '.' + kpi),
                seriesNames.contains(EvaluationPolicy.SHADOW_SIDE + '.' + kpi));
            if (intervalNs > 0)
            {
                learn(k, models.get(EvaluationPolicy.LIVE_SIDE + '.' + kpi),
                    models.get(EvaluationPolicy.SHADOW_SIDE + '.' + kpi));
            }
        }
        evidence.freeze();
    }

    private void learn(final int kpi, final SeriesModel live, final SeriesModel shadow)
    {
        final PreChangeValues values = new PreChangeValues();
        values.add(live, true, changeStartNs, intervalNs, pending[kpi].live);
        values.add(shadow, false, changeStartNs, intervalNs, pending[kpi].shadow);
        for (final PreChangeValues.Pair pair : values.inOrder())
        {
            evidence.learnGraded(kpi, pair.interval(), pair.liveValue(), pair.liveAnomalous(), pair.shadowValue(),
                pair.shadowAnomalous());
        }
    }

    private void observe(final String series, final long timeNs, final double value)
    {
        final String kpiName = kpiOf(series);
        final int kpi = null == kpiName ? -1 : kpiNames.indexOf(kpiName);
        if (kpi < 0 || intervalNs <= 0)
        {
            return;
        }
        final int interval = (int)Math.min(Integer.MAX_VALUE, (timeNs - changeStartNs) / intervalNs);
        final PendingInterval slot = pending[kpi];
        if (slot.holds() && slot.interval != interval)
        {
            judge(kpi, slot, timeNs);
        }
        slot.put(interval, series.startsWith(EvaluationPolicy.LIVE_SIDE + '.'), value);
        if (slot.complete())
        {
            judge(kpi, slot, timeNs);
        }
    }

    private void judge(final int kpi, final PendingInterval slot, final long timeNs)
    {
        evidence.judge(kpi, slot.interval, slot.liveValue, slot.shadowValue);
        newestInterval = Math.max(newestInterval, slot.interval);
        slot.clear();
        decide(timeNs);
    }

    private void decide(final long timeNs)
    {
        final int postChangeIntervals = newestInterval + 1;
        final Decision decision = evidence.decide(newestInterval, postChangeIntervals, policy.minSamples());
        if (Decision.Kind.ROLL_BACK == decision.kind())
        {
            conclude(Outcome.NEGATIVE, decision, timeNs, VerdictReasons.negative(decision));
        }
        else if (Decision.Kind.KEEP == decision.kind() && evidence.everyKpiJudged())
        {
            conclude(Outcome.POSITIVE, decision, timeNs,
                VerdictReasons.positive(decision, kpiNames.size(), evidence.concern()));
        }
        else if (postChangeIntervals >= policy.maxSamples())
        {
            final Decision closest = evidence.mostConcerningDecision(Decision.Kind.KEEP, newestInterval);
            conclude(Outcome.INCONCLUSIVE, closest, timeNs, VerdictReasons.inconclusive(closest, policy,
                evidence.everyKpiJudged(), evidence.concern()));
        }
    }

    private void conclude(final Outcome outcome, final Decision decision, final long timeNs, final String reason)
    {
        final long timeToVerdictNs = timeNs - changeStartNs;
        final String series = null == decision.series() ? "" : decision.series();
        verdict.compareAndSet(Verdict.pending(), new Verdict(
            outcome,
            series,
            series.isEmpty() ? Double.NaN : evidence.baseline(series, newestInterval),
            decision.predicted(),
            decision.lower(),
            decision.upper(),
            decision.limit(),
            timeNs,
            timeToVerdictNs,
            reason + String.format(Locale.ROOT, " after %.1f s", timeToVerdictNs / NS_PER_SECOND)));
    }

    private long sampleSpacingNs(final Map<String, SeriesModel> models)
    {
        long spacing = Long.MAX_VALUE;
        for (final String series : seriesNames)
        {
            final SeriesModel model = models.get(series);
            if (null == model)
            {
                continue;
            }
            final SeriesHistory history = model.history();
            for (int i = 1; i < history.size(); i++)
            {
                final long gap = history.timeNs(i) - history.timeNs(i - 1);
                if (gap > 0)
                {
                    spacing = Math.min(spacing, gap);
                }
            }
        }
        return Long.MAX_VALUE == spacing ? 0 : spacing;
    }

    private static String kpiOf(final String series)
    {
        for (final String side : List.of(EvaluationPolicy.LIVE_SIDE, EvaluationPolicy.SHADOW_SIDE))
        {
            if (series.startsWith(side + '.') && series.length() > side.length() + 1)
            {
                return series.substring(side.length() + 1);
            }
        }
        return null;
    }

    private record Sample(String series, long timeNs, double value)
    {
    }

    /**
     * One KPI's post-change interval while its sides report it.
     */
    private static final class PendingInterval
    {
        private final boolean live;
        private final boolean shadow;
        private int interval = -1;
        private double liveValue = Double.NaN;
        private double shadowValue = Double.NaN;

        PendingInterval(final boolean live, final boolean shadow)
        {
            this.live = live;
            this.shadow = shadow;
        }

        boolean holds()
        {
            return interval >= 0;
        }

        void put(final int interval, final boolean liveSide, final double value)
        {
            this.interval = interval;
            if (liveSide)
            {
                liveValue = value;
            }
            else
            {
                shadowValue = value;
            }
        }

        boolean complete()
        {
            return (!live || !Double.isNaN(liveValue)) && (!shadow || !Double.isNaN(shadowValue));
        }

        void clear()
        {
            interval = -1;
            liveValue = Double.NaN;
            shadowValue = Double.NaN;
        }
    }
}
