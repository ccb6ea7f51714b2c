package io.netshadow.dataplane.fabric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One hit counter per ACL entry per device, keyed by device, ACL name and entry name, so a count survives
 * configuration changes that keep the entry, wherever the ACL is attached. Counters are created when a
 * configuration is compiled and incremented only by the driving thread; any thread may read them.
 */
final class AclHitCounters
{
    private final Map<Key, AtomicLong> counters = new ConcurrentHashMap<>();

    private record Key(int deviceIndex, String aclName, String entryName)
    {
    }

    /**
     * The counter of an entry, created at zero the first time it is asked for.
     */
    AtomicLong counter(final int deviceIndex, final String aclName, final String entryName)
    {
        return counters.computeIfAbsent(new Key(deviceIndex, aclName, entryName), key -> new AtomicLong());
    }

    /**
     * Packets an entry has matched, or 0 for an entry never compiled.
     */
    long hits(final int deviceIndex, final String aclName, final String entryName)
    {
        final AtomicLong counter = counters.get(new Key(deviceIndex, aclName, entryName));
        return null == counter ? 0 : counter.get();
    }
}
