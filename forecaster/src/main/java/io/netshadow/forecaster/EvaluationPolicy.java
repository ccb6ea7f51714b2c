package io.netshadow.forecaster;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How a change is judged: how many post-change intervals a verdict needs at least and at most, the seasonal period
 * the baselines follow, and which sides' series decide.
 *
 * @param minSamples     post-change intervals before the change can be kept; long enough for a harm with a delayed
 *                       onset to show.
 * @param maxSamples     post-change intervals after which the evaluation gives up as inconclusive.
 * @param seasonPeriodNs the seasonal period of the KPIs (a day); a baseline follows it once the history before the
 *                       change covers one.
 * @param decidingSides  the sides ({@code shadow}, {@code live}) whose series decide; harm on any of them is harm.
 */
public record EvaluationPolicy(int minSamples, int maxSamples, long seasonPeriodNs, Set<String> decidingSides)
{
    /**
     * The side name of the emulated copy's series.
     */
    public static final String SHADOW_SIDE = "shadow";

    /**
     * The side name of the live network's series.
     */
    public static final String LIVE_SIDE = "live";

    /** The seasonal period of network KPIs: a day. */
    public static final long DAY_NS = TimeUnit.DAYS.toNanos(1);

    /**
     * Judge after 10 to 60 intervals, follow the day, shadow and live both decide.
     */
    public static final EvaluationPolicy DEFAULT =
        new EvaluationPolicy(10, 60, DAY_NS, Set.of(SHADOW_SIDE, LIVE_SIDE));

    /**
     * Validates the policy.
     *
     * @param minSamples     post-change intervals needed before a keep.
     * @param maxSamples     post-change intervals after which the evaluation gives up.
     * @param seasonPeriodNs the seasonal period, above zero.
     * @param decidingSides  the sides whose series decide.
     */
    public EvaluationPolicy
    {
        Objects.requireNonNull(decidingSides, "decidingSides");
        if (minSamples < 1 || maxSamples < minSamples)
        {
            throw new IllegalArgumentException(
                "need 1 <= minSamples <= maxSamples, got " + minSamples + " and " + maxSamples);
        }
        if (seasonPeriodNs <= 0)
        {
            throw new IllegalArgumentException("need a seasonal period above zero, got " + seasonPeriodNs + " ns");
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
        return new EvaluationPolicy(minSamples, maxSamples, seasonPeriodNs, Set.of(sides));
    }

    /**
     * Whether a series takes part in the decision: its side, the part of its name before the first dot, is a
     * deciding side; a name without a side always does (and a change evaluation then refuses it, since it pairs each
     * KPI's live and shadow series by their sides).
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
