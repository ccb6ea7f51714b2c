package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.NextHop;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.device.StaticRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device's configuration compiled for the forwarding path: per-port arrays indexed by topology port index,
 * flattened ACLs with their hit counters, the class of every DSCP and each class's queue size per port, and a route
 * table that holds its static routes and the routes computed toward every other device's host subnets. Immutable
 * once built.
 */
final class CompiledDevice
{
    private static final int DSCP_COUNT = DscpSet.MAX_DSCP + 1;
    private static final int CLASSES = EgressQueues.MAX_QUEUES;
    private static final long SALT_STEP = 0x9e3779b97f4a7c15L;

    private final boolean[] portEnabled;
    private final int[] portMtuBytes;
    private final CompiledAcl[] ingressAcls;
    private final CompiledAcl[] egressAcls;
    private final double[] policerRateBps;
    private final double[] policerBurstBytes;
    private final double[] shaperRateBps;
    private final double[] shaperBurstBytes;
    private final boolean[] hasClassQueues;
    private final boolean[] plainFifo;
    private final byte[] classOfDscp;
    private final long[] classQueueBytes;
    private final int[] hostAddress;
    private final int[] hostMask;
    private final RouteTable routes;

    private CompiledDevice(final int portCount, final int[] hostAddress, final int[] hostMask, final RouteTable routes)
    {
        this.portEnabled = new boolean[portCount];
        this.portMtuBytes = new int[portCount];
        this.ingressAcls = new CompiledAcl[portCount];
        this.egressAcls = new CompiledAcl[portCount];
        this.policerRateBps = new double[portCount];
        this.policerBurstBytes = new double[portCount];
        this.shaperRateBps = new double[portCount];
        this.shaperBurstBytes = new double[portCount];
        this.hasClassQueues = new boolean[portCount];
        this.plainFifo = new boolean[portCount];
        this.classOfDscp = new byte[portCount * DSCP_COUNT];
        this.classQueueBytes = new long[portCount * CLASSES];
        this.hostAddress = hostAddress;
        this.hostMask = hostMask;
        this.routes = routes;
    }

