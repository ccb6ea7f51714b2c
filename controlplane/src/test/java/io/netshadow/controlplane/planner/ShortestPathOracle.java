package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.NetworkProfile;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Shortest paths by latency, then hops, computed apart from the planner (Dijkstra over names) for tests to check
 * its closures against.
 */
final class ShortestPathOracle
{
    private final NetworkProfile profile;

    private record Reach(long latencyNs, int hops, int order, String device) implements Comparable<Reach>
    {
        @Override
        public int compareTo(final Reach other)
        {
            final int byLatency = Long.compare(latencyNs, other.latencyNs);
            if (0 != byLatency)
            {
                return byLatency;
            }
            final int byHops = Integer.compare(hops, other.hops);
            return 0 != byHops ? byHops : Integer.compare(order, other.order);
        }
    }

    ShortestPathOracle(final NetworkProfile profile)
    {
        this.profile = profile;
    }

    Map<String, String> previousFrom(final String source)
    {
        final Map<String, Reach> best = new HashMap<>();
        final Map<String, String> previous = new HashMap<>();
        final TreeSet<Reach> queue = new TreeSet<>();
        int order = 0;
        best.put(source, new Reach(0, 0, order++, source));
        queue.add(best.get(source));
        while (!queue.isEmpty())
        {
            final Reach reach = queue.pollFirst();
            for (final NetworkProfile.Link link : profile.links())
            {
                final String next = link.a().device().equals(reach.device()) ? link.b().device() :
                    link.b().device().equals(reach.device()) ? link.a().device() : null;
                if (null == next)
                {
                    continue;
                }
                final Reach candidate = new Reach(reach.latencyNs() + link.latencyNs(), reach.hops() + 1, order++,
                    next);
                final Reach known = best.get(next);
                if (null == known || candidate.latencyNs() < known.latencyNs() ||
                    candidate.latencyNs() == known.latencyNs() && candidate.hops() < known.hops())
                {
                    if (null != known)
                    {
                        queue.remove(known);
                    }
                    best.put(next, candidate);
                    previous.put(next, reach.device());
                    queue.add(candidate);
                }
            }
        }
        return previous;
    }
}
