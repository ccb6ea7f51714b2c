package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * A static IPv4 route.
 *
 * @param destinationPrefix destinations the route covers.
 * @param nextHop           where it sends them.
 */
public record StaticRoute(Ipv4Prefix destinationPrefix, NextHop nextHop)
{
    /**
     * Checks the parts.
     */
    public StaticRoute
    {
        Objects.requireNonNull(destinationPrefix, "destinationPrefix");
        Objects.requireNonNull(nextHop, "nextHop");
    }

    /**
     * A route out of an interface.
     *
     * @param cidr          destination prefix in CIDR notation.
     * @param interfaceName outgoing interface.
     * @return the route.
     */
    public static StaticRoute via(final String cidr, final String interfaceName)
    {
        return new StaticRoute(Ipv4Prefix.parse(cidr), NextHop.outgoingInterface(interfaceName));
    }

    /**
     * A blackhole route.
     *
     * @param cidr destination prefix in CIDR notation.
     * @return the route.
     */
    public static StaticRoute blackhole(final String cidr)
    {
        return new StaticRoute(Ipv4Prefix.parse(cidr), NextHop.BLACKHOLE);
    }
}
