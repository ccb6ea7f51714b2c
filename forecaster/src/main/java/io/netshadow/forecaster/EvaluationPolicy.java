package io.netshadow.forecaster;

import java.util.Objects;
import java.util.Set;

/**
 * How a change is judged: how many post-change samples a verdict needs at least and at most, the tuning of the
 * one-sided CUSUM on the standardised excess over the baseline, and which sides' series decide.
 *
 * @param minSamples      post-change samples every deciding series needs before the change can be judged harmless.
 * @param maxSamples      post-change samples of any deciding series after which the evaluation gives up.
 * @param cusumDriftSigma excess, in baseline standard deviations, that each sample must exceed to raise the CUSUM.
 * @param cusumBoundSigma CUSUM value, in baseline standard deviations, at which the excess is significant.
 * @param decidingSides   the sides ({@code shadow}, {@code live}) whose series decide; harm on any of them is harm.
 */
public record EvaluationPolicy(
    int minSamples, int maxSamples, double cusumDriftSigma, double cusumBoundSigma, Set<String> decidingSides)
{
    /**
     * The side name of the emulated copy's series.
     */
    public static final String SHADOW_SIDE = "shadow";

    /**
     * The side name of the live network's series.
     */
    public static final String LIVE_SIDE = "live";

    /**
     * Judge after 10 to 60 samples; drift 0.5 and bound 5 standard deviations; shadow and live both decide.
     */
    public static final EvaluationPolicy DEFAULT =
        new EvaluationPolicy(10, 60, 1.0, 4.0, Set.of(SHADOW_SIDE, LIVE_SIDE));

    /**
     * Validates the policy.
     *
     * @param minSamples      post-change samples needed before a harmless verdict.
     * @param maxSamples      post-change samples after which the evaluation gives up.
     * @param cusumDriftSigma CUSUM drift in baseline standard deviations.
     * @param cusumBoundSigma CUSUM bound in baseline standard deviations.
     * @param decidingSides   the sides whose series decide.
     */
    public EvaluationPolicy
    {
        Objects.requireNonNull(decidingSides, "decidingSides");
        if (minSamples < 1 || maxSamples < minSamples)
        {
            throw new IllegalArgumentException(
                "need 1 <= minSamples <= maxSamples, got " + minSamples + " and " + maxSamples);
        }
        if (!(cusumDriftSigma >= 0) || !(cusumBoundSigma > 0) || Double.isInfinite(cusumDriftSigma) ||
            Double.isInfinite(cusumBoundSigma))
        {
            throw new IllegalArgumentException(
                "need a finite drift >= 0 and bound > 0, got " + cusumDriftSigma + " and " + cusumBoundSigma);
        }
        if (decidingSides.isEmpty())
        {
            throw new IllegalArgumentException("no deciding side");
        }
        decidingSides = Set.copyOf(decidingSides);
    }

    /**
     * This policy with only the given sides deciding.
     *
     * @param sides the sides whose series decide, e.g. {@link #SHADOW_SIDE}.
     * @return the policy.
     */
    public EvaluationPolicy withDecidingSides(final String... sides)
    {
        return new EvaluationPolicy(minSamples, maxSamples, cusumDriftSigma, cusumBoundSigma, Set.of(sides));
    }

    /**
     * Whether a series takes part in the decision: its side, the part of its name before the first dot, is a
     * deciding side; a name without a side always does.
     *
     * @param series the series name.
     * @return true when the series decides.
     */
    public boolean decides(final String series)
    {
        final int dot = series.indexOf('.');
        return dot < 0 || decidingSides.contains(series.substring(0, dot));
    }
}
