package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.NextHop;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.StaticRoute;

import java.util.ArrayList;
import java.util.List;

/**
 * One device's configuration compiled for the forwarding path: per-port arrays indexed by topology port index,
 * flattened ACLs and a route table that holds its static routes and the routes computed toward every other
 * device's host subnets. Immutable once built.
 */
final class CompiledDevice
{
    private final boolean[] portEnabled;
    private final int[] portMtuBytes;
    private final CompiledAcl[] ingressAcls;
    private final CompiledAcl[] egressAcls;
    private final double[] policerRateBps;
    private final double[] policerBurstBytes;
    private final int[] hostAddress;
    private final int[] hostMask;
    private final RouteTable routes;

    private CompiledDevice(
        final boolean[] portEnabled,
        final int[] portMtuBytes,
        final CompiledAcl[] ingressAcls,
        final CompiledAcl[] egressAcls,
        final double[] policerRateBps,
        final double[] policerBurstBytes,
        final int[] hostAddress,
        final int[] hostMask,
        final RouteTable routes)
    {
        this.portEnabled = portEnabled;
        this.portMtuBytes = portMtuBytes;
        this.ingressAcls = ingressAcls;
        this.egressAcls = egressAcls;
        this.policerRateBps = policerRateBps;
        this.policerBurstBytes = policerBurstBytes;
        this.hostAddress = hostAddress;
        this.hostMask = hostMask;
        this.routes = routes;
    }

    /**
     * Compiles one device.
     *
     * @param topology      the fabric.
     * @param deviceIndex   the device.
     * @param config        its configuration.
     * @param portEnabled   whether each of its ports is up (from {@code config}).
     * @param nextPortTo    its next port toward each device, {@link ShortestPaths#UNREACHABLE} where none.
     * @param hostSubnets   every device's host subnets.
     * @param rateScale     the share of live traffic the fabric carries, scaling policers.
     * @return the compiled device.
     */
    static CompiledDevice compile(
        final FabricTopology topology,
        final int deviceIndex,
        final DeviceConfig config,
        final boolean[] portEnabled,
        final int[] nextPortTo,
        final List<List<Ipv4Prefix>> hostSubnets,
        final double rateScale)
    {
        final List<String> ports = topology.devices().get(deviceIndex).ports();
        final int portCount = ports.size();
        final int[] mtuBytes = new int[portCount];
        final CompiledAcl[] ingress = new CompiledAcl[portCount];
        final CompiledAcl[] egress = new CompiledAcl[portCount];
        final double[] rateBps = new double[portCount];
        final double[] burstBytes = new double[portCount];
        int largestMtuBytes = 0;
        for (int port = 0; port < portCount; port++)
        {
            mtuBytes[port] = config.interfaceConfig(ports.get(port)).mtuBytes();
            largestMtuBytes = Math.max(largestMtuBytes, mtuBytes[port]);
        }
        for (int port = 0; port < portCount; port++)
        {
            final String name = ports.get(port);
            final AclAttachment attachment = config.aclAttachments().get(name);
            ingress[port] = null == attachment ? CompiledAcl.ACCEPT_ALL : acl(config, attachment.ingressAclNames());
            egress[port] = null == attachment ? CompiledAcl.ACCEPT_ALL : acl(config, attachment.egressAclNames());
            final Policer policer = config.ingressPolicers().get(name);
            if (null != policer)
            {
                rateBps[port] = policer.rateBps() * rateScale;
                burstBytes[port] = scaledBurstBytes(policer.burstBytes(), rateScale, largestMtuBytes);
            }
        }
        final List<Ipv4Prefix> own = hostSubnets.get(deviceIndex);
        final int[] hostAddress = new int[own.size()];
        final int[] hostMask = new int[own.size()];
        for (int i = 0; i < own.size(); i++)
        {
            hostAddress[i] = own.get(i).address();
            hostMask[i] = own.get(i).mask();
        }
        return new CompiledDevice(
            portEnabled.clone(), mtuBytes, ingress, egress, rateBps, burstBytes, hostAddress, hostMask,
            routes(ports, config, nextPortTo, hostSubnets));
    }

