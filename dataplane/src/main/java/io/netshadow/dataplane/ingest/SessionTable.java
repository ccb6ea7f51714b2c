package io.netshadow.dataplane.ingest;

import org.agrona.collections.Int2IntHashMap;

import java.util.List;

/**
 * Maps the key a mirror copy carries (VNI or ERSPAN session id, by {@link SourceKind}) to its session's index in
 * the data plane's session list, without allocating. Built once; read by every ingest thread.
 */
public final class SessionTable
{
    /** What {@link #sessionIndex} returns for a key that names no session. */
    public static final int NO_SESSION = -1;

    private final Int2IntHashMap[] indexByKeyByKind;
    private final Direction[] directionBySession;

    /**
     * A table of the given sessions; a session's index in the list is its session index.
     *
     * @param sessions the mirror sessions.
     * @throws IllegalArgumentException when two sessions of one kind share a key.
     */
    public SessionTable(final List<MirrorSession> sessions)
    {
        final SourceKind[] kinds = SourceKind.values();
        indexByKeyByKind = new Int2IntHashMap[kinds.length];
        for (final SourceKind kind : kinds)
        {
            indexByKeyByKind[kind.ordinal()] = new Int2IntHashMap(NO_SESSION);
        }
        directionBySession = new Direction[sessions.size()];
        for (int i = 0; i < sessions.size(); i++)
        {
            final MirrorSession session = sessions.get(i);
            final Int2IntHashMap byKey = indexByKeyByKind[session.kind().ordinal()];
            if (byKey.containsKey(session.vni()))
            {
                throw new IllegalArgumentException(
                    "two " + session.kind() + " mirror sessions use " + keyName(session.kind()) + " " + session.vni());
            }
            byKey.put(session.vni(), i);
            directionBySession[i] = session.direction();
        }
    }

    /**
     * The index of the session a key names.
     *
     * @param kind the encapsulation the copy arrived in.
     * @param key  the VNI or ERSPAN session id it carries.
     * @return the session index, or {@link #NO_SESSION}.
     */
    public int sessionIndex(final SourceKind kind, final int key)
    {
        return indexByKeyByKind[kind.ordinal()].get(key);
    }

    /**
     * Whether any session arrives in an encapsulation.
     *
     * @param kind the encapsulation.
     * @return true when at least one session has that kind.
     */
    public boolean hasKind(final SourceKind kind)
    {
        return !indexByKeyByKind[kind.ordinal()].isEmpty();
    }

    /**
     * The direction a session mirrors.
     *
     * @param sessionIndex the session's index.
     * @return its direction.
     */
    public Direction direction(final int sessionIndex)
    {
        return directionBySession[sessionIndex];
    }

    private static String keyName(final SourceKind kind)
    {
        return SourceKind.ERSPAN == kind ? "ERSPAN session id" : "VNI";
    }
}
