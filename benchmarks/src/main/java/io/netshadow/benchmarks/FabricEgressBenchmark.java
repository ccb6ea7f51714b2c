package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueue;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packets per second that {@link EmulatedFabric} forwards across four devices in a line, host to access-a, core-a,
 * core-b, access-b to host, by the kind of egress its three link ports have: a plain FIFO, two DSCP class queues
 * under strict priority, or the class queues behind a token-bucket shaper. One operation injects one packet, its
 * DSCP alternating between 46 and 0, and advances fabric time by the gap between packets. Links, queues and shapers
 * are sized so nothing waits long and nothing is dropped, which the trial checks at its end: the figure is the cost
 * of the egress model, not of congestion.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class FabricEgressBenchmark
{
    private static final long LINK_CAPACITY_BPS = 100_000_000_000L;
    private static final long LINK_LATENCY_NS = 10_000;
    private static final long LINK_QUEUE_BYTES = 1_000_000;
    private static final long SHAPER_RATE_BPS = 50_000_000_000L;
    private static final long SHAPER_BURST_BYTES = 1_000_000;
    private static final int PACKET_LENGTH_BYTES = 1000;
    private static final long PACKET_GAP_NS = 1000;
    private static final int EXPEDITED_DSCP = 46;

    /** The egress of every link port: fifo, classes (two class queues) or shaped (class queues and a shaper). */
    @Param({"fifo", "classes", "shaped"})
    public String egress;

    private final FabricPacket packet = new FabricPacket();
    private final Fates fates = new Fates();
    private EmulatedFabric fabric;
    private int ingressDevice;
    private long injectedCount;
    private long timeNs;

    /**
     * Builds the fabric and configures the link ports' egress.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final FabricTopology topology = FabricTopology.builder()
            .device("access-a", List.of("10.1.0.0/16"))
            .device("core-a", List.of())
            .device("core-b", List.of())
            .device("access-b", List.of("10.4.0.0/16"))
            .link("access-a", "up", "core-a", "down", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .link("core-a", "across", "core-b", "across", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .link("core-b", "down", "access-b", "up", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .build();
        fabric = new EmulatedFabric(topology, 1.0, fates, null);
        ingressDevice = topology.deviceIndex("access-a");
        fabric.applyConfig(ingressDevice, egressConfig("up"));
        fabric.applyConfig(topology.deviceIndex("core-a"), egressConfig("across"));
        fabric.applyConfig(topology.deviceIndex("core-b"), egressConfig("down"));

        packet.srcIp = Ipv4Prefix.parseAddress("10.1.0.5");
        packet.dstIp = Ipv4Prefix.parseAddress("10.4.0.9");
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 5004;
        packet.lengthBytes = PACKET_LENGTH_BYTES;
        packet.ttl = 64;
    }

    /**
     * Injects one packet and forwards everything due by its injection time.
     *
     * @return the events processed.
     */
    @Benchmark
    public int injectAndAdvance()
    {
        timeNs += PACKET_GAP_NS;
        packet.dscp = 0 == (injectedCount & 1) ? EXPEDITED_DSCP : 0;
        packet.seq = (int)injectedCount;
        injectedCount++;
        fabric.inject(packet, ingressDevice, 0, timeNs);
        return fabric.advanceTo(timeNs);
    }

    /**
     * Drains the fabric and fails the trial if any packet was dropped.
     */
    @TearDown(Level.Trial)
    public void checkNothingDropped()
    {
        fabric.advanceTo(timeNs + PACKET_GAP_NS + 1_000 * LINK_LATENCY_NS);
        if (fates.droppedCount != 0 || fates.deliveredCount != injectedCount)
        {
            throw new IllegalStateException("injected " + injectedCount + ", delivered " + fates.deliveredCount +
                ", dropped " + fates.droppedCount + " (last reason " + fates.lastDropReason + ")");
        }
        fabric.close();
    }

    private DeviceConfig egressConfig(final String port)
    {
        if ("fifo".equals(egress))
        {
            return DeviceConfig.empty();
        }
        final DeviceConfig classes = DeviceConfig.empty().withEgressQueues(EgressQueues.of(port,
            new EgressQueue("expedited", DscpSet.of(EXPEDITED_DSCP), LINK_QUEUE_BYTES),
            new EgressQueue("rest", DscpSet.NONE, LINK_QUEUE_BYTES)));
        if ("classes".equals(egress))
        {
            return classes;
        }
        if ("shaped".equals(egress))
        {
            return classes.withEgressShaper(new Shaper(port, SHAPER_RATE_BPS, SHAPER_BURST_BYTES));
        }
        throw new IllegalArgumentException("egress must be fifo, classes or shaped: " + egress);
    }

    /**
     * Counts fates without allocating.
     */
    private static final class Fates implements FateListener
    {
        private long deliveredCount;
        private long droppedCount;
        private DropReason lastDropReason;

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            deliveredCount++;
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
            droppedCount++;
            lastDropReason = reason;
        }
    }
}
