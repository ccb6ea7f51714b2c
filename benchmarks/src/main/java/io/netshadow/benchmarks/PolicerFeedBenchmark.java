package io.netshadow.benchmarks;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileGenerator;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PolicerFeed;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What feeding the shadow's policers costs the replay per live packet it does not replay: {@link PolicerFeed} on a
 * generated campus of 200 devices and its shadow of a quarter of them, the live packets of 4096 flows between random
 * host subnets, whose crossings are known after their first packet (the steady state). With {@code policed}, every
 * link port of one of the shadow's cores carries a policer that drops nothing, so the flows crossing that core are
 * fed to it and the fabric processes their background arrivals; without, the feed finds no policer and returns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicerFeedBenchmark
{
    private static final int FLOWS = 4096;
    private static final long GAP_NS = 1_000;

    /** Whether a shadow core polices its link ports. */
    @Param({"false", "true"})
    public boolean policed;

    private final int[] origins = new int[FLOWS];
    private final int[] sources = new int[FLOWS];
    private final int[] destinations = new int[FLOWS];
    private final FabricPacket packet = new FabricPacket();
    private EmulatedFabric shadow;
    private PolicerFeed feed;
    private long timeNs;
    private int next;

    /**
     * Plans the shadow, builds the fabric and the feed, and draws the flows.
     *
     * @throws Exception when the generated campus cannot be planned.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final NetworkProfile campus = ProfileGenerator.generate(200, 1);
        final ShadowPlan plan = new ShadowPlanner(campus).plan(new ShadowBudget.Share(0.25), 1);
        final FabricTopology topology = plan.topology();
        shadow = new EmulatedFabric(topology, plan.scale().trafficSamplingRatio(), new FateCounter(), null,
            EmulatedFabric.DEFAULT_EVENT_CAPACITY, true);
        if (policed)
        {
            final NetworkProfile.Device core = plan.devices().stream()
                .filter(device -> DeviceRole.CORE == device.role()).findFirst().orElseThrow();
            final int index = topology.deviceIndex(core.name());
            DeviceConfig config = DeviceConfig.empty();
            for (final String port : topology.devices().get(index).ports())
            {
                config = config.withIngressPolicer(new Policer(port, 400_000_000_000L, 100_000_000));
            }
            shadow.applyConfig(index, config);
        }
        final FabricTopology live = campus.topology();
        feed = new PolicerFeed(live, shadow, new DataPlaneCounters().counter("replay.policer_background"));
        final List<NetworkProfile.Device> hosts =
            campus.devices().stream().filter(device -> !device.hostSubnets().isEmpty()).toList();
        final SplittableRandom random = new SplittableRandom(1);
        for (int flow = 0; flow < FLOWS; flow++)
        {
            final NetworkProfile.Device from = hosts.get(random.nextInt(hosts.size()));
            final NetworkProfile.Device to = hosts.get(random.nextInt(hosts.size()));
            origins[flow] = live.deviceIndex(from.name());
            sources[flow] = Ipv4Prefix.parse(from.hostSubnets().getFirst()).address() + 1 + random.nextInt(200);
            destinations[flow] = Ipv4Prefix.parse(to.hostSubnets().getFirst()).address() + 1 + random.nextInt(200);
        }
        packet.protocol = 17;
        packet.dstPort = 443;
        packet.lengthBytes = 1000;
        packet.ttl = 64;
    }

    /**
     * Closes the fabric.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        shadow.close();
    }

    /**
     * Feeds one live packet and advances the shadow past it.
     *
     * @return the events the shadow processed.
     */
    @Benchmark
    public int feedOnePacket()
    {
        final int flow = next;
        next = (next + 1) & (FLOWS - 1);
        packet.srcIp = sources[flow];
        packet.dstIp = destinations[flow];
        packet.srcPort = 20_000 + flow;
        packet.flowHash = flow * 0x9E37_79B9_7F4A_7C15L;
        timeNs += GAP_NS;
        feed.onLivePacket(packet, origins[flow], timeNs);
        return shadow.advanceTo(timeNs);
    }
}
