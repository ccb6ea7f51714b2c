package io.netshadow.controlplane.orchestrator;

import org.agrona.concurrent.EpochNanoClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it.
 */
public final class ManualClock implements EpochNanoClock
{
    private final AtomicLong nowNs = new AtomicLong(1_800_000_000_000_000_000L);

    @Override
    public long nanoTime()
    {
        return nowNs.get();
    }

    /**
     * Moves the clock on.
     *
     * @param duration how far.
     */
    public void advance(final Duration duration)
    {
        nowNs.addAndGet(duration.toNanos());
    }
}
