package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EthernetFlyweight;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.InternetChecksum;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.PacketKey;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The {@link ShadowFabric} on real Linux forwarding: one network namespace per device, a veth pair per link, the
 * devices' configurations translated by {@link DeviceTranslator} into routes ({@code ip}), nftables rules and
 * {@code tc} token buckets (tbf for link capacities and, on IFB devices, for ingress policers), and a VXLAN device
 * as each device's host port. Packets go in and come out as VXLAN over UDP: the fabric sends each injected packet,
 * built from its header facts with the don't-fragment bit set, to its device's VXLAN network identifier (device
 * index + 1), and receives what the devices deliver out of their host ports on a socket of its own.
 * <p>
 * The VXLAN devices are created in an edge namespace, where their UDP socket stays when they move into the device
 * namespaces; a veth underlay joins the edge namespace to the host's (a /30 of 198.19.0.0/16 that no address of
 * the host's is in). Names
 * follow {@link LinuxNames}; {@link #start} removes a crashed fabric's leftovers and {@link #close} removes
 * everything this one made.
 * <p>
 * Fates: a packet is delivered when it comes back out of a host port, at its injection time plus the wall-clock
 * time it took (the fabric runs in real time and sends a packet when {@link #advanceTo} reaches its injection
 * time). One that has not come back within the fate timeout is dropped, its reason taken from the growth of the
 * kernel's drop counters (nftables rule counters, the policers' and link queues' tbf drops) since the last such
 * attribution; a loss those counters do not explain (a socket buffer overflowing, for instance) is counted as a
 * queue drop. Link latency is not emulated (netem is not available); it still chooses the paths. Packets injected
 * through a link port enter through the device's host port.
 * <p>
 * The kernel is the forwarding path here: this class allocates a small record per packet it sends and is not meant
 * for the emulated fabric's packet rates. {@link #inject}, {@link #advanceTo} and {@link #close} belong to the
 * driving thread; {@link #applyConfig}, {@link #config} and {@link #dropCount} may be called from any thread and
 * run system commands, so they take milliseconds per device.
 */
public final class LinuxFabric implements ShadowFabric
{
    /** Fate timeout of {@link #start(FabricTopology, double, FateListener)}. */
    public static final long DEFAULT_FATE_TIMEOUT_NS = 1_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxFabric.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int VXLAN_PORT = VxlanHeader.UDP_PORT;
    private static final int VXLAN_MTU_BYTES = 65_485;
    private static final int LINK_MTU_BYTES = 65_535;
    private static final int DATAGRAM_BYTES = 65_536;
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final int HOST_TABLE = 100;
    private static final int UNDERLAY_BLOCKS = 16_384;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final long PACKET_KEY_0 = 0x6e65_7473_6861_646fL;
    private static final long PACKET_KEY_1 = 0x776c_696e_7578_6662L;

    private final FabricTopology topology;
    private final double rateScale;
    private final FateListener listener;
    private final long fateTimeoutNs;
    private final LinuxNames names;
    private final LinkAddresses addresses;
    private final List<NetworkNamespace> devices = new ArrayList<>();
    private final DeviceConfig[] configs;
    private final DeviceTranslation[] translations;
    private final long[][] retiredCounts;
    private final Set<Integer>[] policerDevices;
    private final long[] attributedCounts = new long[DropReason.values().length];
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final Long2ObjectHashMap<Pending> inFlightByKey = new Long2ObjectHashMap<>();
    private final PacketKey packetKey = new PacketKey(PACKET_KEY_0, PACKET_KEY_1);
    private final PacketDecoder decoder = new PacketDecoder(PACKET_KEY_0, PACKET_KEY_1);
    private final VxlanHeader vxlan = new VxlanHeader();
    private final FabricPacket received = new FabricPacket();
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    private final UnsafeBuffer sendView = new UnsafeBuffer(sendBuffer);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(receiveBuffer);
    private NetworkNamespace edge;
    private DatagramChannel channel;
    private InetSocketAddress ingressEndpoint;
    private volatile long sentCount;
    private volatile long deliveredCount;
    private volatile long unmatchedCount;
    private volatile long socketErrorCount;
    private volatile boolean closed;

    private static final class Pending
    {
        final FabricPacket packet = new FabricPacket();
        int deviceIndex;
        long timeNs;
        long key;
        long sentAtWallNs;
        Pending sameKey;
    }

    private LinuxFabric(
        final FabricTopology topology, final double rateScale, final FateListener listener, final long fateTimeoutNs)
    {
        if (!(rateScale > 0 && rateScale <= 1))
        {
            throw new IllegalArgumentException("rate scale must be in (0, 1]: " + rateScale);
        }
        this.topology = Objects.requireNonNull(topology, "topology");
        this.rateScale = rateScale;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fateTimeoutNs = fateTimeoutNs;
        this.names = new LinuxNames(ProcessHandle.current().pid(), INSTANCES.getAndIncrement() & 0xFFF);
        this.addresses = new LinkAddresses(topology);
        this.configs = new DeviceConfig[topology.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        this.translations = new DeviceTranslation[configs.length];
        this.retiredCounts = new long[configs.length][DropReason.values().length];
        this.policerDevices = newPortSets(configs.length);
    }

    /**
     * Builds the fabric with every device on the empty configuration and a one-second fate timeout.
     *
     * @param topology  devices and links.
     * @param rateScale share of the live traffic the fabric carries, 0 &lt; s &lt;= 1; scales link capacities,
     *                  queues and policers as the emulated fabric does.
     * @param listener  receives every packet's fate.
     * @return the running fabric.
     * @throws LinuxFabricException when the process lacks CAP_NET_ADMIN, a tool is missing or a command fails.
     */
    public static LinuxFabric start(final FabricTopology topology, final double rateScale, final FateListener listener)
    {
        return start(topology, rateScale, listener, DEFAULT_FATE_TIMEOUT_NS);
    }

    /**
     * Builds the fabric with every device on the empty configuration.
     *
     * @param topology      devices and links.
     * @param rateScale     share of the live traffic the fabric carries, 0 &lt; s &lt;= 1.
     * @param listener      receives every packet's fate.
     * @param fateTimeoutNs how long a packet may take before it counts as dropped.
     * @return the running fabric.
     * @throws LinuxFabricException when the process lacks CAP_NET_ADMIN, a tool is missing or a command fails.
     */
    public static LinuxFabric start(
        final FabricTopology topology, final double rateScale, final FateListener listener, final long fateTimeoutNs)
    {
        NetAdminCapability.require("the Linux shadow fabric");
        for (final List<String> probe : List.of(
            List.of("ip", "-V"), List.of("nft", "--version"), List.of("tc", "-V"), List.of("bridge", "-V")))
        {
            if (!Commands.available(probe))
            {
                throw new LinuxFabricException("the Linux shadow fabric needs '" + probe.getFirst() +
                    "' (packages iproute2 and nftables)");
            }
        }
        removeStale();
        final LinuxFabric fabric = new LinuxFabric(topology, rateScale, listener, fateTimeoutNs);
        try
        {
            fabric.build();
            return fabric;
        }
        catch (final RuntimeException ex)
        {
            fabric.close();
            throw ex;
        }
    }

    /**
     * Removes what crashed Linux fabrics left behind: namespaces and underlay interfaces whose creating process is
     * gone.
     *
     * @return how many namespaces and interfaces were removed.
     */
    public static int removeStale()
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
     * The names this fabric gives its namespaces and interfaces.
     *
     * @return the names.
     */
    public LinuxNames names()
    {
        return names;
    }

    @Override
    public FabricTopology topology()
    {
        return topology;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The packet is sent when {@link #advanceTo} reaches its time.
     *
     * @throws IllegalArgumentException when the device or port does not exist or the packet length is not positive.
     * @throws IllegalStateException    after {@link #close()}.
     */
    @Override
    public void inject(final FabricPacket packet, final int deviceIndex, final int portIndex, final long timeNs)
    {
        if (closed)
        {
            throw new IllegalStateException("fabric is closed");
        }
        if (deviceIndex < 0 || deviceIndex >= topology.devices().size() ||
            portIndex < 0 || portIndex >= topology.devices().get(deviceIndex).ports().size())
        {
            throw new IllegalArgumentException("no port " + portIndex + " on device " + deviceIndex);
        }
        if (packet.lengthBytes <= 0 || packet.lengthBytes > VXLAN_MTU_BYTES)
        {
            throw new IllegalArgumentException("packet length must be in 1.." + VXLAN_MTU_BYTES + ": " +
                packet.lengthBytes);
        }
        final Pending pending = new Pending();
        pending.packet.copyFrom(packet);
        pending.deviceIndex = deviceIndex;
        pending.timeNs = timeNs;
        queued.add(pending);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Sends the packets injected up to the time, reports the packets delivered since the last call, and reports as
     * dropped the packets that have waited longer than the fate timeout.
     */
    @Override
    public int advanceTo(final long timeNs)
    {
        if (closed)
        {
            return 0;
        }
        int processed = 0;
        while (!queued.isEmpty() && queued.peekFirst().timeNs <= timeNs)
        {
            send(queued.pollFirst());
            processed++;
        }
        processed += receive();
        processed += expire();
        return processed;
    }

    /**
     * Packets sent and not yet delivered or dropped, and packets injected and not yet sent. Driving thread only.
     *
     * @return the count.
     */
    public int inFlightCount()
    {
        return inFlight.size() + queued.size();
    }

    /**
     * Sends and receives on the fabric's UDP socket that failed; a packet whose send failed is reported dropped at
     * its fate timeout. May be read from any thread.
     *
     * @return the count.
     */
    public long socketErrorCount()
    {
        return socketErrorCount;
    }

    /**
     * Packets delivered out of a host port so far. May be read from any thread.
     *
     * @return the count.
     */
    public long deliveredCount()
    {
        return deliveredCount;
    }

    /**
     * Packets sent into the fabric so far. May be read from any thread.
     *
     * @return the count.
     */
    public long sentCount()
    {
        return sentCount;
    }

    /**
     * Datagrams received from the fabric that are no packet this fabric sent (or arrived after their fate was
     * reported). May be read from any thread.
     *
     * @return the count.
     */
    public long unmatchedCount()
    {
        return unmatchedCount;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Every device is translated again (computed routes depend on every device's interfaces) before anything is
     * changed, so a configuration Linux cannot express changes nothing; then the devices whose translation changed
     * get their routes replaced, their tc queues and policers rebuilt and their nftables table replaced in one
     * transaction.
     *
     * @throws IllegalArgumentException when the device does not exist.
     * @throws LinuxFabricException     when the configuration holds something Linux cannot express (the message
     *                                  names the device and the element) or a command fails.
     */
    @Override
    public synchronized void applyConfig(final int deviceIndex, final DeviceConfig config)
    {
        if (deviceIndex < 0 || deviceIndex >= configs.length)
        {
            throw new IllegalArgumentException("no device " + deviceIndex);
        }
        final DeviceConfig[] changed = configs.clone();
        changed[deviceIndex] = Objects.requireNonNull(config, "config");
        final DeviceTranslation[] translated = translateAll(changed);
        configs[deviceIndex] = config;
        for (int device = 0; device < configs.length; device++)
        {
            apply(device, translations[device], translated[device]);
            translations[device] = translated[device];
        }
    }

    @Override
    public synchronized DeviceConfig config(final int deviceIndex)
    {
        return configs[deviceIndex];
    }

    /**
     * {@inheritDoc}
     * <p>
     * Read from the kernel's counters in every device namespace.
     */
    @Override
    public synchronized long dropCount(final DropReason reason)
    {
        return totalCounts()[reason.ordinal()];
    }

    /**
     * Removes every namespace and interface this fabric made and closes its socket; safe to call twice.
     */
    @Override
    public synchronized void close()
    {
        closed = true;
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                LOG.warn("closing the Linux fabric's UDP socket: {}", ex.getMessage());
            }
        }
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

    private void build()
    {
        final int underlayBase = freeUnderlay(names.underlayNetwork());
        final String hostAddress = Ipv4Prefix.formatAddress(underlayBase + 1);
        final String edgeAddress = Ipv4Prefix.formatAddress(underlayBase + 2);
        edge = NetworkNamespace.create(names.edgeNamespace());
        for (int device = 0; device < configs.length; device++)
        {
            final NetworkNamespace namespace = NetworkNamespace.create(names.deviceNamespace(device));
            devices.add(namespace);
            namespace.sysctl("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1");
        }
        final String underlay = names.underlayInterface();
        Commands.run(List.of("ip", "link", "add", underlay, "type", "veth", "peer", "name", LinuxNames.EDGE_INTERFACE,
            "netns", edge.name()));
        Commands.run(List.of("ip", "link", "set", underlay, "mtu", Integer.toString(LINK_MTU_BYTES), "up"));
        Commands.run(List.of("ip", "address", "add", hostAddress + "/30", "dev", underlay));
        edge.ip("link", "set", LinuxNames.EDGE_INTERFACE, "mtu", Integer.toString(LINK_MTU_BYTES), "up");
        edge.ip("address", "add", edgeAddress + "/30", "dev", LinuxNames.EDGE_INTERFACE);
        openChannel(hostAddress);
        ingressEndpoint = new InetSocketAddress(edgeAddress, VXLAN_PORT);
        buildEdges(hostAddress, edgeAddress);
        buildLinks();
        final int[][] nextPorts = FabricRoutes.nextPorts(topology, portsEnabled(configs));
        for (int device = 0; device < configs.length; device++)
        {
            buildDevice(device);
            final DeviceTranslation translation =
                DeviceTranslator.translate(topology, device, configs, nextPorts, addresses, rateScale);
            apply(device, null, translation);
            translations[device] = translation;
        }
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

    private void openChannel(final String hostAddress)
    {
        try
        {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(hostAddress, 0));
            channel.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException("cannot open the fabric's UDP socket on " + hostAddress + ": " +
                ex.getMessage(), ex);
        }
    }

    private void buildEdges(final String hostAddress, final String edgeAddress)
    {
        final int egressPort = ((InetSocketAddress)localAddress()).getPort();
        final StringBuilder create = new StringBuilder();
        final StringBuilder fdb = new StringBuilder();
        final StringBuilder move = new StringBuilder();
        final String mac = macText(FrameWriter.DESTINATION_MAC);
        for (int device = 0; device < configs.length; device++)
        {
            final String name = LinuxNames.edgeVxlan(device);
            create.append("link add ").append(name).append(" address ").append(mac).append(" type vxlan id ")
                .append(device + 1).append(" dstport ").append(VXLAN_PORT).append(" local ").append(edgeAddress)
                .append(" nolearning\n");
            fdb.append("fdb append 00:00:00:00:00:00 dev ").append(name).append(" dst ").append(hostAddress)
                .append(" port ").append(egressPort).append('\n');
            move.append("link set ").append(name).append(" netns ").append(devices.get(device).name()).append('\n');
        }
        Commands.run(List.of("ip", "-n", edge.name(), "-batch", "-"), create.toString());
        Commands.run(List.of("bridge", "-n", edge.name(), "-batch", "-"), fdb.toString());
        Commands.run(List.of("ip", "-n", edge.name(), "-batch", "-"), move.toString());
    }

    private void buildLinks()
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

    private void buildDevice(final int device)
    {
        final StringBuilder batch = new StringBuilder();
        final String host = LinuxNames.port(0);
        batch.append("link set ").append(LinuxNames.edgeVxlan(device)).append(" name ").append(host).append('\n');
        batch.append("link set ").append(host).append(" mtu ").append(VXLAN_MTU_BYTES).append(" up\n");
        batch.append("neigh replace ").append(LinkAddresses.HOST_GATEWAY).append(" lladdr ")
            .append(macText(FrameWriter.SOURCE_MAC)).append(" dev ").append(host).append(" nud permanent\n");
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

    private DeviceTranslation[] translateAll(final DeviceConfig[] candidate)
    {
        final int[][] nextPorts = FabricRoutes.nextPorts(topology, portsEnabled(candidate));
        final DeviceTranslation[] translated = new DeviceTranslation[candidate.length];
        for (int device = 0; device < candidate.length; device++)
        {
            translated[device] =
                DeviceTranslator.translate(topology, device, candidate, nextPorts, addresses, rateScale);
        }
        return translated;
    }

    private void apply(final int device, final DeviceTranslation before, final DeviceTranslation after)
    {
        final NetworkNamespace namespace = devices.get(device);
        if (null == before || !before.routes().equals(after.routes()))
        {
            final StringBuilder batch = new StringBuilder();
            after.routes().values().forEach(line -> batch.append(line).append('\n'));
            if (null != before)
            {
                before.routes().keySet().stream().filter(prefix -> !after.routes().containsKey(prefix))
                    .forEach(prefix -> batch.append("route del ").append(prefix).append('\n'));
            }
            if (!batch.isEmpty())
            {
                Commands.run(List.of("ip", "-n", namespace.name(), "-batch", "-"), batch.toString());
            }
        }
        final boolean tcChanged = null == before || !before.tcBatch().equals(after.tcBatch());
        final boolean nftChanged = null == before || !before.nftScript().equals(after.nftScript());
        if (null != before && (tcChanged || nftChanged))
        {
            final long[] counts = new long[DropReason.values().length];
            readCounts(device, counts);
            for (int reason = 0; reason < counts.length; reason++)
            {
                retiredCounts[device][reason] += counts[reason];
            }
        }
        if (tcChanged)
        {
            if (null != before && !before.policedPorts().isEmpty())
            {
                final StringBuilder removal = new StringBuilder();
                before.policedPorts().forEach(port -> removal
                    .append("qdisc del dev ").append(LinuxNames.port(port)).append(" ingress\n")
                    .append("qdisc del dev ").append(LinuxNames.policer(port)).append(" root\n"));
                Commands.run(List.of("tc", "-n", namespace.name(), "-force", "-batch", "-"), removal.toString());
            }
            final StringBuilder ifbs = new StringBuilder();
            for (final int port : after.policedPorts())
            {
                if (policerDevices[device].add(port))
                {
                    ifbs.append("link add ").append(LinuxNames.policer(port)).append(" type ifb\n")
                        .append("link set ").append(LinuxNames.policer(port)).append(" up\n");
                }
            }
            if (!ifbs.isEmpty())
            {
                Commands.run(List.of("ip", "-n", namespace.name(), "-batch", "-"), ifbs.toString());
            }
            final StringBuilder batch = new StringBuilder();
            after.tcBatch().forEach(line -> batch.append(line).append('\n'));
            if (!batch.isEmpty())
            {
                Commands.run(List.of("tc", "-n", namespace.name(), "-batch", "-"), batch.toString());
            }
        }
        if (nftChanged)
        {
            namespace.execWithInput(after.nftScript(), "nft", "-f", "-");
        }
    }

    private boolean[][] portsEnabled(final DeviceConfig[] candidate)
    {
        final boolean[][] enabled = new boolean[candidate.length][];
        for (int device = 0; device < candidate.length; device++)
        {
            final List<String> ports = topology.devices().get(device).ports();
            enabled[device] = new boolean[ports.size()];
            for (int port = 0; port < ports.size(); port++)
            {
                enabled[device][port] = candidate[device].interfaceConfig(ports.get(port)).enabled();
            }
        }
        return enabled;
    }

    private void readCounts(final int device, final long[] counts)
    {
        final NetworkNamespace namespace = devices.get(device);
        KernelDropCounters.addTo(
            namespace.exec("nft", "list", "table", "ip", LinuxNames.TABLE),
            namespace.exec("tc", "-s", "qdisc", "show"),
            counts);
    }

    private long[] totalCounts()
    {
        final long[] counts = new long[DropReason.values().length];
        for (int device = 0; device < devices.size(); device++)
        {
            readCounts(device, counts);
            for (int reason = 0; reason < counts.length; reason++)
            {
                counts[reason] += retiredCounts[device][reason];
            }
        }
        return counts;
    }

    private void send(final Pending pending)
    {
        final int length = FrameWriter.writeVxlan(pending.packet, pending.deviceIndex + 1, sendView, 0);
        final int ipOffset = VxlanHeader.LENGTH + EthernetFlyweight.HEADER_LENGTH;
        sendView.putShort(ipOffset + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)DONT_FRAGMENT, BIG_ENDIAN);
        sendView.putShort(ipOffset + Ipv4Flyweight.CHECKSUM_OFFSET, (short)0);
        sendView.putShort(ipOffset + Ipv4Flyweight.CHECKSUM_OFFSET,
            (short)InternetChecksum.checksum(sendView, ipOffset, Ipv4Flyweight.MIN_HEADER_LENGTH, 0), BIG_ENDIAN);
        sendBuffer.clear().limit(length);
        pending.key = packetKey.of(pending.packet);
        pending.sentAtWallNs = System.nanoTime();
        try
        {
            channel.send(sendBuffer, ingressEndpoint);
        }
        catch (final IOException ex)
        {
            socketErrorCount++;
        }
        sentCount++;
        pending.sameKey = inFlightByKey.put(pending.key, pending);
        inFlight.add(pending);
    }

    private int receive()
    {
        int received = 0;
        while (true)
        {
            receiveBuffer.clear();
            final Object from;
            try
            {
                from = channel.receive(receiveBuffer);
            }
            catch (final IOException ex)
            {
                socketErrorCount++;
                return received;
            }
            if (null == from)
            {
                return received;
            }
            onDatagram(receiveBuffer.position());
            received++;
        }
    }

    private void onDatagram(final int length)
    {
        vxlan.wrap(receiveView, 0);
        final int device = vxlan.vni() - 1;
        if (length <= VxlanHeader.LENGTH || device < 0 || device >= configs.length ||
            DecodeResult.IPV4 != decoder.decode(receiveView, VxlanHeader.LENGTH, length - VxlanHeader.LENGTH,
                this.received))
        {
            unmatchedCount++;
            return;
        }
        final Pending pending = takeInFlight(packetKey.of(this.received));
        if (null == pending)
        {
            unmatchedCount++;
            return;
        }
        deliveredCount++;
        this.received.token = pending.packet.token;
        this.received.flowHash = pending.packet.flowHash;
        final long deliveredAtNs = pending.timeNs + (System.nanoTime() - pending.sentAtWallNs);
        listener.onDelivered(this.received, device, pending.timeNs, deliveredAtNs);
    }

    private Pending takeInFlight(final long key)
    {
        final Pending first = inFlightByKey.get(key);
        if (null == first)
        {
            return null;
        }
        Pending oldest = first;
        Pending newer = null;
        while (null != oldest.sameKey)
        {
            newer = oldest;
            oldest = oldest.sameKey;
        }
        if (null == newer)
        {
            inFlightByKey.remove(key);
        }
        else
        {
            newer.sameKey = null;
        }
        oldest.key = 0;
        oldest.sentAtWallNs = Long.MIN_VALUE;
        return oldest;
    }

    private int expire()
    {
        final long nowNs = System.nanoTime();
        while (!inFlight.isEmpty() && Long.MIN_VALUE == inFlight.peekFirst().sentAtWallNs)
        {
            inFlight.pollFirst();
        }
        if (inFlight.isEmpty() || nowNs - inFlight.peekFirst().sentAtWallNs < fateTimeoutNs)
        {
            return 0;
        }
        final List<Pending> lost = new ArrayList<>();
        while (!inFlight.isEmpty() && (Long.MIN_VALUE == inFlight.peekFirst().sentAtWallNs ||
            nowNs - inFlight.peekFirst().sentAtWallNs >= fateTimeoutNs))
        {
            final Pending pending = inFlight.pollFirst();
            if (Long.MIN_VALUE != pending.sentAtWallNs)
            {
                takeInFlight(pending.key);
                lost.add(pending);
            }
        }
        final long[][] unexplained = unattributedCounts();
        for (final Pending pending : lost)
        {
            reportLost(pending, unexplained);
        }
        return lost.size();
    }

    private long[][] unattributedCounts()
    {
        final long[][] byDevice = new long[configs.length][DropReason.values().length];
        synchronized (this)
        {
            for (int device = 0; device < configs.length; device++)
            {
                readCounts(device, byDevice[device]);
                for (int reason = 0; reason < byDevice[device].length; reason++)
                {
                    byDevice[device][reason] += retiredCounts[device][reason];
                }
            }
        }
        final long[] total = new long[DropReason.values().length];
        for (final long[] counts : byDevice)
        {
            for (int reason = 0; reason < counts.length; reason++)
            {
                total[reason] += counts[reason];
            }
        }
        for (int reason = 0; reason < total.length; reason++)
        {
            long alreadyAttributed = attributedCounts[reason];
            for (final long[] counts : byDevice)
            {
                final long taken = Math.min(alreadyAttributed, counts[reason]);
                counts[reason] -= taken;
                alreadyAttributed -= taken;
            }
        }
        return byDevice;
    }

    private void reportLost(final Pending pending, final long[][] unexplained)
    {
        for (int device = 0; device < unexplained.length; device++)
        {
            for (final DropReason reason : DropReason.values())
            {
                if (unexplained[device][reason.ordinal()] > 0)
                {
                    unexplained[device][reason.ordinal()]--;
                    attributedCounts[reason.ordinal()]++;
                    listener.onDropped(pending.packet, device, reason, pending.timeNs, pending.timeNs + fateTimeoutNs);
                    return;
                }
            }
        }
        attributedCounts[DropReason.QUEUE_FULL.ordinal()]++;
        listener.onDropped(pending.packet, pending.deviceIndex, DropReason.QUEUE_FULL, pending.timeNs,
            pending.timeNs + fateTimeoutNs);
    }

    private Object localAddress()
    {
        try
        {
            return channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException("cannot read the fabric's UDP socket address: " + ex.getMessage(), ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer>[] newPortSets(final int deviceCount)
    {
        final Set<Integer>[] sets = new Set[deviceCount];
        for (int device = 0; device < deviceCount; device++)
        {
            sets[device] = new HashSet<>();
        }
        return sets;
    }

    private static String macText(final long mac)
    {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (mac >>> 40) & 0xFF, (mac >>> 32) & 0xFF,
            (mac >>> 24) & 0xFF, (mac >>> 16) & 0xFF, (mac >>> 8) & 0xFF, mac & 0xFF);
    }
}
