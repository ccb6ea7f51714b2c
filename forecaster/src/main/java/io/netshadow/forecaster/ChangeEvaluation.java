package io.netshadow.forecaster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sequential evaluation of one change. Each post-change sample of a watched series updates that series' judge;
 * the change is NEGATIVE as soon as one deciding series is significantly worse than its baseline and its recent level
 * is past its threshold, POSITIVE once every deciding series has the policy's minimum of samples and none is near its
 * bound or past its threshold, and INCONCLUSIVE when a series reaches the policy's maximum of samples first.
 * <p>
 * Fed by the forecaster's sample thread; {@link #verdict()} and {@link #cancel()} may be called from any thread.
 */
public final class ChangeEvaluation
{
    private final String changeId;
    private final long changeStartNs;
    private final EvaluationPolicy policy;
    private final SeriesJudge[] judges;
    private final Map<String, SeriesJudge> judgeBySeries = new HashMap<>();
    private final List<String> seriesNames;
    private final AtomicReference<Verdict> verdict = new AtomicReference<>(Verdict.pending());

    ChangeEvaluation(
        final String changeId,
        final long changeStartNs,
        final List<KpiThreshold> thresholds,
        final EvaluationPolicy policy)
    {
        this.changeId = Objects.requireNonNull(changeId, "changeId");
        this.changeStartNs = changeStartNs;
        this.policy = Objects.requireNonNull(policy, "policy");
        for (final KpiThreshold threshold : Objects.requireNonNull(thresholds, "thresholds"))
        {
            if (policy.decides(threshold.series()) &&
                null != judgeBySeries.putIfAbsent(threshold.series(), new SeriesJudge(threshold, policy)))
            {
                throw new IllegalArgumentException(changeId + ": two thresholds for " + threshold.series());
            }
        }
        if (judgeBySeries.isEmpty())
        {
            throw new IllegalArgumentException(
                changeId + ": no threshold on a series of the deciding sides " + policy.decidingSides());
        }
        judges = thresholds.stream()
            .map(threshold -> judgeBySeries.get(threshold.series()))
            .filter(Objects::nonNull)
            .toArray(SeriesJudge[]::new);
        seriesNames = thresholds.stream().map(KpiThreshold::series).filter(judgeBySeries::containsKey).toList();
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
        for (final SeriesJudge judge : judges)
        {
            final SeriesModel model = models.get(judge.series());
            if (null != model)
            {
                final SeriesHistory history = model.history();
                for (int i = 0; i < history.size() && !isDecided(); i++)
                {
                    judge(judge, history, history.timeNs(i), history.value(i));
                }
            }
        }
    }

    void onSample(final String series, final SeriesModel model, final long timeNs, final double value)
    {
        final SeriesJudge judge = judgeBySeries.get(series);
        if (null != judge && !isDecided())
        {
            judge(judge, model.history(), timeNs, value);
        }
    }

    private void judge(final SeriesJudge judge, final SeriesHistory history, final long timeNs, final double value)
    {
        if (timeNs < changeStartNs)
        {
            return;
        }
        if (!judge.isBaselineFrozen())
        {
            judge.freezeBaseline(history, changeStartNs);
        }
        judge.observe(value);

        if (judge.isHarmful())
        {
            conclude(Outcome.NEGATIVE, judge, timeNs);
        }
        else if (allClear())
        {
            conclude(Outcome.POSITIVE, mostConcerning(), timeNs);
        }
        else if (judge.postChangeSamples() >= policy.maxSamples())
        {
            conclude(Outcome.INCONCLUSIVE, mostConcerning(), timeNs);
        }
    }

    private boolean allClear()
    {
        for (final SeriesJudge judge : judges)
        {
            if (!judge.isClear(policy.minSamples()))
            {
                return false;
            }
        }
        return true;
    }

    private SeriesJudge mostConcerning()
    {
        final int minSamples = policy.minSamples();
        SeriesJudge worst = judges[0];
        for (final SeriesJudge judge : judges)
        {
            final boolean judgeClear = judge.isClear(minSamples);
            final boolean worstClear = worst.isClear(minSamples);
            if (judgeClear != worstClear ? worstClear : judge.concern() > worst.concern())
            {
                worst = judge;
            }
        }
        return worst;
    }

    private void conclude(final Outcome outcome, final SeriesJudge judge, final long timeNs)
    {
        final long timeToVerdictNs = timeNs - changeStartNs;
        final String reason = switch (outcome)
        {
            case NEGATIVE -> VerdictReasons.negative(judge, timeToVerdictNs);
            case POSITIVE -> VerdictReasons.positive(judge, judges.length, timeToVerdictNs);
            default -> VerdictReasons.inconclusive(judge, policy, timeToVerdictNs);
        };
        final boolean hasLevel = judge.hasBaseline() && judge.postChangeSamples() > 0;
        verdict.compareAndSet(Verdict.pending(), new Verdict(
            outcome,
            judge.series(),
            judge.baseline(),
            hasLevel ? judge.level() : Double.NaN,
            hasLevel ? judge.levelLower() : Double.NaN,
            hasLevel ? judge.levelUpper() : Double.NaN,
            judge.limit(),
            timeNs,
            timeToVerdictNs,
            reason));
    }
}
