package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Ipv4Prefix;

import java.util.Comparator;
import java.util.List;

/**
 * One device's IPv4 forwarding table in primitive arrays, longest prefix first and, at equal length, static routes
 * before computed ones, so the first match is the one that wins.
 * <p>
 * A route may have several equal-cost targets (ECMP). A packet takes the one its flow hash selects: the hash is
 * mixed with the device's salt and reduced modulo the number of targets, so every packet of a flow takes the same
 * path, many flows spread evenly, and the choice at one device is independent of the choice at the one before.
 */
final class RouteTable
{
    /** Lookup result when no route covers the destination. */
    static final int NO_ROUTE = -1;
    /** Target of a blackhole route. */
    static final int BLACKHOLE = -2;
    /** Target of a route out of an interface that is not a link port of the fabric. */
    static final int OUTSIDE_FABRIC = -3;

    private static final int FIRST_GROUP = -16;

    private final int[] address;
    private final int[] mask;
    private final int[] target;
    private final int[] groupCount;
    private final int[] groupPorts;
    private final long salt;

    /**
     * One route before compilation.
     *
     * @param prefix   destinations covered.
     * @param targets  equal-cost egress ports, or the single {@link #BLACKHOLE} or {@link #OUTSIDE_FABRIC}.
     * @param isStatic whether it was configured rather than computed.
     */
    record Route(Ipv4Prefix prefix, int[] targets, boolean isStatic)
    {
    }

    /**
     * Compiles routes.
     *
     * @param routes the routes, in any order.
     * @param salt   mixed into every flow hash, different per device.
     */
    RouteTable(final List<Route> routes, final long salt)
    {
        final List<Route> ordered = routes.stream()
            .sorted(Comparator.comparingInt((Route route) -> -route.prefix().prefixLength())
                .thenComparing(route -> !route.isStatic()))
            .toList();
        this.salt = salt;
        address = new int[ordered.size()];
        mask = new int[ordered.size()];
        target = new int[ordered.size()];
        groupCount = new int[ordered.size()];
        groupPorts = new int[ordered.stream().mapToInt(route -> route.targets().length).sum()];
        int next = 0;
        for (int i = 0; i < ordered.size(); i++)
        {
            final Route route = ordered.get(i);
            address[i] = route.prefix().address();
            mask[i] = route.prefix().mask();
            groupCount[i] = route.targets().length;
            target[i] = 1 == route.targets().length ? route.targets()[0] : FIRST_GROUP - next;
            System.arraycopy(route.targets(), 0, groupPorts, next, route.targets().length);
            next += route.targets().length;
        }
    }

    /**
     * The target of the longest matching route, among equal-cost targets the one the flow hash selects. A route's
     * single target is held as itself; a group of equal-cost ports as {@code FIRST_GROUP - offset} into the ports
     * of every group, so a single-target route costs one array read.
     *
     * @param ip       destination address.
     * @param flowHash the packet's flow hash.
     * @return an egress port index, {@link #BLACKHOLE}, {@link #OUTSIDE_FABRIC} or {@link #NO_ROUTE}.
     */
    int lookup(final int ip, final long flowHash)
    {
        for (int i = 0; i < address.length; i++)
        {
            if ((ip & mask[i]) == address[i])
            {
                final int single = target[i];
                return single > FIRST_GROUP ? single : groupPort(i, flowHash);
            }
        }
        return NO_ROUTE;
    }

    private int groupPort(final int route, final long flowHash)
    {
        final int offset = FIRST_GROUP - target[route];
        return groupPorts[offset + (int)Long.remainderUnsigned(mix(flowHash ^ salt), groupCount[route])];
    }

    /**
     * The 64-bit finaliser of MurmurHash3: every input bit affects every output bit.
     */
    private static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
