package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.pipeline.LatePolicy;
import io.netshadow.dataplane.pipeline.ThreadingMode;

import java.util.Objects;

/**
 * The packet path's rings, ordering, replay and metering ({@code dataplane:}).
 *
 * @param ingestRingSize  slots of the ring the ingest publishes into, a power of two, {@code ingest-ring-size}.
 * @param orderedRingSize slots of the ring of time-ordered packets, a power of two, {@code ordered-ring-size}.
 * @param latenessNs      how late a packet may arrive and still be put in order, {@code lateness}.
 * @param latePolicy      what happens to a packet later than that, {@code late-policy}.
 * @param replayDelayNs   how far behind the live traffic the shadow replays, at least the lateness,
 *                        {@code replay-delay}.
 * @param threadingMode   how agents map to threads, {@code threading-mode}.
 * @param meterIntervalNs the length of one KPI interval, {@code meter-interval}.
 */
public record DataplaneConfig(
    int ingestRingSize,
    int orderedRingSize,
    long latenessNs,
    LatePolicy latePolicy,
    long replayDelayNs,
    ThreadingMode threadingMode,
    long meterIntervalNs)
{
    /** 64Ki-slot rings, 50 ms lateness with late packets dropped, 100 ms replay delay, shared threads, 1 s KPIs. */
    public static final DataplaneConfig DEFAULT = new DataplaneConfig(
        65_536, 65_536, 50_000_000L, LatePolicy.DROP, 100_000_000L, ThreadingMode.SHARED, 1_000_000_000L);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static DataplaneConfig fromYaml(
        @JsonProperty("ingest-ring-size") final Integer ingestRingSize,
        @JsonProperty("ordered-ring-size") final Integer orderedRingSize,
        @JsonProperty("lateness") @JsonDeserialize(using = UnitDeserializers.DurationNs.class) final Long latenessNs,
        @JsonProperty("late-policy") final LatePolicy latePolicy,
        @JsonProperty("replay-delay") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long replayDelayNs,
        @JsonProperty("threading-mode") final ThreadingMode threadingMode,
        @JsonProperty("meter-interval") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long meterIntervalNs)
    {
        return new DataplaneConfig(
            Objects.requireNonNullElse(ingestRingSize, DEFAULT.ingestRingSize),
            Objects.requireNonNullElse(orderedRingSize, DEFAULT.orderedRingSize),
            Objects.requireNonNullElse(latenessNs, DEFAULT.latenessNs),
            Objects.requireNonNullElse(latePolicy, DEFAULT.latePolicy),
            Objects.requireNonNullElse(replayDelayNs, DEFAULT.replayDelayNs),
            Objects.requireNonNullElse(threadingMode, DEFAULT.threadingMode),
            Objects.requireNonNullElse(meterIntervalNs, DEFAULT.meterIntervalNs));
    }
}
