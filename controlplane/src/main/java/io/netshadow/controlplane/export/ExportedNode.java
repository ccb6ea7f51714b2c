package io.netshadow.controlplane.export;

import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.NextHop;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.StaticRoute;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One node of an exported lab: its ports with their link addresses, its routes and its configuration, and the
 * startup files that set them up in the container.
 */
public final class ExportedNode
{
    /** The FRR {@code daemons} file: zebra always runs, staticd holds the static routes, nothing else starts. */
    static final String FRR_DAEMONS = """
        # FRR daemons of a netshadow node: zebra always runs; staticd holds the static routes.
        bgpd=no
        ospfd=no
        ospf6d=no
        ripd=no
        ripngd=no
        isisd=no
        pimd=no
        ldpd=no
        nhrpd=no
        eigrpd=no
        babeld=no
        sharpd=no
        pbrd=no
        bfdd=no
        fabricd=no
        vrrpd=no
        pathd=no
        staticd=yes
        vtysh_enable=yes
        zebra_options="  -A 127.0.0.1 -s 90000000"
        staticd_options="-A 127.0.0.1"
        """;

    private static final long MIN_TBF_BURST_BYTES = 16 * 1024;
    private static final long TBF_BURST_PER_SECOND = 250;

    private final NetworkProfile.Device device;
    private final NodeKind kind;
    private final DeviceConfig config;
    private final List<PortAddress> ports;
    private final List<StaticRoute> routes;

    /**
     * A linked port of the node.
     *
     * @param profilePort   the port's name in the profile and in device configurations.
     * @param containerPort the interface name in the container, {@code eth1} onwards.
     * @param address       the port's address in the link's /31.
     * @param farAddress    the far end's address, the next hop through this port.
     * @param link          the profile link.
     * @param farDevice     the device at the far end.
     * @param farPort       the far device's port.
     */
    public record PortAddress(
        String profilePort,
        String containerPort,
        int address,
        int farAddress,
        NetworkProfile.Link link,
        String farDevice,
        String farPort)
    {
    }

    private ExportedNode(final Builder builder)
    {
        this.device = builder.device;
        this.kind = builder.kind;
        this.config = builder.config;
        this.ports = List.copyOf(builder.ports);
        this.routes = List.copyOf(builder.routes);
    }

    /**
     * The device's name, which is also the node's.
     *
     * @return the name.
     */
    public String name()
    {
        return device.name();
    }

    /**
     * What runs in the node.
     *
     * @return the kind.
     */
    public NodeKind kind()
    {
        return kind;
    }

