package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LinuxFabric}'s topology in the kernel: the edge namespace joined to the host's by a veth underlay, one
 * namespace per device with a veth pair per link, and each device's ports addressed and its hosts routed.
 */
final class KernelTopology
{
    private static final int LINK_MTU_BYTES = 65_535;
    private static final int HOST_TABLE = 100;
    private static final int UNDERLAY_BLOCKS = 16_384;

    private final FabricTopology topology;
    private final LinuxNames names;
    private final LinkAddresses addresses;
    private final List<NetworkNamespace> devices = new ArrayList<>();
    private NetworkNamespace edge;

    /**
     * The two ends of the veth underlay between the host's namespace and the edge namespace.
     *
     * @param hostAddress the host's end, dotted.
     * @param edgeAddress the edge namespace's end, dotted.
     */
    record Underlay(String hostAddress, String edgeAddress)
    {
    }

    /**
     * Creates nothing in the kernel yet.
     *
     * @param topology  devices and links.
     * @param names     the names of the namespaces and interfaces.
     * @param addresses the addresses of the link ports.
     */
    KernelTopology(final FabricTopology topology, final LinuxNames names, final LinkAddresses addresses)
    {
        this.topology = topology;
        this.names = names;
        this.addresses = addresses;
    }

    /**
     * Removes namespaces and underlay interfaces whose creating process is gone.
     *
     * @return how many namespaces and interfaces were removed.
     */
    static int removeStale()
    {
        int removed = 0;
        for (final String namespace : NetworkNamespace.listWithPrefix(LinuxNames.NAMESPACE_PREFIX))
        {
            if (LinuxNames.isStaleNamespace(namespace) && NetworkNamespace.delete(namespace))
            {
                removed++;
            }
        }
        for (final String line : Commands.run(List.of("ip", "-o", "link", "show")).split("\n"))
        {
            final String[] fields = line.split(":\\s+");
            if (fields.length > 1)
            {
                final String name = fields[1].split("@")[0];
                if (LinuxNames.isStaleUnderlay(name) && Commands.runQuietly(List.of("ip", "link", "del", name)))
                {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Creates the edge namespace, a forwarding namespace per device and the underlay between the host's namespace
     * and the edge namespace.
     *
     * @return the underlay's addresses.
     */
    Underlay createNamespaces()
    {
        final int underlayBase = freeUnderlay(names.underlayNetwork());
        final String hostAddress = Ipv4Prefix.formatAddress(underlayBase + 1);
        final String edgeAddress = Ipv4Prefix.formatAddress(underlayBase + 2);
        edge = NetworkNamespace.create(names.edgeNamespace());
        for (int device = 0; device < topology.devices().size(); device++)
        {
            final NetworkNamespace namespace = NetworkNamespace.create(names.deviceNamespace(device));
            devices.add(namespace);
            namespace.sysctl("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0", "net.ipv4.fib_multipath_hash_policy=1",
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        final String underlay = names.underlayInterface();
        Commands.run(List.of("ip", "link", "add", underlay, "type", "veth", "peer", "name", LinuxNames.EDGE_INTERFACE,
            "netns", edge.name()));
        Commands.run(List.of("ip", "link", "set", underlay, "mtu", Integer.toString(LINK_MTU_BYTES), "up"));
        Commands.run(List.of("ip", "address", "add", hostAddress + "/30", "dev", underlay));
        edge.ip("link", "set", LinuxNames.EDGE_INTERFACE, "mtu", Integer.toString(LINK_MTU_BYTES), "up");
        edge.ip("address", "add", edgeAddress + "/30", "dev", LinuxNames.EDGE_INTERFACE);
        return new Underlay(hostAddress, edgeAddress);
    }

    /**
     * A device's namespace.
     *
     * @param deviceIndex the device.
     * @return the namespace.
     */
    NetworkNamespace device(final int deviceIndex)
    {
        return devices.get(deviceIndex);
    }

    /**
     * Joins the two devices of every link with a veth pair.
     */
    void buildLinks()
    {
        final StringBuilder batch = new StringBuilder();
        for (final FabricTopology.Link link : topology.links())
        {
            batch.append("link add ").append(LinuxNames.port(link.portA())).append(" netns ")
                .append(devices.get(link.deviceA()).name()).append(" type veth peer name ")
                .append(LinuxNames.port(link.portB())).append(" netns ").append(devices.get(link.deviceB()).name())
                .append('\n');
        }
        if (!batch.isEmpty())
        {
            Commands.run(List.of("ip", "-batch", "-"), batch.toString());
        }
    }

    /**
     * Makes every device's VXLAN device its host port, adds its blackhole and outside interfaces, addresses its
     * link ports with their peers' addresses resolved, and routes its host subnets out of its host port.
     */
    void buildDevices()
    {
        for (int device = 0; device < devices.size(); device++)
        {
            buildDevice(device);
        }
    }

    /**
     * Removes every namespace and the underlay; safe to call twice.
     */
    void close()
    {
        for (final NetworkNamespace device : devices)
        {
            device.close();
        }
        if (null != edge)
        {
            edge.close();
        }
        Commands.runQuietly(List.of("ip", "link", "del", names.underlayInterface()));
    }

    private void buildDevice(final int device)
    {
        final StringBuilder batch = new StringBuilder();
        final String host = LinuxNames.port(0);
        VxlanEdge.appendHostPort(batch, device, host);
        for (final String dummy : List.of(LinuxNames.BLACKHOLE_INTERFACE, LinuxNames.OUTSIDE_INTERFACE))
        {
            batch.append("link add ").append(dummy).append(" type veth peer name ").append(dummy).append("-sink\n");
            batch.append("link set ").append(dummy).append(" up\n");
        }
        final List<String> ports = topology.devices().get(device).ports();
        for (int port = 1; port < ports.size(); port++)
        {
            final String name = LinuxNames.port(port);
            batch.append("link set ").append(name).append(" address ").append(addresses.ownMac(device, port))
                .append(" mtu ").append(LINK_MTU_BYTES).append(" up\n");
            batch.append("address add ").append(addresses.ownAddress(device, port)).append(" dev ").append(name)
                .append('\n');
            batch.append("neigh replace ").append(addresses.peerAddress(device, port)).append(" lladdr ")
                .append(addresses.peerMac(device, port)).append(" dev ").append(name).append(" nud permanent\n");
        }
        for (final String subnet : topology.devices().get(device).hostSubnets())
        {
            batch.append("rule add to ").append(subnet).append(" lookup ").append(HOST_TABLE).append(" pref ")
                .append(HOST_TABLE).append('\n');
            batch.append("route replace ").append(subnet).append(" via ").append(LinkAddresses.HOST_GATEWAY)
                .append(" dev ").append(host).append(" onlink table ").append(HOST_TABLE).append('\n');
        }
        Commands.run(List.of("ip", "-n", devices.get(device).name(), "-batch", "-"), batch.toString());
    }

    /**
     * The first /30 of 198.19.0.0/16, from the preferred one on, that no address of the host's namespace is in.
     */
    private static int freeUnderlay(final int preferred)
    {
        final Set<Integer> used = new HashSet<>();
        final Matcher inet = Pattern.compile("inet (198\\.19\\.\\d+\\.\\d+)/")
            .matcher(Commands.run(List.of("ip", "-o", "-4", "address", "show")));
        while (inet.find())
        {
            used.add(Ipv4Prefix.parseAddress(inet.group(1)) & ~3);
        }
        final int base = preferred & 0xFFFF_0000;
        for (int i = 0; i < UNDERLAY_BLOCKS; i++)
        {
            final int candidate = base + ((preferred - base + 4 * i) & 0xFFFC);
            if (!used.contains(candidate))
            {
                return candidate;
            }
        }
        throw new LinuxFabricException("every /30 of 198.19.0.0/16 is in use on this host; the Linux fabric " +
            "needs one for its VXLAN underlay");
    }
}
