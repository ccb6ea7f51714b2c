package io.netshadow.controlplane.netconf.agent;

import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Threads that many agents share: one pool that runs the SSH I/O completions of every agent's server, and one
 * timer for SSH timeouts and confirm-commit windows. NETCONF sessions themselves run on virtual threads. Each
 * agent's server still has its own NIO2 channel group, whose only thread of its own waits on the socket events.
 */
public final class AgentIo implements AutoCloseable
{
    private final CloseableExecutorService ioPool;
    private final ScheduledExecutorService timer;
    private final IoServiceFactoryFactory ioServiceFactoryFactory;

    private AgentIo(final int ioThreads)
    {
        this.ioPool = ThreadUtils.newFixedThreadPool("netconf-agent-io", ioThreads);
        this.timer = ThreadUtils.newSingleThreadScheduledExecutor("netconf-agent-timer");
        this.ioServiceFactoryFactory = new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(ioPool));
    }

    /**
     * Starts the shared threads.
     *
     * @param ioThreads threads in the I/O pool; a handful serve a hundred agents.
     * @return the shared I/O.
     * @throws IllegalArgumentException when ioThreads is not positive.
     */
    public static AgentIo create(final int ioThreads)
    {
        if (ioThreads < 1)
        {
            throw new IllegalArgumentException("ioThreads must be positive: " + ioThreads);
        }
        return new AgentIo(ioThreads);
    }

    IoServiceFactoryFactory ioServiceFactoryFactory()
    {
        return ioServiceFactoryFactory;
    }

    ScheduledExecutorService timer()
    {
        return timer;
    }

    /**
     * Stops the shared threads; close the agents that use them first.
     */
    @Override
    public void close()
    {
        timer.shutdownNow();
        ioPool.shutdownNow();
    }
}
