package io.netshadow.dataplane.pipeline;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the data plane's threads wait and where they run: the idle strategy of each {@link ThreadingMode} and an
 * optional CPU set per {@link AgentRole}, which the thread applies to itself when it starts.
 *
 * @param cpus          the CPU set of each pinned role; roles left out run wherever the scheduler puts them.
 * @param sharedIdle    the backoff of the one thread of {@code shared} mode.
 * @param dedicatedIdle what each thread of {@code dedicated} mode does when idle.
 */
public record ThreadingConfig(Map<AgentRole, CpuSet> cpus, Backoff sharedIdle, DedicatedIdle dedicatedIdle)
{
    /** No pinning, Agrona's default backoff for {@code shared} mode, busy spinning for {@code dedicated} mode. */
    public static final ThreadingConfig DEFAULT =
        new ThreadingConfig(Map.of(), Backoff.DEFAULT, DedicatedIdle.BUSY_SPIN);

    /**
     * Checks the fields and copies the map.
     *
     * @throws NullPointerException when a field is null.
     */
    public ThreadingConfig
    {
        cpus = Map.copyOf(Objects.requireNonNull(cpus, "cpus"));
        Objects.requireNonNull(sharedIdle, "sharedIdle");
        Objects.requireNonNull(dedicatedIdle, "dedicatedIdle");
    }

    /**
     * This configuration with one role pinned.
     *
     * @param role the role.
     * @param set  its CPUs.
     * @return a new configuration.
     */
    public ThreadingConfig withCpus(final AgentRole role, final CpuSet set)
    {
        final Map<AgentRole, CpuSet> pinned = new EnumMap<>(AgentRole.class);
        pinned.putAll(cpus);
        pinned.put(role, set);
        return new ThreadingConfig(pinned, sharedIdle, dedicatedIdle);
    }

    /**
     * The CPU set of a role.
     *
     * @param role the role.
     * @return its CPUs, null when it is not pinned.
     */
    public CpuSet cpus(final AgentRole role)
    {
        return cpus.get(role);
    }

    /**
     * Checks every CPU set against the online CPUs.
     *
     * @param online the online CPUs.
     * @throws IllegalArgumentException naming the role and the CPU that is not online.
     */
    public void checkOnline(final CpuSet online)
    {
        for (final AgentRole role : AgentRole.values())
        {
            final CpuSet set = cpus.get(role);
            if (null != set)
            {
                CpuAffinity.checkOnline(role, set, online);
            }
        }
    }

    IdleStrategy newIdleStrategy(final ThreadingMode mode)
    {
        return ThreadingMode.SHARED == mode ? sharedIdle.newIdleStrategy() : dedicatedIdle.newIdleStrategy();
    }

    /**
     * The backoff of an idle thread: spin, then yield, then park for a period that doubles from the minimum to the
     * maximum, as Agrona's {@link BackoffIdleStrategy}.
     *
     * @param maxSpins  polls spent spinning before yielding.
     * @param maxYields polls spent yielding before parking.
     * @param minParkNs the first park period.
     * @param maxParkNs the longest park period.
     */
    public record Backoff(long maxSpins, long maxYields, long minParkNs, long maxParkNs)
    {
        /** Agrona's defaults: 10 spins, 5 yields, parks from 1 µs to 1 ms. */
        public static final Backoff DEFAULT = new Backoff(
            BackoffIdleStrategy.DEFAULT_MAX_SPINS,
            BackoffIdleStrategy.DEFAULT_MAX_YIELDS,
            BackoffIdleStrategy.DEFAULT_MIN_PARK_PERIOD_NS,
            BackoffIdleStrategy.DEFAULT_MAX_PARK_PERIOD_NS);

        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException naming the first field out of range.
         */
        public Backoff
        {
            if (maxSpins < 0 || maxYields < 0)
            {
                throw new IllegalArgumentException(
                    "backoff spins and yields must not be negative: " + maxSpins + ", " + maxYields);
            }
            if (minParkNs < 1 || maxParkNs < minParkNs)
            {
                throw new IllegalArgumentException("backoff park periods must satisfy 1 <= min (" + minParkNs +
                    " ns) <= max (" + maxParkNs + " ns)");
            }
        }

        IdleStrategy newIdleStrategy()
        {
            return new BackoffIdleStrategy(maxSpins, maxYields, minParkNs, maxParkNs);
        }
    }
}
