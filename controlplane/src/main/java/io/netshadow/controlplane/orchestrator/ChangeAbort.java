package io.netshadow.controlplane.orchestrator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running change to stop: the orchestrator sees it before the next wave and while it waits for a verdict,
 * and rolls back every wave applied so far. Safe to use from any thread.
 */
public final class ChangeAbort
{
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String reason;

    /**
     * A signal nobody has raised yet.
     */
    public ChangeAbort()
    {
    }

    /**
     * Asks for the change to stop; the first reason given is kept.
     *
     * @param why the reason, for the history.
     */
    public synchronized void request(final String why)
    {
        if (null == reason)
        {
            reason = why;
        }
        requested.countDown();
    }

    /**
     * Whether a stop was asked for.
     *
     * @return true once {@link #request(String)} was called.
     */
    public boolean isRequested()
    {
        return 0 == requested.getCount();
    }

    /**
     * Why the stop was asked for.
     *
     * @return the reason, or null when none was asked for.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * Waits for a stop to be asked for. An interrupted wait counts as one, and the interrupt is consumed so that
     * the rollback that follows can still talk to the devices.
     *
     * @param timeoutNs how long to wait.
     * @return true when a stop was asked for.
     */
    boolean await(final long timeoutNs)
    {
        try
        {
            return requested.await(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            request("the orchestrator thread was interrupted");
            return true;
        }
    }
}
