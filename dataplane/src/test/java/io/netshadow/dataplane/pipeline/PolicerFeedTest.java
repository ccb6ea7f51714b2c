package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricFixtures;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicerFeedTest
{
    private static final long MS = 1_000_000L;
    private static final long GBPS = 1_000_000_000L;
    private static final int FROM_A = 0;
    private static final int FROM_B = 1;
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(100, "a", "hosts", Direction.INGRESS),
        new MirrorSession(200, "b", "hosts", Direction.INGRESS));

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(0);
    private final RingBuffer<PacketRef> ringB =
        RingBuffer.createSingleProducer(PacketRef::new, 1024, new BusySpinWaitStrategy());
    private final FabricTopology live = FabricTopology.builder()
        .device("a", List.of("10.1.0.0/16"))
        .device("b", List.of("10.2.0.0/16"))
        .device("c", List.of("10.3.0.0/16"))
        .link("a", "eth1", "b", "eth1", GBPS, MS, 100_000)
        .link("b", "eth2", "c", "eth1", GBPS, MS, 100_000)
        .build();
    private final FabricTopology shadowTopology = FabricTopology.builder()
        .device("b", List.of("10.2.0.0/16"))
        .device("c", List.of("10.3.0.0/16"))
        .link("b", "eth2", "c", "eth1", GBPS, MS, 100_000)
        .build();
    private final EmulatedFabric shadow = new EmulatedFabric(
        shadowTopology, 1.0, new FabricFixtures.Counter(), null, EmulatedFabric.DEFAULT_EVENT_CAPACITY, true);

    @Test
    void aLivePacketFromOutsideTheShadowFeedsThePolicerOnThePortItsPathEntersAndIsNotReplayed() throws Exception
    {
        shadow.applyConfig(1, DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 8_000_000, 15_000)));
        final ReplayAgent agent = agent();

        publish(FROM_A, 1_000, packet("10.1.0.5", "10.3.0.9", 1));
        publish(FROM_A, 2_000, packet("10.1.0.5", "10.2.0.9", 2));
        publish(FROM_B, 3_000, packet("10.2.0.5", "10.3.0.9", 3));
        clock.set(10 * MS);
        agent.doWork();
        clock.set(20 * MS);
        agent.doWork();

        assertThat(shadow.backgroundCount()).isEqualTo(1);
        assertThat(counters.value(DataPlane.POLICER_BACKGROUND)).isEqualTo(1);
        assertThat(shadow.injectedCount()).isEqualTo(1);
        assertThat(counters.value(ReplayAgent.OUTSIDE_SHADOW)).isEqualTo(2);
    }

    @Test
    void withoutAPolicerNothingIsFedAndRemovingTheOnlyPolicerStopsTheFeed() throws Exception
    {
        final ReplayAgent agent = agent();
        publish(FROM_A, 1_000, packet("10.1.0.5", "10.3.0.9", 1));
        clock.set(10 * MS);
        agent.doWork();
        assertThat(shadow.backgroundCount()).isZero();

        shadow.applyConfig(1, DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 8_000_000, 15_000)));
        publish(FROM_A, 11 * MS, packet("10.1.0.5", "10.3.0.9", 2));
        clock.set(20 * MS);
        agent.doWork();
        shadow.applyConfig(1, DeviceConfig.empty());
        publish(FROM_A, 21 * MS, packet("10.1.0.5", "10.3.0.9", 3));
        clock.set(30 * MS);
        agent.doWork();

        assertThat(shadow.backgroundCount()).isEqualTo(1);
        assertThat(shadow.dropCount(DropReason.POLICER)).isZero();
    }

    private ReplayAgent agent()
    {
        final PolicerFeed feed = new PolicerFeed(live, shadow, counters.counter(DataPlane.POLICER_BACKGROUND));
        return new ReplayAgent(ringB, shadow, SESSIONS, new FlowSampler(1.0), 1_000, clock, fabricTime -> { },
            null, feed, counters);
    }

    private static FabricPacket packet(final String src, final String dst, final int seq)
    {
        final FabricPacket packet = TestPackets.udp(40_000 + seq, seq);
        packet.srcIp = Ipv4Prefix.parseAddress(src);
        packet.dstIp = Ipv4Prefix.parseAddress(dst);
        return packet;
    }

    private void publish(final int session, final long timestampNs, final FabricPacket packet)
    {
        final long sequence = ringB.next();
        ringB.get(sequence).event = TestPackets.fill(
            new PacketEvent(256), packet, session, SESSIONS.get(session).direction(), timestampNs);
        ringB.publish(sequence);
    }
}
