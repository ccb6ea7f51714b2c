package io.netshadow.dataplane.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a data tree rooted at {@link YangSchema#ROOT} into a {@link DeviceConfig}, checking every value and naming
 * the element path of the first bad one.
 */
final class ConfigDecoder
{
    private static final String STATIC = "static";

    private final Map<String, InterfaceConfig> interfaces = new LinkedHashMap<>();
    private final Map<Ipv4Prefix, StaticRoute> staticRoutes = new LinkedHashMap<>();
    private final Map<String, Acl> acls = new LinkedHashMap<>();
    private final Map<String, AclAttachment> aclAttachments = new LinkedHashMap<>();
    private final Map<String, Policer> ingressPolicers = new LinkedHashMap<>();
    private final Map<String, Shaper> egressShapers = new LinkedHashMap<>();
    private final Map<String, String> shaperPaths = new LinkedHashMap<>();
    private final Map<String, EgressQueues> egressQueues = new LinkedHashMap<>();

    private ConfigDecoder()
    {
    }

    static DeviceConfig decode(final DataNode root) throws DeviceConfigException
    {
        final ConfigDecoder decoder = new ConfigDecoder();
        for (final DataNode top : root.children())
        {
            final String path = "/" + top.segment();
            switch (top.schema().name())
            {
                case "interfaces" -> decoder.decodeInterfaces(top, path);
                case "routing" -> decoder.decodeRouting(top, path);
                case "acls" -> decoder.decodeAcls(top, path);
                case "qos" -> decoder.decodeQos(top, path);
                default -> throw new IllegalStateException("schema has no top-level " + top.schema().name());
            }
        }
        decoder.checkShaperBursts();
        try
        {
            return new DeviceConfig(
                decoder.interfaces,
                decoder.staticRoutes,
                decoder.acls,
                decoder.aclAttachments,
                decoder.ingressPolicers,
                decoder.egressShapers,
                decoder.egressQueues);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new DeviceConfigException(DeviceConfigException.Kind.INVALID_VALUE, "", ex.getMessage());
        }
    }

    private void decodeInterfaces(final DataNode node, final String path) throws DeviceConfigException
    {
        for (final DataNode entry : node.all("interface"))
        {
            final String entryPath = path + "/" + entry.segment();
            final String name = entry.keyValue();
            final String enabled = entry.leafValue("enabled");
            final DataNode ipv4 = entry.child("ipv4");
            final String mtu = null == ipv4 ? null : ipv4.leafValue("mtu");
            interfaces.put(name, new InterfaceConfig(
                name,
                null == enabled || bool(enabled, entryPath + "/enabled"),
                null == mtu ? InterfaceConfig.DEFAULT_MTU_BYTES : (int)number(
                    mtu, InterfaceConfig.MIN_MTU_BYTES, InterfaceConfig.MAX_MTU_BYTES, entryPath + "/ipv4/mtu")));
        }
    }

    private void decodeRouting(final DataNode node, final String path) throws DeviceConfigException
    {
        final DataNode protocols = node.child("control-plane-protocols");
        if (null == protocols)
        {
            return;
        }
        for (final DataNode protocol : protocols.all("control-plane-protocol"))
        {
            final String protocolPath = path + "/" + protocols.segment() + "/" + protocol.segment();
            if (!STATIC.equals(protocol.keyValue()))
            {
                throw invalid(
                    protocolPath + "/type", protocol.keyValue(), "only static control-plane protocols are modelled");
            }
            final DataNode staticRoutesNode = protocol.child("static-routes");
            final DataNode ipv4 = null == staticRoutesNode ? null : staticRoutesNode.child("ipv4");
            if (null != ipv4)
            {
                for (final DataNode route : ipv4.all("route"))
                {
                    decodeRoute(route, protocolPath + "/static-routes/ipv4/" + route.segment());
                }
            }
        }
    }

    private void decodeRoute(final DataNode route, final String path) throws DeviceConfigException
    {
        final Ipv4Prefix prefix = prefix(route.keyValue(), path + "/destination-prefix");
        final DataNode nextHop = route.child("next-hop");
        final String outgoing = null == nextHop ? null : nextHop.leafValue("outgoing-interface");
        final String special = null == nextHop ? null : nextHop.leafValue("special-next-hop");
        if (null != outgoing)
        {
            if (outgoing.isEmpty())
            {
                throw invalid(path + "/next-hop/outgoing-interface", outgoing, "an interface name is needed");
            }
            staticRoutes.put(prefix, new StaticRoute(prefix, NextHop.outgoingInterface(outgoing)));
        }
        else if (null != special)
        {
            if (!"blackhole".equals(special))
            {
                throw invalid(path + "/next-hop/special-next-hop", special, "only blackhole is modelled");
            }
            staticRoutes.put(prefix, new StaticRoute(prefix, NextHop.BLACKHOLE));
        }
        else
        {
            throw missing(path + "/next-hop", "a route needs next-hop/outgoing-interface or next-hop/special-next-hop");
        }
    }

    private void decodeAcls(final DataNode node, final String path) throws DeviceConfigException
    {
        for (final DataNode acl : node.all("acl"))
        {
            decodeAcl(acl, path + "/" + acl.segment());
        }
        final DataNode points = node.child("attachment-points");
        if (null != points)
        {
            for (final DataNode point : points.all("interface"))
            {
                final String pointPath = path + "/attachment-points/" + point.segment();
                aclAttachments.put(point.keyValue(), new AclAttachment(
                    point.keyValue(),
                    aclNames(point.child("ingress"), pointPath + "/ingress"),
                    aclNames(point.child("egress"), pointPath + "/egress")));
            }
        }
    }

    private void decodeAcl(final DataNode acl, final String path) throws DeviceConfigException
    {
        final String type = acl.leafValue("type");
        if (null != type && !"ipv4-acl-type".equals(type))
        {
            throw invalid(path + "/type", type, "only ipv4-acl-type is modelled");
        }
        final List<AclEntry> entries = new ArrayList<>();
        final DataNode aces = acl.child("aces");
        if (null != aces)
        {
            for (final DataNode ace : aces.all("ace"))
            {
                entries.add(decodeEntry(ace, path + "/aces/" + ace.segment()));
            }
        }
        acls.put(acl.keyValue(), new Acl(acl.keyValue(), entries));
    }

    private static AclEntry decodeEntry(final DataNode ace, final String path) throws DeviceConfigException
    {
        final DataNode actions = ace.child("actions");
        final String forwarding = null == actions ? null : actions.leafValue("forwarding");
        if (null == forwarding)
        {
            throw missing(path + "/actions/forwarding", "an ACL entry needs actions/forwarding");
        }
        AclEntry entry = AclEntry.matchingAll(ace.keyValue(), action(forwarding, path + "/actions/forwarding"));
        final DataNode matches = ace.child("matches");
        if (null == matches)
        {
            return entry;
        }
        final DataNode ipv4 = matches.child("ipv4");
        final String ipv4Path = path + "/matches/ipv4";
        if (null != ipv4)
        {
            final String source = ipv4.leafValue("source-ipv4-network");
            final String destination = ipv4.leafValue("destination-ipv4-network");
            final String protocol = ipv4.leafValue("protocol");
            if (null != source)
            {
                entry = entry.withSourceNetwork(prefix(source, ipv4Path + "/source-ipv4-network"));
            }
            if (null != destination)
            {
                entry = entry.withDestinationNetwork(prefix(destination, ipv4Path + "/destination-ipv4-network"));
            }
            if (null != protocol)
            {
                entry = entry.withProtocol((int)number(protocol, 0, 255, ipv4Path + "/protocol"));
            }
        }
        final DataNode tcp = matches.child("tcp");
        final DataNode udp = matches.child("udp");
        final DataNode transport = null != tcp ? tcp : udp;
        if (null != transport)
        {
            final int transportProtocol = null != tcp ? AclEntry.TCP : AclEntry.UDP;
            if (AclEntry.ANY_PROTOCOL != entry.protocol() && transportProtocol != entry.protocol())
            {
                throw invalid(ipv4Path + "/protocol", Integer.toString(entry.protocol()),
                    "contradicts the " + transport.schema().name() + " match");
            }
            final String transportPath = path + "/matches/" + transport.schema().name();
            entry = entry
                .withProtocol(transportProtocol)
                .withSourcePorts(ports(transport.child("source-port"), transportPath + "/source-port"))
                .withDestinationPorts(ports(transport.child("destination-port"), transportPath + "/destination-port"));
        }
        return entry;
    }

    private static PortMatch ports(final DataNode node, final String path) throws DeviceConfigException
    {
        if (null == node)
        {
            return PortMatch.ANY;
        }
        final String port = node.leafValue("port");
        final String operator = node.leafValue("operator");
        final String lower = node.leafValue("lower-port");
        final String upper = node.leafValue("upper-port");
        if (null != port)
        {
            final int value = (int)number(port, 0, PortMatch.MAX_PORT, path + "/port");
            final String operatorPath = path + "/operator";
            return switch (null == operator ? "eq" : operator)
            {
                case "eq" -> PortMatch.equalTo(value);
                case "neq" -> PortMatch.notEqualTo(value);
                case "lte" -> PortMatch.range(0, value);
                case "gte" -> PortMatch.range(value, PortMatch.MAX_PORT);
                case "lt" ->
                {
                    if (0 == value)
                    {
                        throw invalid(operatorPath, operator, "lt 0 matches no port");
                    }
                    yield PortMatch.range(0, value - 1);
                }
                case "gt" ->
                {
                    if (PortMatch.MAX_PORT == value)
                    {
                        throw invalid(operatorPath, operator, "gt 65535 matches no port");
                    }
                    yield PortMatch.range(value + 1, PortMatch.MAX_PORT);
                }
                default -> throw invalid(operatorPath, operator, "not eq, neq, lt, lte, gt or gte");
            };
        }
        if (null != operator)
        {
            throw missing(path + "/port", "operator " + operator + " needs a port");
        }
        if (null == lower || null == upper)
        {
            throw missing(path, "a port match needs port, or lower-port and upper-port");
        }
        final int low = (int)number(lower, 0, PortMatch.MAX_PORT, path + "/lower-port");
        final int high = (int)number(upper, 0, PortMatch.MAX_PORT, path + "/upper-port");
        if (low > high)
        {
            throw invalid(path + "/upper-port", upper, "below lower-port " + low);
        }
        return PortMatch.range(low, high);
    }

    private List<String> aclNames(final DataNode direction, final String path) throws DeviceConfigException
    {
        final List<String> names = new ArrayList<>();
        final DataNode sets = null == direction ? null : direction.child("acl-sets");
        if (null != sets)
        {
            for (final DataNode set : sets.all("acl-set"))
            {
                if (!acls.containsKey(set.keyValue()))
                {
                    throw invalid(path + "/acl-sets/" + set.segment(), set.keyValue(), "no ACL has that name");
                }
                names.add(set.keyValue());
            }
        }
        return names;
    }

    private void decodeQos(final DataNode node, final String path) throws DeviceConfigException
    {
        for (final DataNode entry : node.all("interface"))
        {
            final String entryPath = path + "/" + entry.segment();
            final DataNode policer = entry.child("ingress-policer");
            if (null != policer)
            {
                final String policerPath = entryPath + "/ingress-policer";
                ingressPolicers.put(entry.keyValue(), new Policer(
                    entry.keyValue(),
                    bucketLeaf(policer, "rate-bps", policerPath),
                    bucketLeaf(policer, "burst-bytes", policerPath)));
            }
            final DataNode shaper = entry.child("egress-shaper");
            if (null != shaper)
            {
                final String shaperPath = entryPath + "/egress-shaper";
                egressShapers.put(entry.keyValue(), new Shaper(
                    entry.keyValue(),
                    bucketLeaf(shaper, "rate-bps", shaperPath),
                    bucketLeaf(shaper, "burst-bytes", shaperPath)));
                shaperPaths.put(entry.keyValue(), shaperPath + "/burst-bytes");
            }
            final DataNode queues = entry.child("egress-queues");
            if (null != queues)
            {
                egressQueues.put(entry.keyValue(), decodeQueues(entry.keyValue(), queues, entryPath + "/egress-queues"));
            }
        }
    }

    private static long bucketLeaf(final DataNode bucket, final String leaf, final String path)
        throws DeviceConfigException
    {
        final String value = bucket.leafValue(leaf);
        if (null == value)
        {
            throw missing(path, "an " + bucket.schema().name() + " needs rate-bps and burst-bytes");
        }
        return number(value, 1, Long.MAX_VALUE, path + "/" + leaf);
    }

    private static EgressQueues decodeQueues(final String interfaceName, final DataNode node, final String path)
        throws DeviceConfigException
    {
        final List<DataNode> entries = node.all("queue");
        if (entries.isEmpty() || entries.size() > EgressQueues.MAX_QUEUES)
        {
            throw invalid(path, Integer.toString(entries.size()),
                "an interface needs 1.." + EgressQueues.MAX_QUEUES + " egress queues");
        }
        final List<EgressQueue> queues = new ArrayList<>();
        long seen = 0;
        for (final DataNode entry : entries)
        {
            final String queuePath = path + "/" + entry.segment();
            final String dscpText = entry.leafValue("dscp");
            final String queueBytes = entry.leafValue("queue-bytes");
            if (null == queueBytes)
            {
                throw missing(queuePath + "/queue-bytes", "an egress queue needs queue-bytes");
            }
            final DscpSet dscp = null == dscpText ? DscpSet.NONE : dscp(dscpText, queuePath + "/dscp");
            if (0 != (seen & dscp.mask()))
            {
                throw invalid(queuePath + "/dscp", dscpText,
                    "DSCP " + new DscpSet(seen & dscp.mask()) + " is already listed by an earlier queue");
            }
            seen |= dscp.mask();
            queues.add(new EgressQueue(
                entry.keyValue(), dscp, number(queueBytes, 1, Long.MAX_VALUE, queuePath + "/queue-bytes")));
        }
        return new EgressQueues(interfaceName, queues);
    }

    private void checkShaperBursts() throws DeviceConfigException
    {
        for (final Shaper shaper : egressShapers.values())
        {
            final InterfaceConfig settings = interfaces.get(shaper.interfaceName());
            final int mtuBytes = null == settings ? InterfaceConfig.DEFAULT_MTU_BYTES : settings.mtuBytes();
            if (shaper.burstBytes() < mtuBytes)
            {
                throw invalid(shaperPaths.get(shaper.interfaceName()), Long.toString(shaper.burstBytes()),
                    "below the MTU " + mtuBytes + " of interface " + shaper.interfaceName() +
                        ", so a full-size packet could never leave");
            }
        }
    }

    private static DscpSet dscp(final String value, final String path) throws DeviceConfigException
    {
        try
        {
            return DscpSet.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(path, value, ex.getMessage());
        }
    }

    private static AclAction action(final String value, final String path) throws DeviceConfigException
    {
        return switch (value)
        {
            case "accept" -> AclAction.ACCEPT;
            case "drop" -> AclAction.DROP;
            case "reject" -> AclAction.REJECT;
            default -> throw invalid(path, value, "not accept, drop or reject");
        };
    }

    private static boolean bool(final String value, final String path) throws DeviceConfigException
    {
        return switch (value)
        {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(path, value, "not true or false");
        };
    }

    private static long number(final String value, final long min, final long max, final String path)
        throws DeviceConfigException
    {
        final long parsed;
        try
        {
            parsed = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(path, value, "not a whole number");
        }
        if (parsed < min || parsed > max)
        {
            throw invalid(path, value, "outside " + min + ".." + max);
        }
        return parsed;
    }

    private static Ipv4Prefix prefix(final String value, final String path) throws DeviceConfigException
    {
        try
        {
            return Ipv4Prefix.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(path, value, ex.getMessage());
        }
    }

    private static DeviceConfigException invalid(final String path, final String value, final String reason)
    {
        return new DeviceConfigException(
            DeviceConfigException.Kind.INVALID_VALUE, path, "invalid value '" + value + "' at " + path + ": " + reason);
    }

    private static DeviceConfigException missing(final String path, final String reason)
    {
        return new DeviceConfigException(DeviceConfigException.Kind.MISSING_ELEMENT, path, reason + " at " + path);
    }
}
