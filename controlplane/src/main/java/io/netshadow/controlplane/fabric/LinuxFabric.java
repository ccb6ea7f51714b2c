package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.PacketKey;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long PACKET_KEY_0 = 0x6e65_7473_6861_646fL;
    private static final long PACKET_KEY_1 = 0x776c_696e_7578_6662L;

    private final FabricTopology topology;
    private final LinuxNames names;
    private final KernelTopology kernel;
    private final KernelConfigs kernelConfigs;
    private final VxlanEdge edge;
    private final PacketsInFlight inFlight;
    private volatile boolean closed;

    private LinuxFabric(
        final FabricTopology topology, final double rateScale, final FateListener listener, final long fateTimeoutNs)
    {
        if (!(rateScale > 0 && rateScale <= 1))
        {
            throw new IllegalArgumentException("rate scale must be in (0, 1]: " + rateScale);
        }
        this.topology = Objects.requireNonNull(topology, "topology");
        this.names = new LinuxNames(ProcessHandle.current().pid(), INSTANCES.getAndIncrement() & 0xFFF);
        final LinkAddresses addresses = new LinkAddresses(topology);
        this.kernel = new KernelTopology(topology, names, addresses);
        this.kernelConfigs = new KernelConfigs(topology, addresses, rateScale, kernel);
        this.edge = new VxlanEdge(topology.devices().size(), new PacketDecoder(PACKET_KEY_0, PACKET_KEY_1));
        this.inFlight = new PacketsInFlight(Objects.requireNonNull(listener, "listener"), fateTimeoutNs, kernelConfigs,
            new PacketKey(PACKET_KEY_0, PACKET_KEY_1));
    }

    /**
     * Builds the fabric with every device on the empty configuration and a one-second fate timeout.
     *
     * @param topology  devices and links.
     * @param rateScale share of the live traffic the fabric carries, 0 &lt; s &lt;= 1; scales link capacities,
     *                  queues and policers as the emulated fabric does.
     * @param listener  receives every packet's fate.
     * @return the running fabric.
     * @throws LinuxFabricException when the process lacks a privilege (see {@link FabricPrivileges}), a tool is
     *                              missing or a command fails.
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
     * @throws LinuxFabricException when the process lacks a privilege (see {@link FabricPrivileges}), a tool is
     *                              missing or a command fails.
     */
    public static LinuxFabric start(
        final FabricTopology topology, final double rateScale, final FateListener listener, final long fateTimeoutNs)
    {
        FabricPrivileges.require("the Linux shadow fabric");
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
        return KernelTopology.removeStale();
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
        topology.checkPort(deviceIndex, portIndex);
        if (packet.lengthBytes <= 0 || packet.lengthBytes > VxlanEdge.MTU_BYTES)
        {
            throw new IllegalArgumentException("packet length must be in 1.." + VxlanEdge.MTU_BYTES + ": " +
                packet.lengthBytes);
        }
        inFlight.queue(packet, deviceIndex, timeNs);
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
        return inFlight.sendDue(timeNs, edge) + edge.receive(inFlight) + inFlight.expire();
    }

    /**
     * Packets sent and not yet delivered or dropped, and packets injected and not yet sent. Driving thread only.
     *
     * @return the count.
     */
    public int inFlightCount()
    {
        return inFlight.count();
    }

    /**
     * Sends and receives on the fabric's UDP socket that failed; a packet whose send failed is reported dropped at
     * its fate timeout. May be read from any thread.
     *
     * @return the count.
     */
    public long socketErrorCount()
    {
        return edge.socketErrorCount();
    }

    /**
     * Packets delivered out of a host port so far. May be read from any thread.
     *
     * @return the count.
     */
    public long deliveredCount()
    {
        return inFlight.deliveredCount();
    }

    /**
     * Packets sent into the fabric so far. May be read from any thread.
     *
     * @return the count.
     */
    public long sentCount()
    {
        return edge.sentCount();
    }

    /**
     * Datagrams received from the fabric that are no packet this fabric sent (or arrived after their fate was
     * reported). May be read from any thread.
     *
     * @return the count.
     */
    public long unmatchedCount()
    {
        return edge.unmatchedCount();
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
        kernelConfigs.apply(deviceIndex, config);
    }

    @Override
    public synchronized DeviceConfig config(final int deviceIndex)
    {
        return kernelConfigs.config(deviceIndex);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Read from the kernel's counters in every device namespace.
     */
    @Override
    public synchronized long dropCount(final DropReason reason)
    {
        long count = 0;
        for (final long[] counts : kernelConfigs.dropCountsByDevice())
        {
            count += counts[reason.ordinal()];
        }
        return count;
    }

    /**
     * Removes every namespace and interface this fabric made and closes its socket; safe to call twice.
     */
    @Override
    public synchronized void close()
    {
        closed = true;
        edge.close();
        kernel.close();
    }

    private void build()
    {
        edge.open(kernel.createNamespaces(), names);
        kernel.buildLinks();
        kernel.buildDevices();
        kernelConfigs.applyAll();
    }
}