    /**
     * Compiles one device.
     *
     * @param topology    the fabric.
     * @param deviceIndex the device.
     * @param config      its configuration.
     * @param portEnabled whether each of its ports is up (from {@code config}).
     * @param nextPortsTo its equal-cost next ports toward each device, empty where none.
     * @param hostSubnets every device's host subnets.
     * @param rateScale   the share of live traffic the fabric carries, scaling policers, shapers and class queues
     *                    together with each port's {@link FabricTopology#rateFactor}.
     * @param livePolicers whether policers keep their live rate and burst instead, being fed the live aggregate.
     * @param aclHits     the fabric's ACL entry counters.
     * @return the compiled device.
     */
    static CompiledDevice compile(
        final FabricTopology topology,
        final int deviceIndex,
        final DeviceConfig config,
        final boolean[] portEnabled,
        final int[][] nextPortsTo,
        final List<List<Ipv4Prefix>> hostSubnets,
        final double rateScale,
        final boolean livePolicers,
        final AclHitCounters aclHits)
    {
        final List<String> ports = topology.devices().get(deviceIndex).ports();
        final List<Ipv4Prefix> own = hostSubnets.get(deviceIndex);
        final int[] hostAddress = new int[own.size()];
        final int[] hostMask = new int[own.size()];
        for (int i = 0; i < own.size(); i++)
        {
            hostAddress[i] = own.get(i).address();
            hostMask[i] = own.get(i).mask();
        }
        final CompiledDevice device = new CompiledDevice(
            ports.size(), hostAddress, hostMask,
            routes(ports, config, nextPortsTo, hostSubnets, (deviceIndex + 1) * SALT_STEP));
        int largestMtuBytes = 0;
        for (int port = 0; port < ports.size(); port++)
        {
            device.portEnabled[port] = portEnabled[port];
            device.portMtuBytes[port] = config.interfaceConfig(ports.get(port)).mtuBytes();
            largestMtuBytes = Math.max(largestMtuBytes, device.portMtuBytes[port]);
        }
        for (int port = 0; port < ports.size(); port++)
        {
            final double portRateScale = rateScale * topology.rateFactor(deviceIndex, port);
            device.compilePort(port, ports.get(port), deviceIndex, config, portRateScale,
                livePolicers ? 1.0 : portRateScale, largestMtuBytes, aclHits);
        }
        return device;
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
     * The egress shaper's rate, already scaled, or 0 when the port has no shaper.
     */
    double shaperRateBps(final int portIndex)
    {
        return shaperRateBps[portIndex];
    }

    /**
     * The egress shaper's burst, scaled but never below the port's MTU, so every packet that may leave can.
     */
    double shaperBurstBytes(final int portIndex)
    {
        return shaperBurstBytes[portIndex];
    }

    /**
     * The egress class of a packet leaving by a port: 0 when the port has no class queues.
     */
    int trafficClass(final int portIndex, final int dscp)
    {
        return classOfDscp[portIndex * DSCP_COUNT + (dscp & DscpSet.MAX_DSCP)];
    }

    /**
     * Whether the port's egress is one FIFO queue without a shaper, which the links hold in closed form.
     */
    boolean plainFifo(final int portIndex)
    {
        return plainFifo[portIndex];
    }

    /**
     * Whether the port has class queues configured, each with its own size.
     */
    boolean hasClassQueues(final int portIndex)
    {
        return hasClassQueues[portIndex];
    }

    /**
     * A class queue's size, scaled; only for a port with class queues.
     */
    long classQueueBytes(final int portIndex, final int trafficClass)
    {
        return classQueueBytes[portIndex * CLASSES + trafficClass];
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
    int route(final int ip, final long flowHash)
    {
        return routes.lookup(ip, flowHash);
    }

    private void compilePort(
        final int port,
        final String name,
        final int deviceIndex,
        final DeviceConfig config,
        final double portRateScale,
        final double policerRateScale,
        final int largestMtuBytes,
        final AclHitCounters aclHits)
    {
        final AclAttachment attachment = config.aclAttachments().get(name);
        ingressAcls[port] = null == attachment ?
            CompiledAcl.ACCEPT_ALL : acl(config, attachment.ingressAclNames(), deviceIndex, aclHits);
        egressAcls[port] = null == attachment ?
            CompiledAcl.ACCEPT_ALL : acl(config, attachment.egressAclNames(), deviceIndex, aclHits);
        final Policer policer = config.ingressPolicers().get(name);
        if (null != policer)
        {
            policerRateBps[port] = policer.rateBps() * policerRateScale;
            policerBurstBytes[port] = scaledBurstBytes(policer.burstBytes(), policerRateScale, largestMtuBytes);
        }
        final Shaper shaper = config.egressShapers().get(name);
        if (null != shaper)
        {
            shaperRateBps[port] = shaper.rateBps() * portRateScale;
            shaperBurstBytes[port] = scaledBurstBytes(shaper.burstBytes(), portRateScale, portMtuBytes[port]);
        }
        final EgressQueues queues = config.egressQueues().get(name);
        if (null != queues)
        {
            hasClassQueues[port] = true;
            for (int dscp = 0; dscp < DSCP_COUNT; dscp++)
            {
                classOfDscp[port * DSCP_COUNT + dscp] = (byte)queues.classOf(dscp);
            }
            for (int trafficClass = 0; trafficClass < queues.queues().size(); trafficClass++)
            {
                classQueueBytes[port * CLASSES + trafficClass] =
                    Math.max(1, Math.round(queues.queues().get(trafficClass).queueBytes() * portRateScale));
            }
        }
        plainFifo[port] = null == shaper && null == queues;
    }

    /**
     * A bucket's burst scaled by the rate scale, but never below what the live burst holds of one packet of the
     * given size: a live bucket that passes a full-size packet passes it in the shadow too, while a live bucket
     * smaller than that packet stays as small. The floor adds at most one packet to the start of a burst, so the
     * long-run rate is still the scaled rate.
     *
     * @param liveBurstBytes  the configured burst.
     * @param rateScale       the share of live traffic the bucket's port carries.
     * @param largestMtuBytes the largest packet the bucket meets: for a policer the largest MTU among the device's
     *                        ports, for a shaper its port's MTU.
     * @return the burst in bytes the fabric's bucket holds.
     */
    private static double scaledBurstBytes(
        final long liveBurstBytes, final double rateScale, final int largestMtuBytes)
    {
        return Math.max(liveBurstBytes * rateScale, Math.min(liveBurstBytes, largestMtuBytes));
    }

    private static CompiledAcl acl(
        final DeviceConfig config, final List<String> aclNames, final int deviceIndex, final AclHitCounters aclHits)
    {
        if (aclNames.isEmpty())
        {
            return CompiledAcl.ACCEPT_ALL;
        }
        final List<AclEntry> entries = new ArrayList<>();
        final List<AtomicLong> hits = new ArrayList<>();
        for (final String aclName : aclNames)
        {
            for (final AclEntry entry : config.acls().get(aclName).entries())
            {
                entries.add(entry);
                hits.add(aclHits.counter(deviceIndex, aclName, entry.name()));
            }
        }
        return new CompiledAcl(entries, hits);
    }

    private static RouteTable routes(
        final List<String> ports,
        final DeviceConfig config,
        final int[][] nextPortsTo,
        final List<List<Ipv4Prefix>> hostSubnets,
        final long salt)
    {
        final List<RouteTable.Route> routes = new ArrayList<>();
        for (final StaticRoute route : config.staticRoutes().values())
        {
            final int target = switch (route.nextHop())
            {
                case NextHop.Blackhole() -> RouteTable.BLACKHOLE;
                case NextHop.OutgoingInterface(final String name) -> linkPort(ports, name);
            };
            routes.add(new RouteTable.Route(route.destinationPrefix(), new int[] {target}, true));
        }
        for (int destination = 0; destination < nextPortsTo.length; destination++)
        {
            if (nextPortsTo[destination].length > 0)
            {
                for (final Ipv4Prefix prefix : hostSubnets.get(destination))
                {
                    routes.add(new RouteTable.Route(prefix, nextPortsTo[destination], false));
                }
            }
        }
        return new RouteTable(routes, salt);
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
