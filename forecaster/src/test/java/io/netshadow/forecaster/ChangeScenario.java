package io.netshadow.forecaster;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a forecaster through a change: some pre-change samples of a few series, an evaluation begun at the change
 * (or a few samples after it), then post-change samples until the verdict, on a synthetic clock.
 */
final class ChangeScenario
{
    static final long START_NS = 1_700_000_000_000_000_000L;
    static final long INTERVAL_NS = 500_000_000L;

    private final List<String> seriesNames = new ArrayList<>();
    private final List<SeriesSource> sources = new ArrayList<>();
    private final List<KpiThreshold> thresholds = new ArrayList<>();
    private int preChangeSamples = 60;
    private int beginDelaySamples;
    private EvaluationPolicy policy = EvaluationPolicy.DEFAULT;

    /**
     * The value of a series at a step, before or after the change.
     */
    @FunctionalInterface
    interface SeriesSource
    {
        double value(int step, boolean afterChange);
    }

    /**
     * What a run ended with.
     *
     * @param verdict           the verdict, pending when none was reached.
     * @param postChangeSamples post-change samples of each series fed before the verdict.
     */
    record Result(Verdict verdict, int postChangeSamples)
    {
    }

    ChangeScenario series(final KpiThreshold threshold, final SeriesSource source)
    {
        seriesNames.add(threshold.series());
        sources.add(source);
        thresholds.add(threshold);
        return this;
    }

    ChangeScenario preChangeSamples(final int samples)
    {
        preChangeSamples = samples;
        return this;
    }

    ChangeScenario beginDelaySamples(final int samples)
    {
        beginDelaySamples = samples;
        return this;
    }

    ChangeScenario policy(final EvaluationPolicy policy)
    {
        this.policy = policy;
        return this;
    }

    Result run()
    {
        final Forecaster forecaster = new Forecaster();
        final long changeStartNs = START_NS + preChangeSamples * INTERVAL_NS;
        ChangeEvaluation evaluation = null;
        final int lastStep = preChangeSamples + policy.maxSamples() + 1;
        for (int step = 0; step <= lastStep; step++)
        {
            final boolean afterChange = step >= preChangeSamples;
            if (step == preChangeSamples + beginDelaySamples)
            {
                evaluation = forecaster.begin("change-1", changeStartNs, thresholds, policy);
            }
            final long timeNs = START_NS + step * INTERVAL_NS;
            for (int i = 0; i < sources.size(); i++)
            {
                forecaster.onSample(seriesNames.get(i), timeNs, sources.get(i).value(step, afterChange));
            }
            if (null != evaluation && evaluation.verdict().isDecided())
            {
                return new Result(evaluation.verdict(), step - preChangeSamples + 1);
            }
        }
        return new Result(null == evaluation ? Verdict.pending() : evaluation.verdict(), lastStep - preChangeSamples);
    }
}
