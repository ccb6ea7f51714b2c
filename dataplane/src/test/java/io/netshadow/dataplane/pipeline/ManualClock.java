package io.netshadow.dataplane.pipeline;

import org.agrona.concurrent.EpochNanoClock;

/**
 * A clock that moves only when a test moves it.
 */
public final class ManualClock implements EpochNanoClock
{
    private volatile long nowNs;

    /**
     * A clock at a given time.
     *
     * @param nowNs the time.
     */
    public ManualClock(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    /**
     * Sets the time.
     *
     * @param nowNs the new time.
     */
    public void set(final long nowNs)
    {
        this.nowNs = nowNs;
    }
}
