package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.NetworkProfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * The traffic the planner assumes a profile carries, as {@link ShadowPlanner} describes it: demand shares between
 * the devices with host subnets, their shortest paths (one tree per origin) and the load they put on each link
 * direction.
 */
final class TrafficModel
{
    private final NetworkProfile profile;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<List<Adjacency>> adjacencies = new ArrayList<>();
    private final int[] hostOwners;
    private final int[] hostPosition;
    private final double hostWeight;
    private final int[][] previousDevice;
    private final int[][] previousDirectedLink;
    private final double[] wholeLoads;

    private record Adjacency(int device, int directedLink, long latencyNs)
    {
    }

    private record Reach(int device, long latencyNs, int hops)
    {
        static final Comparator<Reach> SHORTEST_FIRST =
            Comparator.comparingLong(Reach::latencyNs).thenComparingInt(Reach::hops);
    }

    TrafficModel(final NetworkProfile profile)
    {
        this.profile = profile;
        final int deviceCount = profile.devices().size();
        for (int i = 0; i < deviceCount; i++)
        {
            indexByName.put(profile.devices().get(i).name(), i);
            adjacencies.add(new ArrayList<>());
        }
        for (int l = 0; l < profile.links().size(); l++)
        {
            final NetworkProfile.Link link = profile.links().get(l);
            final int a = indexByName.get(link.a().device());
            final int b = indexByName.get(link.b().device());
            adjacencies.get(a).add(new Adjacency(b, 2 * l, link.latencyNs()));
            adjacencies.get(b).add(new Adjacency(a, 2 * l + 1, link.latencyNs()));
        }
        hostPosition = new int[deviceCount];
        Arrays.fill(hostPosition, -1);
        final List<Integer> owners = new ArrayList<>();
        double weight = 0;
        for (int i = 0; i < deviceCount; i++)
        {
            if (!profile.devices().get(i).hostSubnets().isEmpty())
            {
                hostPosition[i] = owners.size();
                owners.add(i);
                weight += profile.devices().get(i).trafficWeight();
            }
        }
        hostOwners = owners.stream().mapToInt(Integer::intValue).toArray();
        hostWeight = weight;
        previousDevice = new int[hostOwners.length][];
        previousDirectedLink = new int[hostOwners.length][];
        for (int s = 0; s < hostOwners.length; s++)
        {
            shortestPathsFrom(s);
        }
        final boolean[] everyDevice = new boolean[deviceCount];
        Arrays.fill(everyDevice, true);
        wholeLoads = directedLoads(everyDevice);
    }

    /**
     * The load of every link direction in the whole network, as {@link #directedLoads(boolean[])} gives it.
     *
     * @return the loads; the caller must not change them.
     */
    double[] wholeLoads()
    {
        return wholeLoads;
    }

    int deviceCount()
    {
        return profile.devices().size();
    }

    int indexOf(final String name)
    {
        return indexByName.get(name);
    }

    NetworkProfile.Device device(final int index)
    {
        return profile.devices().get(index);
    }

    NetworkProfile.Link link(final int index)
    {
        return profile.links().get(index);
    }

    boolean ownsHosts(final int device)
    {
        return hostPosition[device] >= 0;
    }

    int[] hostOwners()
    {
        return hostOwners;
    }

    /**
     * The connected parts of the network, largest first (profile order breaking ties), each as device indices in
     * profile order.
     *
     * @return the parts; one when the network is connected.
     */
    List<List<Integer>> components()
    {
        final int size = profile.devices().size();
        final boolean[] reached = new boolean[size];
        final List<List<Integer>> components = new ArrayList<>();
        for (int start = 0; start < size; start++)
        {
            if (reached[start])
            {
                continue;
            }
            final List<Integer> component = new ArrayList<>();
            final ArrayDeque<Integer> queue = new ArrayDeque<>();
            reached[start] = true;
            queue.add(start);
            while (!queue.isEmpty())
            {
                final int device = queue.remove();
                component.add(device);
                for (final Adjacency adjacency : adjacencies.get(device))
                {
                    if (!reached[adjacency.device()])
                    {
                        reached[adjacency.device()] = true;
                        queue.add(adjacency.device());
                    }
                }
            }
            component.sort(Comparator.naturalOrder());
            components.add(component);
        }
        components.sort(Comparator.comparingInt((List<Integer> component) -> -component.size())
            .thenComparingInt(List::getFirst));
        return components;
    }

