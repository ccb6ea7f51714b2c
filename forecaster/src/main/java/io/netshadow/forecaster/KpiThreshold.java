package io.netshadow.forecaster;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How much worse than its pre-change baseline a KPI series may get before a change is harmful. A change harms the
 * series when the post-change value is worse than the baseline by more than every delta that is set.
 *
 * @param series        the series name, {@code <side>.<kpi>}, e.g. {@code shadow.loss_ratio}.
 * @param direction     which way the KPI gets worse.
 * @param absoluteDelta the tolerated worsening in the KPI's unit, NaN when unset.
 * @param relativeDelta the tolerated worsening as a fraction of the baseline's magnitude, NaN when unset.
 */
public record KpiThreshold(String series, KpiDirection direction, double absoluteDelta, double relativeDelta)
{
    /**
     * Validates the threshold.
     *
     * @param series        the series name.
     * @param direction     which way the KPI gets worse.
     * @param absoluteDelta the tolerated worsening in the KPI's unit, NaN when unset.
     * @param relativeDelta the tolerated worsening as a fraction of the baseline, NaN when unset.
     */
    public KpiThreshold
    {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(direction, "direction");
        if (series.isBlank())
        {
            throw new IllegalArgumentException("series name is blank");
        }
        if (Double.isNaN(absoluteDelta) && Double.isNaN(relativeDelta))
        {
            throw new IllegalArgumentException(series + ": set an absolute or a relative delta");
        }
        if (absoluteDelta < 0 || relativeDelta < 0 || Double.isInfinite(absoluteDelta) ||
            Double.isInfinite(relativeDelta))
        {
            throw new IllegalArgumentException(series + ": deltas must be finite and non-negative");
        }
    }

    /**
     * A threshold on a KPI that is worse when higher.
     *
     * @param series        the series name.
     * @param absoluteDelta the tolerated rise in the KPI's unit, NaN when unset.
     * @param relativeDelta the tolerated rise as a fraction of the baseline, NaN when unset.
     * @return the threshold.
     */
    public static KpiThreshold higherIsWorse(final String series, final double absoluteDelta, final double relativeDelta)
    {
        return new KpiThreshold(series, KpiDirection.HIGHER_IS_WORSE, absoluteDelta, relativeDelta);
    }

    /**
     * A threshold on a KPI that is worse when lower.
     *
     * @param series        the series name.
     * @param absoluteDelta the tolerated fall in the KPI's unit, NaN when unset.
     * @param relativeDelta the tolerated fall as a fraction of the baseline, NaN when unset.
     * @return the threshold.
     */
    public static KpiThreshold lowerIsWorse(final String series, final double absoluteDelta, final double relativeDelta)
    {
        return new KpiThreshold(series, KpiDirection.LOWER_IS_WORSE, absoluteDelta, relativeDelta);
    }

    /**
     * The same threshold on the shadow and the live series of a KPI.
     *
     * @param kpi           the KPI name without side, e.g. {@code loss_ratio}.
     * @param direction     which way the KPI gets worse.
     * @param absoluteDelta the tolerated worsening in the KPI's unit, NaN when unset.
     * @param relativeDelta the tolerated worsening as a fraction of the baseline, NaN when unset.
     * @return the shadow threshold, then the live one.
     */
    public static List<KpiThreshold> onBothSides(
        final String kpi, final KpiDirection direction, final double absoluteDelta, final double relativeDelta)
    {
        return List.of(
            new KpiThreshold(EvaluationPolicy.SHADOW_SIDE + "." + kpi, direction, absoluteDelta, relativeDelta),
            new KpiThreshold(EvaluationPolicy.LIVE_SIDE + "." + kpi, direction, absoluteDelta, relativeDelta));
    }

    /**
     * Thresholds for the five KPIs the meter emits, on both sides: loss may rise by 0.02, latency percentiles by
     * half, throughput and packet rate may fall by a fifth.
     *
     * @return the default thresholds.
     */
    public static List<KpiThreshold> defaults()
    {
        final double unset = Double.NaN;
        return Stream.of(
            onBothSides("loss_ratio", KpiDirection.HIGHER_IS_WORSE, 0.02, unset),
            onBothSides("latency_p50_ns", KpiDirection.HIGHER_IS_WORSE, unset, 0.5),
            onBothSides("latency_p99_ns", KpiDirection.HIGHER_IS_WORSE, unset, 0.5),
            onBothSides("throughput_bps", KpiDirection.LOWER_IS_WORSE, unset, 0.2),
            onBothSides("packets_per_second", KpiDirection.LOWER_IS_WORSE, unset, 0.2))
            .flatMap(List::stream)
            .toList();
    }

    /**
     * The smallest worsening from a baseline that harms the series: the largest of the deltas that are set.
     *
     * @param baseline the pre-change value.
     * @return the harmful worsening in the KPI's unit, never negative.
     */
    public double harmfulDelta(final double baseline)
    {
        final double absolute = Double.isNaN(absoluteDelta) ? 0.0 : absoluteDelta;
        final double relative = Double.isNaN(relativeDelta) ? 0.0 : relativeDelta * Math.abs(baseline);
        return Math.max(absolute, relative);
    }

    /**
     * The value beyond which the series is harmed, given its baseline.
     *
     * @param baseline the pre-change value.
     * @return the baseline moved by the harmful delta in the worse direction.
     */
    public double limit(final double baseline)
    {
        return baseline + direction.sign() * harmfulDelta(baseline);
    }

    /**
     * Whether a value is worse than the baseline by more than every delta that is set.
     *
     * @param baseline the pre-change value.
     * @param value    the post-change value.
     * @return true when the value harms the series.
     */
    public boolean isHarmful(final double baseline, final double value)
    {
        return direction.worsening(value, baseline) > harmfulDelta(baseline);
    }
}