    /**
     * Whether each port of a device is up under a configuration, by topology port index.
     */
    static boolean[] portsEnabled(final FabricTopology topology, final int deviceIndex, final DeviceConfig config)
    {
        final List<String> ports = topology.devices().get(deviceIndex).ports();
        final boolean[] enabled = new boolean[ports.size()];
        for (int port = 0; port < ports.size(); port++)
        {
            enabled[port] = config.interfaceConfig(ports.get(port)).enabled();
        }
        return enabled;
    }

    /**
     * Whether a port is administratively up.
     */
    boolean portEnabled(final int portIndex)
    {
        return portEnabled[portIndex];
    }

    int mtuBytes(final int portIndex)
    {
        return portMtuBytes[portIndex];
    }

    CompiledAcl ingressAcl(final int portIndex)
    {
        return ingressAcls[portIndex];
    }

    CompiledAcl egressAcl(final int portIndex)
    {
        return egressAcls[portIndex];
    }

    /**
     * The ingress policer's rate, already scaled, or 0 when the port has no policer.
     */
    double policerRateBps(final int portIndex)
    {
        return policerRateBps[portIndex];
    }

    /**
     * The ingress policer's burst, scaled with its floor of one full-size packet, or 0 when the port has no policer.
     */
    double policerBurstBytes(final int portIndex)
    {
        return policerBurstBytes[portIndex];
    }

    /**
     * Whether an address lies in one of the device's host subnets.
     */
    boolean isLocal(final int ip)
    {
        for (int i = 0; i < hostAddress.length; i++)
        {
            if ((ip & hostMask[i]) == hostAddress[i])
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The route lookup for a destination; see {@link RouteTable#lookup}.
     */
    int route(final int ip)
    {
        return routes.lookup(ip);
    }

    /**
     * A policer's burst scaled by the rate scale, but never below what the live burst holds of one packet of the
     * device's largest MTU: a live bucket that passes a full-size packet passes it in the shadow too, while a live
     * bucket smaller than that packet stays as small. The floor adds at most one packet to the start of a burst,
     * so the long-run rate is still the scaled rate.
     *
     * @param liveBurstBytes  the configured burst.
     * @param rateScale       the share of live traffic the fabric carries.
     * @param largestMtuBytes the largest MTU among the device's ports: the largest packet it forwards.
     * @return the burst in bytes the fabric's bucket holds.
     */
    private static double scaledBurstBytes(
        final long liveBurstBytes, final double rateScale, final int largestMtuBytes)
    {
        return Math.max(liveBurstBytes * rateScale, Math.min(liveBurstBytes, largestMtuBytes));
    }

    private static CompiledAcl acl(final DeviceConfig config, final List<String> aclNames)
    {
        if (aclNames.isEmpty())
        {
            return CompiledAcl.ACCEPT_ALL;
        }
        final List<AclEntry> entries = new ArrayList<>();
        for (final String aclName : aclNames)
        {
            entries.addAll(config.acls().get(aclName).entries());
        }
        return new CompiledAcl(entries);
    }

    private static RouteTable routes(
        final List<String> ports,
        final DeviceConfig config,
        final int[] nextPortTo,
        final List<List<Ipv4Prefix>> hostSubnets)
    {
        final List<RouteTable.Route> routes = new ArrayList<>();
        for (final StaticRoute route : config.staticRoutes().values())
        {
            final int target = switch (route.nextHop())
            {
                case NextHop.Blackhole() -> RouteTable.BLACKHOLE;
                case NextHop.OutgoingInterface(final String name) -> linkPort(ports, name);
            };
            routes.add(new RouteTable.Route(route.destinationPrefix(), target, true));
        }
        for (int destination = 0; destination < nextPortTo.length; destination++)
        {
            if (ShortestPaths.UNREACHABLE != nextPortTo[destination])
            {
                for (final Ipv4Prefix prefix : hostSubnets.get(destination))
                {
                    routes.add(new RouteTable.Route(prefix, nextPortTo[destination], false));
                }
            }
        }
        return new RouteTable(routes);
    }

    /**
     * The port a static route leaves by: port 0 is the host port and every other port of a topology is a link
     * port, so a name that is not a port, or is the host port, leads outside the fabric.
     */
    private static int linkPort(final List<String> ports, final String name)
    {
        final int port = ports.indexOf(name);
        return port > 0 ? port : RouteTable.OUTSIDE_FABRIC;
    }
}
