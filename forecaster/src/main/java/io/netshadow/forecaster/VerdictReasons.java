package io.netshadow.forecaster;

import java.util.Locale;

/**
 * The one-line reasons that verdicts give.
 */
final class VerdictReasons
{
    private static final double NS_PER_SECOND = 1e9;

    private VerdictReasons()
    {
    }

    static String negative(final SeriesJudge judge, final long timeToVerdictNs)
    {
        final boolean higherIsWorse = KpiDirection.HIGHER_IS_WORSE == judge.threshold().direction();
        return String.format(
            Locale.ROOT, "%s %s from %s to %s (interval %s..%s) %s threshold %s after %.1f s",
            judge.series(),
            higherIsWorse ? "rose" : "fell",
            number(judge.baseline()),
            number(judge.level()),
            number(judge.levelLower()),
            number(judge.levelUpper()),
            higherIsWorse ? "above" : "below",
            number(judge.limit()),
            timeToVerdictNs / NS_PER_SECOND);
    }

    static String positive(final SeriesJudge closest, final int seriesCount, final long timeToVerdictNs)
    {
        return String.format(
            Locale.ROOT, "no harm on %d series after %.1f s; closest %s went from %s to %s (interval %s..%s) " +
            "against threshold %s",
            seriesCount,
            timeToVerdictNs / NS_PER_SECOND,
            closest.series(),
            number(closest.baseline()),
            number(closest.level()),
            number(closest.levelLower()),
            number(closest.levelUpper()),
            number(closest.limit()));
    }

    static String inconclusive(final SeriesJudge judge, final EvaluationPolicy policy, final long timeToVerdictNs)
    {
        final String prefix = String.format(
            Locale.ROOT, "no verdict after %d samples (%.1f s): %s",
            policy.maxSamples(), timeToVerdictNs / NS_PER_SECOND, judge.series());
        if (!judge.hasBaseline())
        {
            return String.format(
                Locale.ROOT, "%s has no baseline: %d pre-change forecasts, needs %d",
                prefix, judge.baselineSamples(), SeriesJudge.MIN_BASELINE_SAMPLES);
        }
        if (judge.postChangeSamples() < policy.minSamples())
        {
            return String.format(
                Locale.ROOT, "%s has %d of %d post-change samples",
                prefix, judge.postChangeSamples(), policy.minSamples());
        }
        if (judge.levelBreaches())
        {
            return String.format(
                Locale.ROOT, "%s at %s is past threshold %s but not significantly (CUSUM %.1f of %.1f)",
                prefix, number(judge.level()), number(judge.limit()), judge.cusum(), judge.boundSigma());
        }
        return String.format(
            Locale.ROOT, "%s at %s is near its bound (CUSUM %.1f of %.1f) within threshold %s",
            prefix, number(judge.level()), judge.cusum(), judge.boundSigma(), number(judge.limit()));
    }

    static String number(final double value)
    {
        return 0.0 == value ? "0" : String.format(Locale.ROOT, "%.3g", value);
    }
}
