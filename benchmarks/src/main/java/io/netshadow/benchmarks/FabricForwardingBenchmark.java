package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packets per second that {@link EmulatedFabric} forwards across four devices in a line, host to
 * access-a, core-a, core-b, access-b to host, with an ingress ACL and a policer on access-a's host port. One operation
 * injects one TCP packet and advances fabric time by the gap between packets, processing every event then due:
 * in steady state one packet's four arrivals. The ACL's rules all match the packet's source, protocol and source
 * port and differ in destination port, so each packet is checked against every rule and then accepted by default;
 * links and policer are sized so nothing is dropped, which the trial checks at its end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class FabricForwardingBenchmark
{
    private static final long POLICER_RATE_BPS = 50_000_000_000L;
    private static final long POLICER_BURST_BYTES = 1_000_000;
    private static final int FIRST_SOURCE_PORT = 40_000;
    private static final int SOURCE_PORT_MASK = 1023;
    private static final int FIRST_DENIED_DESTINATION_PORT = 1024;

    /** Entries in the ACL on access-a's host port; 0 attaches none. */
    @Param({"0", "10", "100"})
    public int aclRules;

    private FabricLine line;

    /**
     * Builds the fabric and configures access-a.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        line = new FabricLine();
        line.configure("access-a", accessConfig(aclRules));
        line.packet().protocol = AclEntry.TCP;
        line.packet().dstPort = 443;
    }

    /**
     * Injects one packet and forwards everything due by its injection time.
     *
     * @return the events processed.
     */
    @Benchmark
    public int injectAndAdvance()
    {
        line.packet().srcPort = FIRST_SOURCE_PORT + (int)(line.injectedCount() & SOURCE_PORT_MASK);
        return line.injectAndAdvance();
    }

    /**
     * Drains the fabric and fails the trial if any packet was dropped, since the figure would then not be
     * forwarding alone.
     */
    @TearDown(Level.Trial)
    public void checkNothingDropped()
    {
        line.drainCheckingNothingDropped();
    }

    private static DeviceConfig accessConfig(final int aclRules)
    {
        final DeviceConfig policed = DeviceConfig.empty().withIngressPolicer(
            new Policer(FabricTopology.HOST_PORT, POLICER_RATE_BPS, POLICER_BURST_BYTES));
        if (0 == aclRules)
        {
            return policed;
        }
        final List<AclEntry> entries = new ArrayList<>(aclRules);
        for (int rule = 0; rule < aclRules; rule++)
        {
            entries.add(AclEntry.matchingAll("deny-" + rule, AclAction.DROP)
                .withSourceNetwork(Ipv4Prefix.parse("10.1.0.0/16"))
                .withProtocol(AclEntry.TCP)
                .withSourcePorts(PortMatch.range(FIRST_SOURCE_PORT, FIRST_SOURCE_PORT + SOURCE_PORT_MASK))
                .withDestinationPorts(PortMatch.equalTo(FIRST_DENIED_DESTINATION_PORT + rule)));
        }
        return policed
            .withAcl(new Acl("hosts-in", entries))
            .withAclAttachment(AclAttachment.ingress(FabricTopology.HOST_PORT, "hosts-in"));
    }
}
