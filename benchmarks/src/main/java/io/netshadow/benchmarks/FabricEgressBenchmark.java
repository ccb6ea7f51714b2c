package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueue;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.fabric.EmulatedFabric;
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
    private static final long SHAPER_RATE_BPS = 50_000_000_000L;
    private static final long SHAPER_BURST_BYTES = 1_000_000;
    private static final int EXPEDITED_DSCP = 46;

    /** The egress of every link port: fifo, classes (two class queues) or shaped (class queues and a shaper). */
    @Param({"fifo", "classes", "shaped"})
    public String egress;

    private FabricLine line;

    /**
     * Builds the fabric and configures the link ports' egress.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        line = new FabricLine();
        line.configure("access-a", egressConfig("up"));
        line.configure("core-a", egressConfig("across"));
        line.configure("core-b", egressConfig("down"));
        line.packet().protocol = 17;
        line.packet().srcPort = 40_000;
        line.packet().dstPort = 5004;
    }

    /**
     * Injects one packet and forwards everything due by its injection time.
     *
     * @return the events processed.
     */
    @Benchmark
    public int injectAndAdvance()
    {
        line.packet().dscp = 0 == (line.injectedCount() & 1) ? EXPEDITED_DSCP : 0;
        return line.injectAndAdvance();
    }

    /**
     * Drains the fabric and fails the trial if any packet was dropped.
     */
    @TearDown(Level.Trial)
    public void checkNothingDropped()
    {
        line.drainCheckingNothingDropped();
    }

    private DeviceConfig egressConfig(final String port)
    {
        if ("fifo".equals(egress))
        {
            return DeviceConfig.empty();
        }
        final DeviceConfig classes = DeviceConfig.empty().withEgressQueues(EgressQueues.of(port,
            new EgressQueue("expedited", DscpSet.of(EXPEDITED_DSCP), FabricLine.LINK_QUEUE_BYTES),
            new EgressQueue("rest", DscpSet.NONE, FabricLine.LINK_QUEUE_BYTES)));
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
}
