package io.netshadow.controlplane.lab;

import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.ingest.SourceKind;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The demo's stand-in for the live network: the whole profile emulated in this process, in real time, carrying
 * the traffic generator's flows, with the profile's mirror sessions sending copies of what crosses their ports to
 * the appliance: VXLAN and GENEVE over UDP, ERSPAN in GRE. Its devices are changed through {@link #fabric()}, as a live network's would be.
 */
public final class LabNetwork implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LabNetwork.class);
    private static final long TICK_NS = 200_000;

    private final EmulatedFabric fabric;
    private final TrafficGenerator generator;
    private final MirrorTap mirrorTap;
    private final EpochNanoClock clock;
    private final GroundTruth groundTruth = new GroundTruth();
    private final Thread thread;
    private volatile boolean running;

    /**
     * Builds the lab from a profile.
     *
     * @param profile         the network to emulate.
     * @param applianceIngest where the mirror sessions send their copies, by encapsulation; for ERSPAN, only the
     *                        address counts.
     * @param flowsPerSecond  mean rate of new flows.
     * @param seed            seed of the traffic.
     * @param clock           real time, ns since the epoch.
     * @throws IOException              when a mirror socket cannot be opened.
     * @throws IllegalArgumentException when the profile has a redirect session, which the lab cannot serve.
     * @throws IllegalStateException    when the profile has an ERSPAN mirror session and the raw GRE socket it is
     *                                  sent through cannot be opened, such as without CAP_NET_RAW.
     */
    public LabNetwork(
        final NetworkProfile profile,
        final Function<SourceKind, InetSocketAddress> applianceIngest,
        final double flowsPerSecond,
        final long seed,
        final EpochNanoClock clock) throws IOException
    {
        final FabricTopology topology = profile.topology();
        this.clock = clock;
        this.mirrorTap = new MirrorTap(topology, profile.mirrorSessions(), applianceIngest);
        this.fabric = new EmulatedFabric(topology, 1.0, groundTruth, mirrorTap);
        this.generator = new TrafficGenerator(edges(profile, topology), flowsPerSecond, seed, clock.nanoTime());
        this.thread = new Thread(this::run, "netshadow-lab");
        this.thread.setDaemon(true);
    }

    /**
     * The emulated live network, whose device configurations the live drivers change.
     *
     * @return the fabric.
     */
    public ShadowFabric fabric()
    {
        return fabric;
    }

    /**
     * Starts sending traffic in real time.
     */
    public void start()
    {
        running = true;
        thread.start();
    }

    /**
     * What really happened to the lab's packets: delivered and dropped counts, by reason.
     *
     * @return the counts so far.
     */
    public GroundTruth groundTruth()
    {
        return groundTruth;
    }

    /**
     * Mirror copies sent to the appliance so far.
     *
     * @return the count.
     */
    public long mirroredPackets()
    {
        return mirrorTap.sent();
    }

    /**
     * Packets the traffic generator has sent so far.
     *
     * @return the count.
     */
    public long generatedPackets()
    {
        return generator.packetsSent();
    }

    @Override
    public void close()
    {
        running = false;
        if (thread.isAlive())
        {
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        fabric.close();
        mirrorTap.close();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                final long nowNs = clock.nanoTime();
                generator.emitUntil(nowNs, (packet, device, timeNs) -> fabric.inject(packet, device, 0, timeNs));
                fabric.advanceTo(nowNs);
                LockSupport.parkNanos(TICK_NS);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("lab network stopped: {}", ex.toString(), ex);
        }
    }

    private static List<TrafficGenerator.Edge> edges(final NetworkProfile profile, final FabricTopology topology)
    {
        final List<TrafficGenerator.Edge> edges = new ArrayList<>();
        for (final NetworkProfile.Device device : profile.devices())
        {
            for (final String subnet : device.hostSubnets())
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
                edges.add(new TrafficGenerator.Edge(
                    topology.deviceIndex(device.name()),
                    prefix.address(),
                    (int)Math.min(1 << 16, 1L << (32 - prefix.prefixLength())),
                    device.trafficWeight() / device.hostSubnets().size()));
            }
        }
        return edges;
    }

    /**
     * The lab's own count of its packets' fates: the truth the appliance's live KPIs estimate from mirror copies.
     */
    public static final class GroundTruth implements FateListener
    {
        private final AtomicLong delivered = new AtomicLong();
        private final Map<DropReason, AtomicLong> dropped = new EnumMap<>(DropReason.class);

        GroundTruth()
        {
            for (final DropReason reason : DropReason.values())
            {
                dropped.put(reason, new AtomicLong());
            }
        }

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            delivered.lazySet(delivered.get() + 1);
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
            final AtomicLong counter = dropped.get(reason);
            counter.lazySet(counter.get() + 1);
        }

        /**
         * Packets delivered so far.
         *
         * @return the count.
         */
        public long delivered()
        {
            return delivered.get();
        }

        /**
         * Packets dropped so far for a reason.
         *
         * @param reason the reason.
         * @return the count.
         */
        public long dropped(final DropReason reason)
        {
            return dropped.get(reason).get();
        }

        /**
         * Packets dropped so far for any reason.
         *
         * @return the count.
         */
        public long droppedTotal()
        {
            return dropped.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }
}
