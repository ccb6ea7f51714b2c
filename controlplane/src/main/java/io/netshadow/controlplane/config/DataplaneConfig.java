package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.pipeline.AgentRole;
import io.netshadow.dataplane.pipeline.CpuSet;
import io.netshadow.dataplane.pipeline.DedicatedIdle;
import io.netshadow.dataplane.pipeline.LatePolicy;
import io.netshadow.dataplane.pipeline.ThreadingConfig;
import io.netshadow.dataplane.pipeline.ThreadingMode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The packet path's rings, ordering, replay, metering and threads ({@code dataplane:}).
 *
 * @param ingestRingSize  slots of the ring the ingest publishes into, a power of two, {@code ingest-ring-size}.
 * @param orderedRingSize slots of the ring of time-ordered packets, a power of two, {@code ordered-ring-size}.
 * @param latenessNs      how late a packet may arrive and still be put in order, {@code lateness}.
 * @param latePolicy      what happens to a packet later than that, {@code late-policy}.
 * @param replayDelayNs   how far behind the live traffic the shadow replays, at least the lateness,
 *                        {@code replay-delay}.
 * @param threadingMode   how agents map to threads, {@code threading-mode}.
 * @param meterIntervalNs the length of one KPI interval, {@code meter-interval}.
 * @param sharedIdle      the backoff of the {@code shared} thread when idle, {@code shared-idle}.
 * @param dedicatedIdle   what a {@code dedicated} thread does when idle, {@code dedicated-idle}.
 * @param cpus            the CPU set each thread role is pinned to, {@code cpus}; a role left out is not pinned.
 */
