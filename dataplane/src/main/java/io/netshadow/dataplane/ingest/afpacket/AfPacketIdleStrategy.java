package io.netshadow.dataplane.ingest.afpacket;

import org.agrona.concurrent.IdleStrategy;

/**
 * Idles a thread that runs one AF_PACKET source by waiting in {@code poll(2)} for the kernel to hand over a block,
 * so an idle capture costs no CPU and a busy one makes no call at all between blocks.
 */
public final class AfPacketIdleStrategy implements IdleStrategy
{
    private final AfPacketSource source;
    private final int timeoutMs;

    /**
     * An idle strategy for the thread of one source.
     *
     * @param source    the source whose socket to wait on.
     * @param timeoutMs the longest single wait in milliseconds, which bounds how long a stop request waits.
     */
    public AfPacketIdleStrategy(final AfPacketSource source, final int timeoutMs)
    {
        this.source = source;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Waits for a block when the last duty cycle did no work.
     *
     * @param workCount the work the last duty cycle did.
     */
    @Override
    public void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            source.awaitFrames(timeoutMs);
        }
    }

    /**
     * Waits for a block.
     */
    @Override
    public void idle()
    {
        source.awaitFrames(timeoutMs);
    }

    /**
     * Nothing to reset: each wait is independent.
     */
    @Override
    public void reset()
    {
    }
}
