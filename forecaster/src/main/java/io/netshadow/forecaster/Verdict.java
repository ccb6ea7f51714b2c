package io.netshadow.forecaster;

import java.util.Locale;

/**
 * What an evaluation concluded about a change, with the evidence: the series that decided, its pre-change baseline,
 * its predicted post-change level with an interval, the threshold it was compared with, and when.
 *
 * @param outcome          pending, negative, positive or inconclusive.
 * @param series           the series that decided, or that was closest to harm; empty while pending.
 * @param baselineValue    that series' pre-change baseline, NaN when none.
 * @param predictedValue   its predicted post-change level, NaN when none.
 * @param predictedLower   lower end of the interval around the predicted level, NaN when none.
 * @param predictedUpper   upper end of the interval around the predicted level, NaN when none.
 * @param thresholdValue   the value beyond which the series is harmed, NaN when none.
 * @param decidedAtNs      time of the sample that decided, ns since the epoch; {@link #UNKNOWN_TIME_NS} if none.
 * @param timeToVerdictNs  decidedAtNs minus the change's start; {@link #UNKNOWN_TIME_NS} while pending.
 * @param reason           one line for humans.
 */
public record Verdict(
    Outcome outcome,
    String series,
    double baselineValue,
    double predictedValue,
    double predictedLower,
    double predictedUpper,
    double thresholdValue,
    long decidedAtNs,
    long timeToVerdictNs,
    String reason)
{
    /**
     * Marks a time the verdict does not know.
     */
    public static final long UNKNOWN_TIME_NS = -1L;

    private static final Verdict PENDING = new Verdict(
        Outcome.PENDING, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        UNKNOWN_TIME_NS, UNKNOWN_TIME_NS, "waiting for post-change samples");

    /**
     * The verdict of an evaluation that has not decided yet.
     *
     * @return the pending verdict.
     */
    public static Verdict pending()
    {
        return PENDING;
    }

    /**
     * The verdict of an evaluation that its caller stopped waiting for.
     *
     * @param elapsedNs how long the caller waited after the change.
     * @return an inconclusive verdict saying so.
     */
    public static Verdict timedOut(final long elapsedNs)
    {
        return new Verdict(
            Outcome.INCONCLUSIVE, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            UNKNOWN_TIME_NS, elapsedNs,
            String.format(Locale.ROOT, "no verdict within %.1f s", elapsedNs / 1e9));
    }

    /**
     * Whether the evaluation has decided, one way or the other.
     *
     * @return true unless pending.
     */
    public boolean isDecided()
    {
        return Outcome.PENDING != outcome;
    }
}
