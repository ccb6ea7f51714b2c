package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.dataplane.meter.Kpi;
import io.netshadow.forecaster.EvaluationPolicy;
import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.KpiThreshold;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * When the forecaster calls a change harmful and how long it may take to decide ({@code forecaster:}).
 *
 * @param thresholds how far each KPI may move, {@code thresholds}.
 * @param evaluation how many samples a verdict takes, {@code evaluation}.
 */
public record ForecasterConfig(Thresholds thresholds, Evaluation evaluation)
{
    /** The default thresholds and evaluation. */
    public static final ForecasterConfig DEFAULT = new ForecasterConfig(Thresholds.DEFAULT, Evaluation.DEFAULT);

    /**
     * How far each KPI may move from its baseline before a change is harmful ({@code thresholds:}).
     *
     * @param lossRatio  loss ratio, worse when higher, {@code loss-ratio}.
     * @param latencyP99 99th percentile latency, worse when higher, {@code latency-p99}.
     * @param throughput delivered throughput, worse when lower, {@code throughput}.
     */
    public record Thresholds(KpiChange lossRatio, KpiChange latencyP99, KpiChange throughput)
    {
        /** Loss +0.02 absolute, p99 latency +50%, throughput -30%. */
        public static final Thresholds DEFAULT = new Thresholds(
            new KpiChange(0.02, false), new KpiChange(0.5, true), new KpiChange(-0.3, true));

        /**
         * Binds the section, giving every field the file leaves out its default.
         */
        @JsonCreator
        static Thresholds fromYaml(
            @JsonProperty("loss-ratio") @JsonDeserialize(using = ConfigDeserializers.Change.class)
            final KpiChange lossRatio,
            @JsonProperty("latency-p99") @JsonDeserialize(using = ConfigDeserializers.Change.class)
            final KpiChange latencyP99,
            @JsonProperty("throughput") @JsonDeserialize(using = ConfigDeserializers.Change.class)
            final KpiChange throughput)
        {
            return new Thresholds(
                Objects.requireNonNullElse(lossRatio, DEFAULT.lossRatio),
                Objects.requireNonNullElse(latencyP99, DEFAULT.latencyP99),
                Objects.requireNonNullElse(throughput, DEFAULT.throughput));
        }
    }

    /**
     * How many post-change KPI intervals a verdict takes ({@code evaluation:}).
     *
     * @param minSamples intervals before a change can be called harmless, {@code min-samples}.
     * @param maxSamples intervals after which the evaluation gives up as inconclusive, {@code max-samples}.
     */
    public record Evaluation(int minSamples, int maxSamples)
    {
        /** The forecaster's own defaults. */
        public static final Evaluation DEFAULT =
            new Evaluation(EvaluationPolicy.DEFAULT.minSamples(), EvaluationPolicy.DEFAULT.maxSamples());

        /**
         * Binds the section, giving every field the file leaves out its default.
         */
        @JsonCreator
        static Evaluation fromYaml(
            @JsonProperty("min-samples") final Integer minSamples,
            @JsonProperty("max-samples") final Integer maxSamples)
        {
            return new Evaluation(
                Objects.requireNonNullElse(minSamples, DEFAULT.minSamples),
                Objects.requireNonNullElse(maxSamples, DEFAULT.maxSamples));
        }
    }

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static ForecasterConfig fromYaml(
        @JsonProperty("thresholds") final Thresholds thresholds,
        @JsonProperty("evaluation") final Evaluation evaluation)
    {
        return new ForecasterConfig(
            Objects.requireNonNullElse(thresholds, DEFAULT.thresholds),
            Objects.requireNonNullElse(evaluation, DEFAULT.evaluation));
    }

    /**
     * The thresholds as the forecaster takes them: each KPI on the shadow and the live side.
     *
     * @return the thresholds.
     */
    public List<KpiThreshold> kpiThresholds()
    {
        return Stream.of(
            onBothSides(Kpi.LOSS_RATIO, KpiDirection.HIGHER_IS_WORSE, thresholds.lossRatio),
            onBothSides(Kpi.LATENCY_P99_NS, KpiDirection.HIGHER_IS_WORSE, thresholds.latencyP99),
            onBothSides(Kpi.THROUGHPUT_BPS, KpiDirection.LOWER_IS_WORSE, thresholds.throughput))
            .flatMap(List::stream)
            .toList();
    }

    /**
     * The forecaster's evaluation policy with this config's sample bounds and its own defaults otherwise.
     *
     * @return the policy.
     */
    public EvaluationPolicy evaluationPolicy()
    {
        final EvaluationPolicy defaults = EvaluationPolicy.DEFAULT;
        return new EvaluationPolicy(evaluation.minSamples, evaluation.maxSamples, defaults.seasonPeriodNs(),
            defaults.decidingSides());
    }

    private static List<KpiThreshold> onBothSides(final Kpi kpi, final KpiDirection direction, final KpiChange change)
    {
        if (change.isOff())
        {
            return List.of();
        }
        final double delta = Math.abs(change.amount());
        final double absoluteDelta = change.relative() ? Double.NaN : delta;
        final double relativeDelta = change.relative() ? delta : Double.NaN;
        return KpiThreshold.onBothSides(kpi.seriesName(), direction, absoluteDelta, relativeDelta);
    }
}
