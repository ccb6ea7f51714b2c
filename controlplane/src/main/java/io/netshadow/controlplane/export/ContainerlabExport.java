package io.netshadow.controlplane.export;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.NextHop;
import io.netshadow.dataplane.device.StaticRoute;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes a shadow plan as a containerlab lab: a topology file ({@value #TOPOLOGY_FILE}) with one node per device
 * and one link per profile link, and per node a startup script, plus {@code frr.conf} and {@code daemons} for FRR
 * nodes. Every node is of containerlab's {@code linux} kind; {@link NodeKind} picks the image and where the
 * addresses and routes live.
 * <p>
 * Containerlab keeps {@code eth0} for its management network, so a device's linked ports become {@code eth1},
 * {@code eth2}, ... in profile link order; its host subnets sit on a dummy interface named {@code hosts}, holding
 * the first address of each subnet. Each link gets a /31 from the link pool. Every device routes to every host
 * subnet of the shadow along the shortest path by latency, fewer hops breaking ties, over links whose two ends are
 * enabled: the routes the emulated fabric computes. The device's configuration then adds its static routes
 * (replacing a computed route of the same prefix), interface state and MTU, ACLs as nftables rules in a forward
 * chain (ingress rules first, the first matching entry decides, no match accepts) and ingress policers as
 * nftables {@code limit} rules after the ingress ACLs (the {@code tc} police action is missing from some
 * kernels). Link capacity and queue become a {@code tbf} root qdisc; propagation latency is not exported (it
 * needs netem).
 */
public final class ContainerlabExport
{
    /** Name of the topology file in the export directory. */
    public static final String TOPOLOGY_FILE = "netshadow.clab.yml";
    /** Name of each node's startup script in its directory. */
    public static final String STARTUP_SCRIPT = "startup.sh";
    /** Where the startup script is bound inside the container. */
    public static final String STARTUP_SCRIPT_IN_CONTAINER = "/netshadow/startup.sh";
    /** The default pool of /31 link addresses: the shared address space of RFC 6598. */
    public static final Ipv4Prefix DEFAULT_LINK_POOL = Ipv4Prefix.parse("100.64.0.0/10");

    private final ShadowPlan plan;
    private final List<NetworkProfile.Link> profileLinks;
    private final Map<String, DeviceConfig> configs;
    private final Function<NetworkProfile.Device, NodeKind> kinds;
    private final Images images;
    private final Ipv4Prefix linkPool;

    /**
     * The container images of the two node kinds.
     *
     * @param linux image of Linux nodes; it needs {@code ip}, {@code nft} and {@code tc}.
     * @param frr   image of FRR nodes.
     */
    public record Images(String linux, String frr)
    {
        /** A multi-tool Linux image and an FRR release. */
        public static final Images DEFAULT =
            new Images("ghcr.io/hellt/network-multitool", "quay.io/frrouting/frr:10.2.1");

        /**
         * The image of a kind.
         *
         * @param kind the kind.
         * @return its image.
         */
        public String of(final NodeKind kind)
        {
            return NodeKind.FRR == kind ? frr : linux;
        }
    }

    /**
     * Prepares an export.
     *
     * @param profile  the whole network, to tell a port whose link is outside the shadow from one that never was.
     * @param plan     the shadow to export.
     * @param configs  device configurations by device name; a device without one runs the empty configuration.
     * @param kinds    the kind of each device's node.
     * @param images   the images.
     * @param linkPool where link addresses come from; must not overlap a host subnet.
     */
    public ContainerlabExport(
        final NetworkProfile profile,
        final ShadowPlan plan,
        final Map<String, DeviceConfig> configs,
        final Function<NetworkProfile.Device, NodeKind> kinds,
        final Images images,
        final Ipv4Prefix linkPool)
    {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.profileLinks = profile.links();
        this.configs = Map.copyOf(configs);
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.images = Objects.requireNonNull(images, "images");
        this.linkPool = Objects.requireNonNull(linkPool, "linkPool");
    }

    /**
     * Writes the lab into a directory, creating it when missing.
     *
     * @param directory  the export directory.
     * @param labName    the lab's name in the topology file.
     * @return the files written, the topology file first.
     * @throws ExportException when a configuration cannot be expressed on its node or the addresses do not fit,
     *                         naming the device or link.
     * @throws IOException     when a file cannot be written.
     */
    public List<Path> write(final Path directory, final String labName) throws ExportException, IOException
    {
        final List<ExportedNode> nodes = nodes();
        final List<Path> written = new ArrayList<>();
        Files.createDirectories(directory);
        final Path topologyFile = directory.resolve(TOPOLOGY_FILE);
        Files.writeString(topologyFile, topologyYaml(labName, nodes));
        written.add(topologyFile);
        for (final ExportedNode node : nodes)
        {
            final Path nodeDirectory = directory.resolve(node.name());
            Files.createDirectories(nodeDirectory);
            final Path script = nodeDirectory.resolve(STARTUP_SCRIPT);
            Files.writeString(script, node.startupScript());
            written.add(script);
            if (NodeKind.FRR == node.kind())
            {
                final Path frrConf = nodeDirectory.resolve("frr.conf");
                Files.writeString(frrConf, node.frrConf());
                written.add(frrConf);
                final Path daemons = nodeDirectory.resolve("daemons");
                Files.writeString(daemons, ExportedNode.FRR_DAEMONS);
                written.add(daemons);
            }
        }
        return written;
    }

    /**
     * Builds every node of the lab without writing anything: what {@link #write} writes.
     *
     * @return the nodes in plan order.
     * @throws ExportException when a configuration cannot be expressed or the addresses do not fit.
     */
    public List<ExportedNode> nodes() throws ExportException
    {
        checkLinkPool();
        final List<NetworkProfile.Device> devices = plan.devices();
        final Map<String, Integer> indexByName = new LinkedHashMap<>();
        final List<ExportedNode.Builder> builders = new ArrayList<>();
        for (final NetworkProfile.Device device : devices)
        {
            indexByName.put(device.name(), builders.size());
            builders.add(new ExportedNode.Builder(device, kinds.apply(device),
                configs.getOrDefault(device.name(), DeviceConfig.empty())));
        }
        for (int i = 0; i < plan.links().size(); i++)
        {
            final NetworkProfile.Link link = plan.links().get(i);
            final int base = linkPool.address() + 2 * i;
            final ExportedNode.Builder a = builders.get(indexByName.get(link.a().device()));
            final ExportedNode.Builder b = builders.get(indexByName.get(link.b().device()));
            a.port(link.a().port(), base, base + 1, link, b.name(), link.b().port());
            b.port(link.b().port(), base + 1, base, link, a.name(), link.a().port());
        }
        for (final ExportedNode.Builder builder : builders)
        {
            checkConfig(builder);
        }
        addComputedRoutes(builders, indexByName);
        final List<ExportedNode> nodes = new ArrayList<>();
        for (final ExportedNode.Builder builder : builders)
        {
            nodes.add(builder.build());
        }
        return nodes;
    }

    private void checkLinkPool() throws ExportException
    {
        if (2L * plan.links().size() > 1L << (32 - linkPool.prefixLength()))
        {
            throw new ExportException("the link pool " + linkPool + " holds " + (1L << (32 - linkPool.prefixLength())) +
                " addresses, too few for " + plan.links().size() + " links");
        }
        for (final NetworkProfile.Device device : plan.devices())
        {
            for (final String subnet : device.hostSubnets())
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
                final int shorter = Math.min(prefix.prefixLength(), linkPool.prefixLength());
                final int mask = 0 == shorter ? 0 : -1 << (32 - shorter);
                if ((prefix.address() & mask) == (linkPool.address() & mask))
                {
                    throw new ExportException("device " + device.name() + ": host subnet " + subnet +
                        " overlaps the link address pool " + linkPool + "; choose another pool");
                }
            }
        }
    }

    private void checkConfig(final ExportedNode.Builder node) throws ExportException
    {
        final DeviceConfig config = node.config();
        for (final String port : config.interfaces().keySet())
        {
            requirePort(node, port, "interface settings");
        }
        for (final String port : config.aclAttachments().keySet())
        {
            requirePort(node, port, "ACLs attached to");
        }
        for (final String port : config.ingressPolicers().keySet())
        {
            requirePort(node, port, "an ingress policer on");
        }
        for (final StaticRoute route : config.staticRoutes().values())
        {
            if (route.nextHop() instanceof final NextHop.OutgoingInterface out)
            {
                requirePort(node, out.interfaceName(), "static route " + route.destinationPrefix() + " leaves through");
                if (FabricTopology.HOST_PORT.equals(out.interfaceName()))
                {
                    throw new ExportException("device " + node.name() + ": static route " +
                        route.destinationPrefix() + " leaves through its hosts port, which has no next hop to " +
                        "route to in the exported lab");
                }
            }
        }
    }

    private void requirePort(final ExportedNode.Builder node, final String port, final String what)
        throws ExportException
    {
        if (FabricTopology.HOST_PORT.equals(port))
        {
            if (node.device().hostSubnets().isEmpty())
            {
                throw new ExportException("device " + node.name() + ": " + what + " port hosts, but the device has " +
                    "no host subnets, so its node has no hosts interface");
            }
            return;
        }
        if (node.hasPort(port))
        {
            return;
        }
        for (final NetworkProfile.Link link : profileLinks)
        {
            final NetworkProfile.Endpoint far = link.a().device().equals(node.name()) && link.a().port().equals(port) ?
                link.b() : link.b().device().equals(node.name()) && link.b().port().equals(port) ? link.a() : null;
            if (null != far)
            {
                throw new ExportException("device " + node.name() + ": " + what + " port " + port +
                    ", whose link to " + far + " is outside the shadow; raise the budget or drop that setting");
            }
        }
        throw new ExportException("device " + node.name() + ": " + what + " port " + port +
            ", which is not one of its ports " + node.portNames());
    }

    private void addComputedRoutes(final List<ExportedNode.Builder> nodes, final Map<String, Integer> indexByName)
    {
        final List<List<ExportedNode.PortAddress>> adjacency = new ArrayList<>();
        for (final ExportedNode.Builder node : nodes)
        {
            final List<ExportedNode.PortAddress> usable = new ArrayList<>();
            for (final ExportedNode.PortAddress port : node.ports())
            {
                final ExportedNode.Builder far = nodes.get(indexByName.get(port.farDevice()));
                if (isEnabled(node.config(), port.profilePort()) && isEnabled(far.config(), port.farPort()))
                {
                    usable.add(port);
                }
            }
            adjacency.add(usable);
        }
        for (int source = 0; source < nodes.size(); source++)
        {
            final ExportedNode.PortAddress[] firstHop = firstHops(source, adjacency, indexByName);
            final Map<Ipv4Prefix, StaticRoute> routes = new TreeMap<>(ContainerlabExport::comparePrefixes);
            for (int target = 0; target < nodes.size(); target++)
            {
                if (target == source || null == firstHop[target])
                {
                    continue;
                }
                for (final String subnet : nodes.get(target).device().hostSubnets())
                {
                    final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
                    routes.put(prefix,
                        new StaticRoute(prefix, NextHop.outgoingInterface(firstHop[target].profilePort())));
                }
            }
            routes.putAll(nodes.get(source).config().staticRoutes());
            nodes.get(source).routes(routes.values());
        }
    }

    private static ExportedNode.PortAddress[] firstHops(
        final int source, final List<List<ExportedNode.PortAddress>> adjacency, final Map<String, Integer> indexByName)
    {
        final int size = adjacency.size();
        final long[] latencyNs = new long[size];
        final int[] hops = new int[size];
        final ExportedNode.PortAddress[] firstHop = new ExportedNode.PortAddress[size];
        Arrays.fill(latencyNs, Long.MAX_VALUE);
        latencyNs[source] = 0;
        final PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) ->
            x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        queue.add(new long[] {0, 0, source});
        while (!queue.isEmpty())
        {
            final long[] entry = queue.remove();
            final int device = (int)entry[2];
            if (entry[0] != latencyNs[device] || entry[1] != hops[device])
            {
                continue;
            }
            for (final ExportedNode.PortAddress port : adjacency.get(device))
            {
                final int far = indexByName.get(port.farDevice());
                final long latency = latencyNs[device] + port.link().latencyNs();
                final int hopCount = hops[device] + 1;
                if (latency < latencyNs[far] || latency == latencyNs[far] && hopCount < hops[far])
                {
                    latencyNs[far] = latency;
                    hops[far] = hopCount;
                    firstHop[far] = device == source ? port : firstHop[device];
                    queue.add(new long[] {latency, hopCount, far});
                }
            }
        }
        return firstHop;
    }

    private static boolean isEnabled(final DeviceConfig config, final String port)
    {
        return config.interfaceConfig(port).enabled();
    }

    private static int comparePrefixes(final Ipv4Prefix left, final Ipv4Prefix right)
    {
        final int byAddress = Integer.compareUnsigned(left.address(), right.address());
        return 0 != byAddress ? byAddress : Integer.compare(left.prefixLength(), right.prefixLength());
    }

    private String topologyYaml(final String labName, final List<ExportedNode> nodes) throws IOException
    {
        final Map<String, Object> nodeEntries = new LinkedHashMap<>();
        for (final ExportedNode node : nodes)
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", "linux");
            entry.put("image", images.of(node.kind()));
            entry.put("group", node.group());
            final List<String> binds = new ArrayList<>();
            if (NodeKind.FRR == node.kind())
            {
                binds.add(node.name() + "/frr.conf:/etc/frr/frr.conf");
                binds.add(node.name() + "/daemons:/etc/frr/daemons");
            }
            binds.add(node.name() + "/" + STARTUP_SCRIPT + ":" + STARTUP_SCRIPT_IN_CONTAINER);
            entry.put("binds", binds);
            entry.put("exec", List.of("sh " + STARTUP_SCRIPT_IN_CONTAINER));
            nodeEntries.put(node.name(), entry);
        }
        final List<Object> links = new ArrayList<>();
        for (final NetworkProfile.Link link : plan.links())
        {
            final String a = link.a().device() + ":" + portOf(nodes, link.a());
            final String b = link.b().device() + ":" + portOf(nodes, link.b());
            links.add(Map.of("endpoints", List.of(a, b)));
        }
        final Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("nodes", nodeEntries);
        topology.put("links", links);
        final Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", labName);
        document.put("topology", topology);
        final YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());
        return "# containerlab topology of a netshadow shadow: " + plan.devices().size() + " of " +
            plan.networkDeviceCount() + " devices, budget " + plan.budget() + ", seed " + plan.seed() + ".\n" +
            "# Deploy with: containerlab deploy -t " + TOPOLOGY_FILE + "\n" + mapper.writeValueAsString(document);
    }

    private static String portOf(final List<ExportedNode> nodes, final NetworkProfile.Endpoint endpoint)
    {
        return nodes.stream()
            .filter(node -> node.name().equals(endpoint.device()))
            .findFirst()
            .orElseThrow()
            .containerPort(endpoint.port());
    }
}