public record DataplaneConfig(
    int ingestRingSize,
    int orderedRingSize,
    long latenessNs,
    LatePolicy latePolicy,
    long replayDelayNs,
    ThreadingMode threadingMode,
    long meterIntervalNs,
    SharedIdle sharedIdle,
    DedicatedIdle dedicatedIdle,
    Map<AgentRole, CpuSet> cpus)
{
    /**
     * 64Ki-slot rings, 50 ms lateness with late packets dropped, 100 ms replay delay, shared threads backing off as
     * Agrona does by default, dedicated threads busy spinning, no pinning, 1 s KPIs.
     */
    public static final DataplaneConfig DEFAULT = new DataplaneConfig(
        65_536, 65_536, 50_000_000L, LatePolicy.DROP, 100_000_000L, ThreadingMode.SHARED, 1_000_000_000L,
        SharedIdle.DEFAULT, DedicatedIdle.BUSY_SPIN, Map.of());

    /**
     * Copies the CPU sets.
     */
    public DataplaneConfig
    {
        cpus = Map.copyOf(cpus);
    }

    /**
     * This section with another KPI interval.
     *
     * @param meterIntervalNs the length of one KPI interval.
     * @return the new section.
     */
    public DataplaneConfig withMeterIntervalNs(final long meterIntervalNs)
    {
        return new DataplaneConfig(ingestRingSize, orderedRingSize, latenessNs, latePolicy, replayDelayNs,
            threadingMode, meterIntervalNs, sharedIdle, dedicatedIdle, cpus);
    }

    /**
     * The data plane's view of the threads: idle strategies and pinning.
     *
     * @return the threading configuration.
     * @throws IllegalArgumentException when the shared backoff is out of range (the loader reports it first).
     */
    public ThreadingConfig threading()
    {
        return new ThreadingConfig(cpus, new ThreadingConfig.Backoff(
            sharedIdle.maxSpins(), sharedIdle.maxYields(), sharedIdle.minParkNs(), sharedIdle.maxParkNs()),
            dedicatedIdle);
    }

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
        final Long meterIntervalNs,
        @JsonProperty("shared-idle") final SharedIdle sharedIdle,
        @JsonProperty("dedicated-idle") @JsonDeserialize(using = ConfigDeserializers.Idle.class)
        final DedicatedIdle dedicatedIdle,
        @JsonProperty("cpus") final Cpus cpus)
    {
        return new DataplaneConfig(
            Objects.requireNonNullElse(ingestRingSize, DEFAULT.ingestRingSize),
            Objects.requireNonNullElse(orderedRingSize, DEFAULT.orderedRingSize),
            Objects.requireNonNullElse(latenessNs, DEFAULT.latenessNs),
            Objects.requireNonNullElse(latePolicy, DEFAULT.latePolicy),
            Objects.requireNonNullElse(replayDelayNs, DEFAULT.replayDelayNs),
            Objects.requireNonNullElse(threadingMode, DEFAULT.threadingMode),
            Objects.requireNonNullElse(meterIntervalNs, DEFAULT.meterIntervalNs),
            Objects.requireNonNullElse(sharedIdle, DEFAULT.sharedIdle),
            Objects.requireNonNullElse(dedicatedIdle, DEFAULT.dedicatedIdle),
            null == cpus ? DEFAULT.cpus : cpus.byRole());
    }

    /**
     * How the {@code shared} thread backs off when idle ({@code shared-idle:}), as Agrona's backoff idle strategy.
     *
     * @param maxSpins  polls spent spinning before yielding, {@code max-spins}.
     * @param maxYields polls spent yielding before parking, {@code max-yields}.
     * @param minParkNs the first park period, {@code min-park}.
     * @param maxParkNs the longest park period, {@code max-park}.
     */
    public record SharedIdle(long maxSpins, long maxYields, long minParkNs, long maxParkNs)
    {
        /** 10 spins, 5 yields, parks from 1 µs to 1 ms. */
        public static final SharedIdle DEFAULT = new SharedIdle(
            ThreadingConfig.Backoff.DEFAULT.maxSpins(),
            ThreadingConfig.Backoff.DEFAULT.maxYields(),
            ThreadingConfig.Backoff.DEFAULT.minParkNs(),
            ThreadingConfig.Backoff.DEFAULT.maxParkNs());

        @JsonCreator
        static SharedIdle fromYaml(
            @JsonProperty("max-spins") final Long maxSpins,
            @JsonProperty("max-yields") final Long maxYields,
            @JsonProperty("min-park") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
            final Long minParkNs,
            @JsonProperty("max-park") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
            final Long maxParkNs)
        {
            return new SharedIdle(
                Objects.requireNonNullElse(maxSpins, DEFAULT.maxSpins),
                Objects.requireNonNullElse(maxYields, DEFAULT.maxYields),
                Objects.requireNonNullElse(minParkNs, DEFAULT.minParkNs),
                Objects.requireNonNullElse(maxParkNs, DEFAULT.maxParkNs));
        }
    }

    /**
     * The {@code cpus:} mapping as the file writes it: a Linux CPU list per thread role.
     */
    record Cpus(
        CpuSet ingest, CpuSet capture, CpuSet reorder, CpuSet journal, CpuSet replay, CpuSet liveMeter, CpuSet shared)
    {
        @JsonCreator
        static Cpus fromYaml(
            @JsonProperty("ingest") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet ingest,
            @JsonProperty("capture") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet capture,
            @JsonProperty("reorder") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet reorder,
            @JsonProperty("journal") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet journal,
            @JsonProperty("replay") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet replay,
            @JsonProperty("live-meter") @JsonDeserialize(using = ConfigDeserializers.Cpus.class)
            final CpuSet liveMeter,
            @JsonProperty("shared") @JsonDeserialize(using = ConfigDeserializers.Cpus.class) final CpuSet shared)
        {
            return new Cpus(ingest, capture, reorder, journal, replay, liveMeter, shared);
        }

        Map<AgentRole, CpuSet> byRole()
        {
            final Map<AgentRole, CpuSet> byRole = new EnumMap<>(AgentRole.class);
            put(byRole, AgentRole.INGEST, ingest);
            put(byRole, AgentRole.CAPTURE, capture);
            put(byRole, AgentRole.REORDER, reorder);
            put(byRole, AgentRole.JOURNAL, journal);
            put(byRole, AgentRole.REPLAY, replay);
            put(byRole, AgentRole.LIVE_METER, liveMeter);
            put(byRole, AgentRole.SHARED, shared);
            return byRole;
        }

        private static void put(final Map<AgentRole, CpuSet> byRole, final AgentRole role, final CpuSet set)
        {
            if (null != set)
            {
                byRole.put(role, set);
            }
        }
    }
}
