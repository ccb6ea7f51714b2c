package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Ipv4Prefix;

import java.util.Comparator;
import java.util.List;

/**
 * One device's IPv4 forwarding table in primitive arrays, longest prefix first and, at equal length, static routes
 * before computed ones, so the first match is the one that wins.
 */
final class RouteTable
{
    /** Lookup result when no route covers the destination. */
    static final int NO_ROUTE = -1;
    /** Target of a blackhole route. */
    static final int BLACKHOLE = -2;
    /** Target of a route out of an interface that is not a link port of the fabric. */
    static final int OUTSIDE_FABRIC = -3;

    private final int[] address;
    private final int[] mask;
    private final int[] target;

    /**
     * One route before compilation.
     *
     * @param prefix   destinations covered.
     * @param target   egress port, {@link #BLACKHOLE} or {@link #OUTSIDE_FABRIC}.
     * @param isStatic whether it was configured rather than computed.
     */
    record Route(Ipv4Prefix prefix, int target, boolean isStatic)
    {
    }

    RouteTable(final List<Route> routes)
    {
        final List<Route> ordered = routes.stream()
            .sorted(Comparator.comparingInt((Route route) -> -route.prefix().prefixLength())
                .thenComparing(route -> !route.isStatic()))
            .toList();
        address = new int[ordered.size()];
        mask = new int[ordered.size()];
        target = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++)
        {
            address[i] = ordered.get(i).prefix().address();
            mask[i] = ordered.get(i).prefix().mask();
            target[i] = ordered.get(i).target();
        }
    }

    /**
     * The target of the longest matching route.
     *
     * @param ip destination address.
     * @return an egress port index, {@link #BLACKHOLE}, {@link #OUTSIDE_FABRIC} or {@link #NO_ROUTE}.
     */
    int lookup(final int ip)
    {
        for (int i = 0; i < target.length; i++)
        {
            if ((ip & mask[i]) == address[i])
            {
                return target[i];
            }
        }
        return NO_ROUTE;
    }
}
