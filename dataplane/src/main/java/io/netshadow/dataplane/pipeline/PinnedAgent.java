package io.netshadow.dataplane.pipeline;

import org.agrona.concurrent.Agent;

import java.util.concurrent.CompletableFuture;

/**
 * An agent whose thread pins itself to a CPU set before the agent starts, and reports the outcome so that the
 * data plane's start fails when the pinning does.
 */
final class PinnedAgent implements Agent
{
    private final Agent agent;
    private final AgentRole role;
    private final CpuSet cpus;
    private final CompletableFuture<Void> pinned = new CompletableFuture<>();
    private boolean started;

    PinnedAgent(final Agent agent, final AgentRole role, final CpuSet cpus)
    {
        this.agent = agent;
        this.role = role;
        this.cpus = cpus;
    }

    /**
     * Completes when the thread is pinned, exceptionally when it could not be.
     *
     * @return the outcome.
     */
    CompletableFuture<Void> pinned()
    {
        return pinned;
    }

    Agent agent()
    {
        return agent;
    }

    /**
     * Pins the calling thread, then starts the agent; a failed pinning stops the thread before the agent starts.
     */
    @Override
    public void onStart()
    {
        try
        {
            CpuAffinity.pinCurrentThread(role, cpus);
        }
        catch (final RuntimeException ex)
        {
            pinned.completeExceptionally(ex);
            throw ex;
        }
        pinned.complete(null);
        started = true;
        agent.onStart();
    }

    /**
     * The agent's duty cycle.
     *
     * @return its work count.
     * @throws Exception as the agent throws.
     */
    @Override
    public int doWork() throws Exception
    {
        return agent.doWork();
    }

    /**
     * Closes the agent, if it was started.
     */
    @Override
    public void onClose()
    {
        if (started)
        {
            agent.onClose();
        }
    }

    /**
     * The agent's role name.
     *
     * @return the name.
     */
    @Override
    public String roleName()
    {
        return agent.roleName();
    }
}
