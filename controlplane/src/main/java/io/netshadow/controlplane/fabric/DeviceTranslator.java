package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.NextHop;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.device.StaticRoute;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.ShortestPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the device-behaviour model into Linux forwarding, so that a device in its namespace treats packets
 * in the emulated fabric's order and counts each drop under its reason:
 * <ol>
 *     <li>prerouting (nftables): a disabled ingress port, the ingress ACLs in order (first match decides; accept
 *     returns, drop and reject drop), TTL expiry, then the route lookup's failures (no route, a blackhole route,
 *     a route out of the fabric);</li>
 *     <li>the kernel's longest-prefix match over the device's host subnets (a policy rule puts them first, as the
 *     emulated fabric delivers locally before it routes), its static routes and the computed shortest-path
 *     routes;</li>
 *     <li>forward (nftables): a disabled egress port or far end, the egress port's MTU, the egress ACLs;</li>
 *     <li>a tbf per link port at the link's scaled capacity and queue.</li>
 * </ol>
 * An ingress policer is a tbf with a queue of one full-size packet on an IFB device (this kernel has no police
 * action): its long-run rate and its burst are the policer's. So that it meets only what the port's ingress ACLs let
 * in, as in the model, prerouting marks the packets the ACLs let in through the policed port, and every egress port
 * redirects packets with that mark to the IFB (a clsact egress filter) before its own queue; packets the device drops
 * after its ingress ACLs (TTL, no route, egress filters and MTU) take no tokens here, where the model's policer,
 * before routing, charges them. Token buckets count IP lengths, as the model does (a size table takes the Ethernet
 * header off). Interfaces stay up at the
 * largest MTU and admin state and MTU are enforced by rules, because a veth end drops frames longer than its own
 * MTU on receipt, which a device of the model does not. Every drop rule's comment starts with the
 * {@link DropReason} it counts ({@link #reasonLabel}).
 */
final class DeviceTranslator
{
    /** The largest tc token-bucket burst: 2^32 scheduler ticks of 64 ns. */
    static final double MAX_POLICER_BURST_SECONDS = 4294967295.0 * 64 / 1e9;
    /** The smallest rate tc can hold: one byte per second. */
    static final long MIN_RATE_BPS = 8;

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final String IP_LENGTHS = "stab overhead -" + ETHERNET_HEADER_BYTES;
    private static final long TBF_BURST_NS = 1_000_000;

    private DeviceTranslator()
    {
    }

    /**
     * The nftables comment label of a drop reason.
     *
     * @param reason the reason.
     * @return its label, such as {@code acl-deny}.
     */
    static String reasonLabel(final DropReason reason)
    {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Translates one device.
     *
     * @param topology  the fabric.
     * @param device    the device.
     * @param configs   every device's configuration, by device index.
     * @param nextPorts each device's next ports toward each device, from {@link ShortestPaths#nextPorts}; equal-cost
     *                  ports become one multipath route.
     * @param addresses the link addressing.
     * @param rateScale the share of live traffic the fabric carries.
     * @return the translation.
     * @throws LinuxFabricException when the configuration holds something Linux cannot express; the message names
     *                              the device and the element.
     */
    static DeviceTranslation translate(
        final FabricTopology topology,
        final int device,
        final DeviceConfig[] configs,
        final int[][][] nextPorts,
        final LinkAddresses addresses,
        final double rateScale)
    {
        final FabricTopology.Device shape = topology.devices().get(device);
        final DeviceConfig config = configs[device];
        return new DeviceTranslation(
            routes(topology, device, config, nextPorts, addresses),
            tcBatch(topology, device, config, rateScale),
            policedPorts(shape, config),
            nftScript(topology, device, configs));
    }

    private static Map<String, String> routes(
        final FabricTopology topology,
        final int device,
        final DeviceConfig config,
        final int[][][] nextPorts,
        final LinkAddresses addresses)
    {
        final Map<String, String> routes = new LinkedHashMap<>();
        for (int destination = 0; destination < topology.devices().size(); destination++)
        {
            final int[] equalCostPorts = nextPorts[device][destination];
            if (equalCostPorts.length > 0)
            {
                for (final String subnet : topology.devices().get(destination).hostSubnets())
                {
                    routes.put(subnet, equalCostPorts.length == 1 ?
                        via(subnet, addresses, device, equalCostPorts[0]) :
                        multipath(subnet, addresses, device, equalCostPorts));
                }
            }
        }
        final List<String> ports = topology.devices().get(device).ports();
        for (final StaticRoute route : config.staticRoutes().values())
        {
            final String prefix = route.destinationPrefix().toString();
            final String line = switch (route.nextHop())
            {
                case NextHop.Blackhole() -> "route replace " + prefix + " dev " + LinuxNames.BLACKHOLE_INTERFACE;
                case NextHop.OutgoingInterface(final String name) -> ports.indexOf(name) > 0 ?
                    via(prefix, addresses, device, ports.indexOf(name)) :
                    "route replace " + prefix + " dev " + LinuxNames.OUTSIDE_INTERFACE;
            };
            routes.put(prefix, line);
        }
        return routes;
    }

    private static String via(final String prefix, final LinkAddresses addresses, final int device, final int port)
    {
        return "route replace " + prefix + " via " + addresses.peerAddress(device, port) + " dev " +
            LinuxNames.port(port) + " onlink";
    }

    /**
     * A route over every equal-cost port, which the kernel picks per flow by a hash of its addresses, protocol and
     * ports ({@code fib_multipath_hash_policy} 1, set in every namespace), as the emulated fabric picks by its flow
     * hash: each flow stays on one path, and the flows spread over all of them.
     */
    private static String multipath(
        final String prefix, final LinkAddresses addresses, final int device, final int[] ports)
    {
        final StringBuilder line = new StringBuilder("route replace ").append(prefix);
        for (final int port : ports)
        {
            line.append(" nexthop via ").append(addresses.peerAddress(device, port)).append(" dev ")
                .append(LinuxNames.port(port)).append(" onlink");
        }
        return line.toString();
    }

    private static List<String> tcBatch(
        final FabricTopology topology, final int device, final DeviceConfig config, final double rateScale)
    {
        final String deviceName = topology.devices().get(device).name();
        final List<String> ports = topology.devices().get(device).ports();
        final List<String> lines = new ArrayList<>();
        int largestMtuBytes = 0;
        for (final String port : ports)
        {
            largestMtuBytes = Math.max(largestMtuBytes, config.interfaceConfig(port).mtuBytes());
        }
        for (final EgressQueues queues : config.egressQueues().values())
        {
            if (ports.contains(queues.interfaceName()))
            {
                throw new LinuxFabricException("device " + deviceName + ": the class queues on " +
                    queues.interfaceName() + " cannot be expressed on the Linux fabric (per-DSCP strict-priority " +
                    "queues are not translated to tc); use the emulated fabric for this configuration");
            }
        }
        for (final FabricTopology.Link link : topology.links())
        {
            if (link.deviceA() == device)
            {
                lines.add(tbf(link, link.portA(), config, ports.get(link.portA()), rateScale));
            }
            if (link.deviceB() == device)
            {
                lines.add(tbf(link, link.portB(), config, ports.get(link.portB()), rateScale));
            }
        }
        final List<Integer> policed = new ArrayList<>();
        for (final Policer policer : config.ingressPolicers().values())
        {
            final int port = ports.indexOf(policer.interfaceName());
            if (port < 0)
            {
                continue;
            }
            final double portRateScale = rateScale * topology.rateFactor(device, port);
            final long rateBps = Math.round(policer.rateBps() * portRateScale);
            final long burstBytes = Math.round(
                Math.max(policer.burstBytes() * portRateScale, Math.min(policer.burstBytes(), largestMtuBytes)));
            if (rateBps < MIN_RATE_BPS)
            {
                throw new LinuxFabricException("device " + deviceName + ": the policer on " +
                    policer.interfaceName() + " has a scaled rate of " + rateBps +
                    " bit/s, below the 8 bit/s that a tc token bucket can hold");
            }
            if (burstBytes * 8.0 / rateBps > MAX_POLICER_BURST_SECONDS)
            {
                throw new LinuxFabricException("device " + deviceName + ": the policer on " +
                    policer.interfaceName() + " has a burst of " + burstBytes + " bytes at " + rateBps +
                    " bit/s, " + Math.round(burstBytes * 8.0 / rateBps) + " s of traffic, more than the " +
                    Math.round(MAX_POLICER_BURST_SECONDS) + " s that tc police can hold");
            }
            lines.add("qdisc replace dev " + LinuxNames.policer(port) + " root " + IP_LENGTHS + " tbf rate " +
                rateBps + "bit burst " + burstBytes + " limit " + largestMtuBytes);
            policed.add(port);
        }
        if (!policed.isEmpty())
        {
            for (int egress = 0; egress < ports.size(); egress++)
            {
                final String name = LinuxNames.port(egress);
                lines.add("qdisc add dev " + name + " clsact");
                for (final int port : policed)
                {
                    lines.add("filter add dev " + name + " egress protocol ip prio 1 u32 match mark " +
                        policerMark(port) + " 0xffffffff action mirred egress redirect dev " +
                        LinuxNames.policer(port));
                }
            }
        }
        return lines;
    }

    /**
     * The packet mark that carries a policed ingress port from the ingress ACLs (nftables) to the policer (tc).
     *
     * @param port the policed port.
     * @return the mark, never 0.
     */
    static int policerMark(final int port)
    {
        return port + 1;
    }

    /**
     * The tbf of a link port: the link's capacity and queue, or, when the port has an egress shaper below the
     * capacity, the shaper's rate and burst (scaled as the emulated fabric scales them) in front of the same queue.
     */
    private static String tbf(
        final FabricTopology.Link link,
        final int port,
        final DeviceConfig config,
        final String portName,
        final double rateScale)
    {
        final int mtuBytes = config.interfaceConfig(portName).mtuBytes();
        final Shaper shaper = config.egressShapers().get(portName);
        final long linkRateBps = Math.max(MIN_RATE_BPS, Math.round(link.capacityBps() * rateScale));
        final long frameBytes = mtuBytes + ETHERNET_HEADER_BYTES;
        final double portRateScale = rateScale * link.rateFactor();
        final boolean shaped = null != shaper && shaper.rateBps() * portRateScale < linkRateBps;
        final long rateBps = shaped ?
            Math.max(MIN_RATE_BPS, Math.round(shaper.rateBps() * portRateScale)) : linkRateBps;
        final long burstBytes = shaped ?
            Math.max(frameBytes, Math.round(Math.max(shaper.burstBytes() * portRateScale,
                Math.min(shaper.burstBytes(), mtuBytes)))) :
            Math.max(frameBytes, rateBps / 8 * TBF_BURST_NS / 1_000_000_000L);
        final long limitBytes = Math.max(frameBytes, Math.round(link.queueBytes() * rateScale));
        return "qdisc replace dev " + LinuxNames.port(port) + " root " + IP_LENGTHS + " tbf rate " + rateBps +
            "bit burst " +
            burstBytes + " limit " + limitBytes;
    }

    private static List<Integer> policedPorts(final FabricTopology.Device shape, final DeviceConfig config)
    {
        final List<Integer> ports = new ArrayList<>();
        for (final Policer policer : config.ingressPolicers().values())
        {
            final int port = shape.ports().indexOf(policer.interfaceName());
            if (port >= 0)
            {
                ports.add(port);
            }
        }
        return ports;
    }

    private static String nftScript(final FabricTopology topology, final int device, final DeviceConfig[] configs)
    {
        final DeviceConfig config = configs[device];
        final List<String> ports = topology.devices().get(device).ports();
        final StringBuilder chains = new StringBuilder();
        final StringBuilder prerouting = new StringBuilder();
        final StringBuilder forward = new StringBuilder();
        final String down = reasonLabel(DropReason.INTERFACE_DOWN);
        for (int port = 0; port < ports.size(); port++)
        {
            final String name = ports.get(port);
            final String iface = "\"" + LinuxNames.port(port) + "\"";
            final boolean enabled = config.interfaceConfig(name).enabled();
            if (!enabled)
            {
                prerouting.append("    iifname ").append(iface).append(" counter drop comment \"").append(down)
                    .append("\"\n");
            }
            if (!enabled || !farEndEnabled(topology, configs, device, port))
            {
                forward.append("    oifname ").append(iface).append(" counter drop comment \"").append(down)
                    .append("\"\n");
            }
            forward.append("    oifname ").append(iface).append(" meta length > ")
                .append(config.interfaceConfig(name).mtuBytes()).append(" counter drop comment \"")
                .append(reasonLabel(DropReason.MTU_EXCEEDED)).append("\"\n");
            final AclAttachment attachment = config.aclAttachments().get(name);
            if (null != attachment && !attachment.ingressAclNames().isEmpty())
            {
                chains.append(aclChain("in-p" + port, config, attachment.ingressAclNames()));
                prerouting.append("    iifname ").append(iface).append(" jump in-p").append(port).append('\n');
            }
            if (config.ingressPolicers().containsKey(name))
            {
                prerouting.append("    iifname ").append(iface).append(" meta mark set ").append(policerMark(port))
                    .append('\n');
            }
            if (null != attachment && !attachment.egressAclNames().isEmpty())
            {
                chains.append(aclChain("out-p" + port, config, attachment.egressAclNames()));
                forward.append("    oifname ").append(iface).append(" jump out-p").append(port).append('\n');
            }
        }
        final String noRoute = reasonLabel(DropReason.NO_ROUTE);
        prerouting.append("    ip ttl < 2 counter drop comment \"").append(reasonLabel(DropReason.TTL_EXPIRED))
            .append("\"\n");
        prerouting.append("    fib daddr oifname \"").append(LinuxNames.BLACKHOLE_INTERFACE)
            .append("\" counter drop comment \"").append(noRoute).append("\"\n");
        prerouting.append("    fib daddr oifname \"").append(LinuxNames.OUTSIDE_INTERFACE)
            .append("\" counter drop comment \"").append(reasonLabel(DropReason.OUTSIDE_FABRIC)).append("\"\n");
        prerouting.append("    fib daddr oif missing counter drop comment \"").append(noRoute).append("\"\n");
        return "table ip " + LinuxNames.TABLE + "\n" +
            "delete table ip " + LinuxNames.TABLE + "\n" +
            "table ip " + LinuxNames.TABLE + " {\n" +
            chains +
            "  chain prerouting {\n    type filter hook prerouting priority filter; policy accept;\n" +
            prerouting + "  }\n" +
            "  chain forward {\n    type filter hook forward priority filter; policy accept;\n" +
            forward + "  }\n" +
            "  chain output {\n    type filter hook output priority filter; policy accept;\n" +
            "    meta l4proto icmp counter drop comment \"fabric-icmp\"\n  }\n" +
            "}\n";
    }

    private static boolean farEndEnabled(
        final FabricTopology topology, final DeviceConfig[] configs, final int device, final int port)
    {
        for (final FabricTopology.Link link : topology.links())
        {
            if (link.deviceA() == device && link.portA() == port)
            {
                return enabled(topology, configs, link.deviceB(), link.portB());
            }
            if (link.deviceB() == device && link.portB() == port)
            {
                return enabled(topology, configs, link.deviceA(), link.portA());
            }
        }
        return true;
    }

    private static boolean enabled(
        final FabricTopology topology, final DeviceConfig[] configs, final int device, final int port)
    {
        return configs[device].interfaceConfig(topology.devices().get(device).ports().get(port)).enabled();
    }

    private static String aclChain(final String chain, final DeviceConfig config, final List<String> aclNames)
    {
        final StringBuilder rules = new StringBuilder("  chain ").append(chain).append(" {\n");
        for (final String aclName : aclNames)
        {
            for (final AclEntry entry : config.acls().get(aclName).entries())
            {
                rules.append("    ").append(match(entry));
                if (AclAction.ACCEPT == entry.action())
                {
                    rules.append("counter return\n");
                }
                else
                {
                    rules.append("counter drop comment \"").append(reasonLabel(DropReason.ACL_DENY)).append(' ')
                        .append(commentText(aclName + "/" + entry.name())).append("\"\n");
                }
            }
        }
        return rules.append("  }\n").toString();
    }

    private static String match(final AclEntry entry)
    {
        final StringBuilder match = new StringBuilder();
        if (!Ipv4Prefix.ANY.equals(entry.sourceNetwork()))
        {
            match.append("ip saddr ").append(entry.sourceNetwork()).append(' ');
        }
        if (!Ipv4Prefix.ANY.equals(entry.destinationNetwork()))
        {
            match.append("ip daddr ").append(entry.destinationNetwork()).append(' ');
        }
        if (AclEntry.ANY_PROTOCOL != entry.protocol())
        {
            match.append("ip protocol ").append(entry.protocol()).append(' ');
        }
        final String transport = AclEntry.TCP == entry.protocol() ? "tcp" : "udp";
        ports(match, transport, "sport", entry.sourcePorts());
        ports(match, transport, "dport", entry.destinationPorts());
        return match.toString();
    }

    private static void ports(
        final StringBuilder match, final String transport, final String field, final PortMatch ports)
    {
        if (ports.isAny())
        {
            return;
        }
        match.append(transport).append(' ').append(field).append(' ');
        if (ports.negated())
        {
            match.append("!= ").append(ports.lowPort());
        }
        else if (ports.lowPort() == ports.highPort())
        {
            match.append(ports.lowPort());
        }
        else
        {
            match.append(ports.lowPort()).append('-').append(ports.highPort());
        }
        match.append(' ');
    }

    private static String commentText(final String text)
    {
        final String safe = text.replaceAll("[^A-Za-z0-9._/:-]", "_");
        return safe.length() > 100 ? safe.substring(0, 100) : safe;
    }
}
