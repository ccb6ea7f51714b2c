package io.netshadow.dataplane.fabric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Computes, for every pair of devices, the ports by which the first device forwards toward the second: every port
 * that starts a shortest path by total link latency over links whose two ends are up, fewer hops breaking ties.
 * More than one port means equal-cost paths (equal latency and equal hop count), among which the forwarding path
 * chooses by flow hash. The Linux fabric installs the first of them as static routes, since its namespaces run no
 * routing protocol.
 */
public final class ShortestPaths
{
    private static final int[] NO_PORTS = new int[0];

    private ShortestPaths()
    {
    }

    private record Adjacent(int port, int farDevice, long latencyNs)
    {
    }

    private record Reached(long distanceNs, int hops, int device)
    {
    }

    /**
     * Next ports toward every device.
     *
     * @param topology    the fabric.
     * @param portEnabled whether each port of each device is up.
     * @return {@code nextPorts[from][to]}, the port indices of {@code from} in ascending order, empty when
     *         {@code from} cannot reach {@code to} or is {@code to}.
     */
    public static int[][][] nextPorts(final FabricTopology topology, final boolean[][] portEnabled)
    {
        final int deviceCount = topology.devices().size();
        final List<List<Adjacent>> adjacency = adjacency(topology, portEnabled);
        final int[][][] nextPort = new int[deviceCount][deviceCount][];
        final long[] distanceNs = new long[deviceCount];
        final int[] hops = new int[deviceCount];
        for (int destination = 0; destination < deviceCount; destination++)
        {
            distancesTo(destination, adjacency, distanceNs, hops);
            for (int from = 0; from < deviceCount; from++)
            {
                final boolean reachable = from != destination && Long.MAX_VALUE != distanceNs[from];
                nextPort[from][destination] = reachable ?
                    portsOnShortestPaths(adjacency.get(from), distanceNs[from], hops[from], distanceNs, hops) :
                    NO_PORTS;
            }
        }
        return nextPort;
    }

    private static List<List<Adjacent>> adjacency(final FabricTopology topology, final boolean[][] portEnabled)
    {
        final List<List<Adjacent>> adjacency = new ArrayList<>();
        for (int device = 0; device < topology.devices().size(); device++)
        {
            adjacency.add(new ArrayList<>());
        }
        for (final FabricTopology.Link link : topology.links())
        {
            if (portEnabled[link.deviceA()][link.portA()] && portEnabled[link.deviceB()][link.portB()])
            {
                adjacency.get(link.deviceA()).add(new Adjacent(link.portA(), link.deviceB(), link.latencyNs()));
                adjacency.get(link.deviceB()).add(new Adjacent(link.portB(), link.deviceA(), link.latencyNs()));
            }
        }
        for (final List<Adjacent> adjacent : adjacency)
        {
            adjacent.sort((a, b) -> Integer.compare(a.port(), b.port()));
        }
        return adjacency;
    }

    private static void distancesTo(
        final int destination, final List<List<Adjacent>> adjacency, final long[] distanceNs, final int[] hops)
    {
        Arrays.fill(distanceNs, Long.MAX_VALUE);
        Arrays.fill(hops, Integer.MAX_VALUE);
        final PriorityQueue<Reached> queue = new PriorityQueue<>(
            (a, b) -> a.distanceNs() != b.distanceNs() ?
                Long.compare(a.distanceNs(), b.distanceNs()) : Integer.compare(a.hops(), b.hops()));
        distanceNs[destination] = 0;
        hops[destination] = 0;
        queue.add(new Reached(0, 0, destination));
        while (!queue.isEmpty())
        {
            final Reached reached = queue.poll();
            if (reached.distanceNs() != distanceNs[reached.device()] || reached.hops() != hops[reached.device()])
            {
                continue;
            }
            for (final Adjacent adjacent : adjacency.get(reached.device()))
            {
                final long distance = reached.distanceNs() + adjacent.latencyNs();
                final int hopCount = reached.hops() + 1;
                final int next = adjacent.farDevice();
                if (distance < distanceNs[next] || (distance == distanceNs[next] && hopCount < hops[next]))
                {
                    distanceNs[next] = distance;
                    hops[next] = hopCount;
                    queue.add(new Reached(distance, hopCount, next));
                }
            }
        }
    }

    private static int[] portsOnShortestPaths(
        final List<Adjacent> adjacent,
        final long distanceNs,
        final int hopCount,
        final long[] distancesNs,
        final int[] hops)
    {
        final int[] ports = new int[adjacent.size()];
        int count = 0;
        for (final Adjacent candidate : adjacent)
        {
            final int far = candidate.farDevice();
            if (Long.MAX_VALUE != distancesNs[far] && candidate.latencyNs() + distancesNs[far] == distanceNs &&
                hops[far] + 1 == hopCount)
            {
                ports[count++] = candidate.port();
            }
        }
        if (0 == count)
        {
            throw new IllegalStateException("no port on a shortest path");
        }
        return Arrays.copyOf(ports, count);
    }
}
