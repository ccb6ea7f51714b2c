package io.netshadow.dataplane.device;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link DeviceConfig} into a data tree rooted at {@link YangSchema#ROOT}, leaves in schema order and every
 * set value written out, so that decoding the tree gives the same configuration back.
 */
final class ConfigEncoder
{
    private static final String STATIC = "static";

    private ConfigEncoder()
    {
    }

    static DataNode encode(final DeviceConfig config)
    {
        final DataNode root = new DataNode(YangSchema.ROOT);
        if (!config.interfaces().isEmpty())
        {
            encodeInterfaces(root.addInner("interfaces"), config);
        }
        if (!config.staticRoutes().isEmpty())
        {
            encodeRoutes(root.addInner("routing"), config);
        }
        if (!config.acls().isEmpty() || !config.aclAttachments().isEmpty())
        {
            encodeAcls(root.addInner("acls"), config);
        }
        if (!config.ingressPolicers().isEmpty() || !config.egressShapers().isEmpty() ||
            !config.egressQueues().isEmpty())
        {
            encodeQos(root.addInner("qos"), config);
        }
        return root;
    }

    private static void encodeInterfaces(final DataNode interfaces, final DeviceConfig config)
    {
        for (final InterfaceConfig settings : config.interfaces().values())
        {
            interfaces.addInner("interface")
                .addLeaf("name", settings.name())
                .addLeaf("enabled", Boolean.toString(settings.enabled()))
                .addInner("ipv4")
                .addLeaf("mtu", Integer.toString(settings.mtuBytes()));
        }
    }

    private static void encodeRoutes(final DataNode routing, final DeviceConfig config)
    {
        final DataNode ipv4 = routing
            .addInner("control-plane-protocols")
            .addInner("control-plane-protocol")
            .addLeaf("type", STATIC)
            .addLeaf("name", STATIC)
            .addInner("static-routes")
            .addInner("ipv4");
        for (final StaticRoute route : config.staticRoutes().values())
        {
            final DataNode nextHop = ipv4.addInner("route")
                .addLeaf("destination-prefix", route.destinationPrefix().toString())
                .addInner("next-hop");
            switch (route.nextHop())
            {
                case NextHop.OutgoingInterface(final String interfaceName) ->
                    nextHop.addLeaf("outgoing-interface", interfaceName);
                case NextHop.Blackhole() -> nextHop.addLeaf("special-next-hop", "blackhole");
            }
        }
    }

    private static void encodeAcls(final DataNode acls, final DeviceConfig config)
    {
        for (final Acl acl : config.acls().values())
        {
            final DataNode aces = acls.addInner("acl")
                .addLeaf("name", acl.name())
                .addLeaf("type", "ipv4-acl-type")
                .addInner("aces");
            for (final AclEntry entry : acl.entries())
            {
                encodeEntry(aces.addInner("ace").addLeaf("name", entry.name()), entry);
            }
        }
        if (!config.aclAttachments().isEmpty())
        {
            final DataNode points = acls.addInner("attachment-points");
            for (final AclAttachment attachment : config.aclAttachments().values())
            {
                final DataNode point = points.addInner("interface").addLeaf("interface-id", attachment.interfaceName());
                encodeAclSets(point, "ingress", attachment.ingressAclNames());
                encodeAclSets(point, "egress", attachment.egressAclNames());
            }
        }
    }

    private static void encodeEntry(final DataNode ace, final AclEntry entry)
    {
        final DataNode matches = ace.addInner("matches");
        final boolean hasPorts = !entry.sourcePorts().isAny() || !entry.destinationPorts().isAny();
        if (!Ipv4Prefix.ANY.equals(entry.sourceNetwork()) || !Ipv4Prefix.ANY.equals(entry.destinationNetwork()) ||
            AclEntry.ANY_PROTOCOL != entry.protocol())
        {
            final DataNode ipv4 = matches.addInner("ipv4");
            if (!Ipv4Prefix.ANY.equals(entry.sourceNetwork()))
            {
                ipv4.addLeaf("source-ipv4-network", entry.sourceNetwork().toString());
            }
            if (!Ipv4Prefix.ANY.equals(entry.destinationNetwork()))
            {
                ipv4.addLeaf("destination-ipv4-network", entry.destinationNetwork().toString());
            }
            if (AclEntry.ANY_PROTOCOL != entry.protocol())
            {
                ipv4.addLeaf("protocol", Integer.toString(entry.protocol()));
            }
        }
        if (hasPorts)
        {
            final DataNode transport = matches.addInner(AclEntry.TCP == entry.protocol() ? "tcp" : "udp");
            encodePorts(transport, "source-port", entry.sourcePorts());
            encodePorts(transport, "destination-port", entry.destinationPorts());
        }
        ace.addInner("actions").addLeaf("forwarding", entry.action().yangName());
    }

    private static void encodePorts(final DataNode transport, final String name, final PortMatch ports)
    {
        if (ports.isAny())
        {
            return;
        }
        final DataNode node = transport.addInner(name);
        if (ports.negated())
        {
            node.addLeaf("operator", "neq").addLeaf("port", Integer.toString(ports.lowPort()));
        }
        else if (ports.lowPort() == ports.highPort())
        {
            node.addLeaf("operator", "eq").addLeaf("port", Integer.toString(ports.lowPort()));
        }
        else if (0 == ports.lowPort())
        {
            node.addLeaf("operator", "lte").addLeaf("port", Integer.toString(ports.highPort()));
        }
        else if (PortMatch.MAX_PORT == ports.highPort())
        {
            node.addLeaf("operator", "gte").addLeaf("port", Integer.toString(ports.lowPort()));
        }
        else
        {
            node.addLeaf("lower-port", Integer.toString(ports.lowPort()))
                .addLeaf("upper-port", Integer.toString(ports.highPort()));
        }
    }

    private static void encodeAclSets(final DataNode point, final String direction, final List<String> names)
    {
        if (names.isEmpty())
        {
            return;
        }
        final DataNode sets = point.addInner(direction).addInner("acl-sets");
        for (final String name : names)
        {
            sets.addInner("acl-set").addLeaf("name", name);
        }
    }

    private static void encodeQos(final DataNode qos, final DeviceConfig config)
    {
        final Set<String> names = new LinkedHashSet<>(config.ingressPolicers().keySet());
        names.addAll(config.egressShapers().keySet());
        names.addAll(config.egressQueues().keySet());
        for (final String name : names)
        {
            final DataNode entry = qos.addInner("interface").addLeaf("name", name);
            final Policer policer = config.ingressPolicers().get(name);
            if (null != policer)
            {
                entry.addInner("ingress-policer")
                    .addLeaf("rate-bps", Long.toString(policer.rateBps()))
                    .addLeaf("burst-bytes", Long.toString(policer.burstBytes()));
            }
            final Shaper shaper = config.egressShapers().get(name);
            if (null != shaper)
            {
                entry.addInner("egress-shaper")
                    .addLeaf("rate-bps", Long.toString(shaper.rateBps()))
                    .addLeaf("burst-bytes", Long.toString(shaper.burstBytes()));
            }
            final EgressQueues queues = config.egressQueues().get(name);
            if (null != queues)
            {
                final DataNode queuesNode = entry.addInner("egress-queues");
                for (final EgressQueue queue : queues.queues())
                {
                    final DataNode queueNode = queuesNode.addInner("queue").addLeaf("name", queue.name());
                    if (!queue.dscp().isEmpty())
                    {
                        queueNode.addLeaf("dscp", queue.dscp().toString());
                    }
                    queueNode.addLeaf("queue-bytes", Long.toString(queue.queueBytes()));
                }
            }
        }
    }
}