    /**
     * The containerlab group of the node: the device's role.
     *
     * @return the role in lower case.
     */
    public String group()
    {
        return device.role().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The node's linked ports in the order their interfaces are numbered.
     *
     * @return the ports.
     */
    public List<PortAddress> ports()
    {
        return ports;
    }

    /**
     * The node's routes: computed to every host subnet of the shadow, with the configuration's static routes.
     *
     * @return the routes, ordered by prefix.
     */
    public List<StaticRoute> routes()
    {
        return routes;
    }

    /**
     * The container interface of a profile port.
     *
     * @param profilePort the port as the profile names it.
     * @return {@code hosts} for the host port, else the {@code ethN} it became.
     * @throws IllegalArgumentException when the node has no such port.
     */
    public String containerPort(final String profilePort)
    {
        if (FabricTopology.HOST_PORT.equals(profilePort))
        {
            return FabricTopology.HOST_PORT;
        }
        return ports.stream()
            .filter(port -> port.profilePort().equals(profilePort))
            .findFirst()
            .map(PortAddress::containerPort)
            .orElseThrow(() -> new IllegalArgumentException(name() + " has no port " + profilePort));
    }

    /**
     * The script the node runs once started: interfaces, addresses and routes (Linux nodes; FRR nodes keep those in
     * {@code frr.conf}), link shaping with {@code tbf}, then ACLs and ingress policers as one nftables forward chain:
     * a port's ingress ACLs, then its policer (an nftables {@code limit}), then the egress ACLs of the port a packet
     * leaves by.
     *
     * @return the script text.
     */
    public String startupScript()
    {
        final StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# ").append(name()).append(": ").append(group()).append(", a ").append(kind)
            .append(" node of a netshadow shadow.\n");
        for (final PortAddress port : ports)
        {
            out.append("# ").append(port.containerPort()).append(" is profile port ").append(port.profilePort())
                .append(", linked to ").append(port.farDevice()).append(':').append(port.farPort()).append('\n');
        }
        out.append("set -e\n");
        out.append("sysctl -w net.ipv4.ip_forward=1 >/dev/null\n");
        if (!device.hostSubnets().isEmpty())
        {
            out.append("ip link add ").append(FabricTopology.HOST_PORT).append(" type dummy\n");
            out.append(linkCommand(FabricTopology.HOST_PORT, config.interfaceConfig(FabricTopology.HOST_PORT)));
            if (NodeKind.LINUX == kind)
            {
                for (final String subnet : device.hostSubnets())
                {
                    out.append("ip addr add ").append(gatewayOf(subnet)).append(" dev ")
                        .append(FabricTopology.HOST_PORT).append('\n');
                }
            }
        }
        for (final PortAddress port : ports)
        {
            out.append(linkCommand(port.containerPort(), config.interfaceConfig(port.profilePort())));
            if (NodeKind.LINUX == kind)
            {
                out.append("ip addr add ").append(Ipv4Prefix.formatAddress(port.address())).append("/31 dev ")
                    .append(port.containerPort()).append('\n');
            }
            final long burstBytes = Math.max(MIN_TBF_BURST_BYTES, port.link().capacityBps() / 8 / TBF_BURST_PER_SECOND);
            out.append(String.format(Locale.ROOT, "tc qdisc replace dev %s root tbf rate %dbit burst %db limit %db%n",
                port.containerPort(), port.link().capacityBps(), burstBytes,
                Math.max(port.link().queueBytes(), burstBytes)));
        }
        if (NodeKind.LINUX == kind)
        {
            for (final StaticRoute route : routes)
            {
                out.append(linuxRoute(route)).append('\n');
            }
        }
        if (!config.aclAttachments().isEmpty() || !config.ingressPolicers().isEmpty())
        {
            out.append("nft -f - <<'NFT'\n").append(nftRules()).append("NFT\n");
        }
        return out.toString();
    }

    /**
     * The FRR configuration of an FRR node: its interfaces' addresses and its routes as static routes.
     *
     * @return the {@code frr.conf} text.
     */
    public String frrConf()
    {
        final StringBuilder out = new StringBuilder();
        out.append("! ").append(name()).append(": ").append(group()).append(", exported by netshadow\n");
        out.append("frr defaults traditional\nhostname ").append(name()).append("\nno ipv6 forwarding\n!\n");
        if (!device.hostSubnets().isEmpty())
        {
            out.append("interface ").append(FabricTopology.HOST_PORT).append('\n');
            for (final String subnet : device.hostSubnets())
            {
                out.append(" ip address ").append(gatewayOf(subnet)).append('\n');
            }
            out.append("exit\n!\n");
        }
        for (final PortAddress port : ports)
        {
            out.append("interface ").append(port.containerPort()).append('\n')
                .append(" description to ").append(port.farDevice()).append(':').append(port.farPort()).append('\n')
                .append(" ip address ").append(Ipv4Prefix.formatAddress(port.address())).append("/31\n")
                .append("exit\n!\n");
        }
        for (final StaticRoute route : routes)
        {
            out.append("ip route ").append(route.destinationPrefix()).append(' ');
            if (route.nextHop() instanceof final NextHop.OutgoingInterface via)
            {
                final PortAddress port = port(via.interfaceName());
                out.append(Ipv4Prefix.formatAddress(port.farAddress())).append(' ').append(port.containerPort());
            }
            else
            {
                out.append("blackhole");
            }
            out.append('\n');
        }
        out.append("!\nend\n");
        return out.toString();
    }

    private String linuxRoute(final StaticRoute route)
    {
        if (route.nextHop() instanceof final NextHop.OutgoingInterface via)
        {
            final PortAddress port = port(via.interfaceName());
            return "ip route replace " + route.destinationPrefix() + " via " +
                Ipv4Prefix.formatAddress(port.farAddress()) + " dev " + port.containerPort();
        }
        return "ip route replace blackhole " + route.destinationPrefix();
    }

    private String nftRules()
    {
        final StringBuilder chains = new StringBuilder();
        final StringBuilder ingressJumps = new StringBuilder();
        final StringBuilder egressJumps = new StringBuilder();
        for (final AclAttachment attachment : config.aclAttachments().values())
        {
            final String port = containerPort(attachment.interfaceName());
            if (!attachment.ingressAclNames().isEmpty())
            {
                ingressJumps.append("    iifname \"").append(port).append("\" jump in_").append(port).append('\n');
                chain(chains, "in_" + port, attachment.ingressAclNames());
            }
            if (!attachment.egressAclNames().isEmpty())
            {
                egressJumps.append("    oifname \"").append(port).append("\" jump out_").append(port).append('\n');
                chain(chains, "out_" + port, attachment.egressAclNames());
            }
        }
        for (final Policer policer : config.ingressPolicers().values())
        {
            ingressJumps.append(String.format(Locale.ROOT, "    iifname \"%s\" limit rate over %d bytes/second " +
                "burst %d bytes drop comment \"policer\"%n", containerPort(policer.interfaceName()),
                Math.max(1, policer.rateBps() / 8), policer.burstBytes()));
        }
        return "table inet netshadow {\n  chain forward {\n" +
            "    type filter hook forward priority filter; policy accept;\n" + ingressJumps + egressJumps + "  }\n" +
            chains + "}\n";
    }

    private void chain(final StringBuilder out, final String chainName, final List<String> aclNames)
    {
        out.append("  chain ").append(chainName).append(" {\n");
        for (final String aclName : aclNames)
        {
            final Acl acl = config.acls().get(aclName);
            for (final AclEntry entry : acl.entries())
            {
                out.append("    ").append(nftRule(entry)).append(" comment \"")
                    .append((aclName + " " + entry.name()).replace("\"", "")).append("\"\n");
            }
        }
        out.append("  }\n");
    }

    private static String nftRule(final AclEntry entry)
    {
        final List<String> matches = new ArrayList<>();
        if (entry.sourceNetwork().prefixLength() > 0)
        {
            matches.add("ip saddr " + entry.sourceNetwork());
        }
        if (entry.destinationNetwork().prefixLength() > 0)
        {
            matches.add("ip daddr " + entry.destinationNetwork());
        }
        if (AclEntry.ANY_PROTOCOL != entry.protocol())
        {
            matches.add("meta l4proto " + switch (entry.protocol())
            {
                case AclEntry.TCP -> "tcp";
                case AclEntry.UDP -> "udp";
                default -> Integer.toString(entry.protocol());
            });
        }
        portMatch(matches, "sport", entry.sourcePorts());
        portMatch(matches, "dport", entry.destinationPorts());
        matches.add(switch (entry.action())
        {
            case ACCEPT -> "return";
            case DROP -> "drop";
            case REJECT -> "reject";
        });
        return String.join(" ", matches);
    }

    private static void portMatch(final List<String> matches, final String field, final PortMatch ports)
    {
        if (ports.isAny())
        {
            return;
        }
        final String range = ports.lowPort() == ports.highPort() ? Integer.toString(ports.lowPort()) :
            ports.lowPort() + "-" + ports.highPort();
        matches.add("th " + field + (ports.negated() ? " != " : " ") + range);
    }

    private PortAddress port(final String profilePort)
    {
        return ports.stream().filter(port -> port.profilePort().equals(profilePort)).findFirst().orElseThrow();
    }

    private static String linkCommand(final String containerPort, final InterfaceConfig settings)
    {
        return "ip link set dev " + containerPort + " mtu " + settings.mtuBytes() +
            (settings.enabled() ? " up" : " down") + "\n";
    }

    private static String gatewayOf(final String subnet)
    {
        final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
        return Ipv4Prefix.formatAddress(prefix.address() + 1) + "/" + prefix.prefixLength();
    }

    /**
     * Collects a node's ports and routes while the export resolves them.
     */
    static final class Builder
    {
        private final NetworkProfile.Device device;
        private final NodeKind kind;
        private final DeviceConfig config;
        private final List<PortAddress> ports = new ArrayList<>();
        private final List<StaticRoute> routes = new ArrayList<>();

        Builder(final NetworkProfile.Device device, final NodeKind kind, final DeviceConfig config)
        {
            this.device = device;
            this.kind = kind;
            this.config = config;
        }

        String name()
        {
            return device.name();
        }

        NetworkProfile.Device device()
        {
            return device;
        }

        DeviceConfig config()
        {
            return config;
        }

        List<PortAddress> ports()
        {
            return ports;
        }

        void port(
            final String profilePort,
            final int address,
            final int farAddress,
            final NetworkProfile.Link link,
            final String farDevice,
            final String farPort)
        {
            ports.add(new PortAddress(
                profilePort, "eth" + (ports.size() + 1), address, farAddress, link, farDevice, farPort));
        }

        boolean hasPort(final String profilePort)
        {
            return ports.stream().anyMatch(port -> port.profilePort().equals(profilePort));
        }

        List<String> portNames()
        {
            final List<String> names = new ArrayList<>();
            if (!device.hostSubnets().isEmpty())
            {
                names.add(FabricTopology.HOST_PORT);
            }
            ports.forEach(port -> names.add(port.profilePort()));
            return names;
        }

        void routes(final Collection<StaticRoute> computedAndStatic)
        {
            routes.clear();
            routes.addAll(computedAndStatic);
        }

        ExportedNode build()
        {
            return new ExportedNode(this);
        }
    }
}
