package io.netshadow.forecaster;

import java.util.Locale;

/**
 * The one-line reasons that verdicts give.
 */
final class VerdictReasons
{
    private VerdictReasons()
    {
    }

    static String negative(final Decision decision)
    {
        return decision.series() + " past its limit: " + prediction(decision);
    }

    static String positive(final Decision closest, final int kpiCount, final double concern)
    {
        return String.format(Locale.ROOT, "no harm on %d KPI(s); closest %s %s, evidence at %.0f %% of the rollback " +
            "bound", kpiCount, closest.series(), prediction(closest), 100.0 * concern);
    }

    static String inconclusive(
        final Decision closest, final EvaluationPolicy policy, final boolean everyKpiJudged, final double concern)
    {
        if (!everyKpiJudged)
        {
            return String.format(Locale.ROOT, "no verdict after %d intervals: a KPI had too few values before the " +
                "change to be judged", policy.maxSamples());
        }
        return String.format(Locale.ROOT, "no verdict after %d intervals: %s %s, evidence at %.0f %% of the " +
            "rollback bound", policy.maxSamples(), closest.series(), prediction(closest), 100.0 * concern);
    }

    private static String prediction(final Decision decision)
    {
        return "predicted " + number(decision.predicted()) + " (interval " + number(decision.lower()) + ".." +
            number(decision.upper()) + ") against threshold " + number(decision.limit());
    }

    static String number(final double value)
    {
        return 0.0 == value ? "0" : String.format(Locale.ROOT, "%.3g", value);
    }
}