    /**
     * The demand share of the flows from one device with host subnets to another.
     *
     * @param from the origin's device index.
     * @param to   the destination's device index, not the origin.
     * @return the share of the whole network's traffic, 0 to 1.
     */
    double demandShare(final int from, final int to)
    {
        final double fromWeight = profile.devices().get(from).trafficWeight();
        final double others = hostWeight - fromWeight;
        return others > 0 ? fromWeight * profile.devices().get(to).trafficWeight() / (hostWeight * others) : 0;
    }

    /**
     * Visits the devices on the path of the flows from one device with host subnets to another, destination first,
     * origin last.
     *
     * @param from    the origin's device index.
     * @param to      the destination's device index.
     * @param visitor receives each device index.
     */
    void forEachOnPath(final int from, final int to, final IntConsumer visitor)
    {
        final int[] previous = previousDevice[hostPosition[from]];
        for (int device = to; device >= 0; device = device == from ? -1 : previous[device])
        {
            visitor.accept(device);
        }
    }

    /**
     * How many links the flows from one device with host subnets to another cross.
     *
     * @param from the origin's device index.
     * @param to   the destination's device index.
     * @return the hop count.
     */
    int hops(final int from, final int to)
    {
        final int[] previous = previousDevice[hostPosition[from]];
        int hops = 0;
        for (int device = to; device != from; device = previous[device])
        {
            hops++;
        }
        return hops;
    }

    /**
     * The load of every link direction from the flows between devices of a set, in demand shares of the whole
     * network's traffic; direction {@code 2l} of link {@code l} runs from its {@code a} end to its {@code b} end,
     * {@code 2l + 1} back.
     *
     * @param members which devices' flows count, by device index.
     * @return the load per link direction.
     */
    double[] directedLoads(final boolean[] members)
    {
        final double[] loads = new double[2 * profile.links().size()];
        for (final int from : hostOwners)
        {
            if (!members[from])
            {
                continue;
            }
            final int[] previous = previousDevice[hostPosition[from]];
            final int[] previousLink = previousDirectedLink[hostPosition[from]];
            for (final int to : hostOwners)
            {
                if (to == from || !members[to] || previous[to] < 0)
                {
                    continue;
                }
                final double demand = demandShare(from, to);
                for (int device = to; device != from; device = previous[device])
                {
                    loads[previousLink[device]] += demand;
                }
            }
        }
        return loads;
    }

    private void shortestPathsFrom(final int sourcePosition)
    {
        final int source = hostOwners[sourcePosition];
        final int size = profile.devices().size();
        final Reach[] best = new Reach[size];
        final int[] previous = new int[size];
        final int[] previousLink = new int[size];
        Arrays.fill(previous, -1);
        Arrays.fill(previousLink, -1);
        best[source] = new Reach(source, 0, 0);
        final PriorityQueue<Reach> queue = new PriorityQueue<>(Reach.SHORTEST_FIRST);
        queue.add(best[source]);
        while (!queue.isEmpty())
        {
            final Reach reach = queue.remove();
            if (reach != best[reach.device()])
            {
                continue;
            }
            for (final Adjacency adjacency : adjacencies.get(reach.device()))
            {
                final Reach next = new Reach(
                    adjacency.device(), reach.latencyNs() + adjacency.latencyNs(), reach.hops() + 1);
                final Reach known = best[next.device()];
                if (null == known || Reach.SHORTEST_FIRST.compare(next, known) < 0)
                {
                    best[next.device()] = next;
                    previous[next.device()] = reach.device();
                    previousLink[next.device()] = adjacency.directedLink();
                    queue.add(next);
                }
            }
        }
        previousDevice[sourcePosition] = previous;
        previousDirectedLink[sourcePosition] = previousLink;
    }
}
