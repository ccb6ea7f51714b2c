package io.netshadow.controlplane.netconf.agent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open NETCONF sessions of one agent by session-id; ids start at 1 and are never reused.
 */
final class SessionRegistry
{
    private final AtomicInteger lastId = new AtomicInteger();
    private final ConcurrentMap<Integer, AgentSession> open = new ConcurrentHashMap<>();

    /**
     * Gives a session its id and records it as open.
     *
     * @return the id.
     */
    int register(final AgentSession session)
    {
        final int id = lastId.incrementAndGet();
        open.put(id, session);
        return id;
    }

    void remove(final int sessionId)
    {
        open.remove(sessionId);
    }

    /**
     * The open session with an id, or null.
     */
    AgentSession find(final int sessionId)
    {
        return open.get(sessionId);
    }

    int size()
    {
        return open.size();
    }
}
