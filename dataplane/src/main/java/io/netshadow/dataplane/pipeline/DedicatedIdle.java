package io.netshadow.dataplane.pipeline;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;

/**
 * What a thread of {@code dedicated} mode does when its agent has no work.
 */
public enum DedicatedIdle
{
    /** Spin on the CPU: the lowest latency, a whole core per agent. */
    BUSY_SPIN,
    /** Yield the CPU to other runnable threads between polls. */
    YIELDING;

    /**
     * Parses a configuration value.
     *
     * @param text {@code busy-spin} or {@code yielding}.
     * @return the idle strategy.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static DedicatedIdle parse(final String text)
    {
        for (final DedicatedIdle idle : values())
        {
            if (idle.configName().equalsIgnoreCase(text.strip()))
            {
                return idle;
            }
        }
        throw new IllegalArgumentException(
            "'" + text + "' is not a dedicated idle strategy; use busy-spin or yielding");
    }

    /**
     * The value's name in configuration files.
     *
     * @return {@code busy-spin} or {@code yielding}.
     */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    IdleStrategy newIdleStrategy()
    {
        return BUSY_SPIN == this ? new BusySpinIdleStrategy() : new YieldingIdleStrategy();
    }
}
