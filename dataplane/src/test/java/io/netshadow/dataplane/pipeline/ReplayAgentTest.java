package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.DecodeResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayAgentTest
{
    private static final long DELAY_NS = 1_000;
    private static final int INGRESS_HOSTS = 0;
    private static final int EGRESS_UPLINK = 1;
    private static final int UNKNOWN_DEVICE = 2;
    private static final int UNKNOWN_PORT = 3;
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
        new MirrorSession(101, "edge1", "uplink", Direction.EGRESS),
        new MirrorSession(102, "ghost", "hosts", Direction.INGRESS),
        new MirrorSession(103, "edge1", "nowhere", Direction.INGRESS));

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(0);
    private final RingBuffer<PacketRef> ringB =
        RingBuffer.createSingleProducer(PacketRef::new, 4096, new BusySpinWaitStrategy());
    private final List<Long> fabricTimes = new ArrayList<>();
    private final FabricTopology topology = RecordingFabric.edgeTopology();
    private final RecordingFabric fabric = new RecordingFabric(topology, null, Long.MAX_VALUE / 4, clock);

    @Test
    void injectsInTimestampOrderOnceEachAbsoluteDeadlineIsReached() throws Exception
    {
        final ReplayAgent agent = agent(1.0);
        publish(INGRESS_HOSTS, 10_000, 1);
        publish(INGRESS_HOSTS, 10_500, 2);
        publish(INGRESS_HOSTS, 12_000, 3);

        clock.set(10_999);
        agent.doWork();
        assertThat(fabric.injections()).isEmpty();

        clock.set(11_000);
        agent.doWork();
        assertThat(fabric.injections()).hasSize(1);

        clock.set(11_499);
        agent.doWork();
        assertThat(fabric.injections()).hasSize(1);

        clock.set(20_000);
        agent.doWork();

        final List<RecordingFabric.Injection> injections = fabric.injections();
        assertThat(injections).extracting(RecordingFabric.Injection::timeNs).containsExactly(10_000L, 10_500L, 12_000L);
        assertThat(injections).allSatisfy(injection -> assertThat(injection.clockNs())
            .isGreaterThanOrEqualTo(injection.timeNs() + DELAY_NS));
        assertThat(injections).extracting(injection -> injection.packet().seq).containsExactly(1, 2, 3);
        assertThat(injections).allSatisfy(injection ->
        {
            assertThat(injection.deviceIndex()).isEqualTo(topology.deviceIndex("edge1"));
            assertThat(injection.portIndex()).isEqualTo(topology.portIndex(0, "hosts"));
        });
        assertThat(fabric.timeWentBackwards()).isFalse();
        assertThat(counters.value(ReplayAgent.INJECTED)).isEqualTo(3);
    }

    @Test
    void advancesTheFabricAndTellsTheMeterEveryDutyCycle() throws Exception
    {
        final ReplayAgent agent = agent(1.0);
        clock.set(5_000);
        agent.doWork();
        clock.set(6_000);
        agent.doWork();

        assertThat(fabric.advances()).isEqualTo(2);
        assertThat(fabric.lastTimeNs()).isEqualTo(6_000 - DELAY_NS);
        assertThat(fabricTimes).containsExactly(5_000 - DELAY_NS, 6_000 - DELAY_NS);
    }

    @Test
    void samplesWholeFlowsInBothDirections() throws Exception
    {
        final ReplayAgent agent = agent(0.5);
        final Map<Long, List<Integer>> packetsByFlow = new HashMap<>();
        long ts = 1_000;
        for (int flow = 0; flow < 200; flow++)
        {
            for (int packet = 0; packet < 4; packet++)
            {
                final FabricPacket forward = TestPackets.udp(10_000 + flow, packet);
                final FabricPacket reverse = TestPackets.udp(10_000 + flow, packet + 100);
                reverse.srcIp = forward.dstIp;
                reverse.dstIp = forward.srcIp;
                reverse.srcPort = forward.dstPort;
                reverse.dstPort = forward.srcPort;
                publish(INGRESS_HOSTS, ts++, forward);
                publish(INGRESS_HOSTS, ts++, reverse);
            }
        }
        clock.set(ts + DELAY_NS);
        agent.doWork();

        for (final RecordingFabric.Injection injection : fabric.injections())
        {
            packetsByFlow.computeIfAbsent(injection.packet().flowHash, hash -> new ArrayList<>())
                .add(injection.packet().seq);
        }
        assertThat(packetsByFlow).allSatisfy((flowHash, seqs) -> assertThat(seqs).hasSize(8));
        assertThat(packetsByFlow.size()).isBetween(60, 140);
        assertThat(counters.value(ReplayAgent.INJECTED) + counters.value(ReplayAgent.SAMPLED_OUT)).isEqualTo(1600);
    }

    @Test
    void countsWhatItDoesNotReplayByReason() throws Exception
    {
        final ReplayAgent agent = agent(1.0);
        publish(EGRESS_UPLINK, 1_000, 1);
        publish(UNKNOWN_DEVICE, 1_001, 2);
        publish(UNKNOWN_PORT, 1_002, 3);
        final long sequence = ringB.next();
        final PacketEvent notIp = new PacketEvent(256);
        notIp.timestampNs = 1_003;
        notIp.sessionIndex = INGRESS_HOSTS;
        ringB.get(sequence).event = notIp;
        ringB.publish(sequence);
        final long ipv6Sequence = ringB.next();
        final PacketEvent ipv6 = new PacketEvent(256);
        ipv6.timestampNs = 1_003;
        ipv6.sessionIndex = INGRESS_HOSTS;
        ipv6.decodeResult = DecodeResult.IPV6;
        ringB.get(ipv6Sequence).event = ipv6;
        ringB.publish(ipv6Sequence);
        publish(INGRESS_HOSTS, 1_004, 4);

        clock.set(1_004 + DELAY_NS);
        agent.doWork();

        assertThat(fabric.injections()).extracting(injection -> injection.packet().seq).containsExactly(4);
        assertThat(counters.value(ReplayAgent.OUTSIDE_SHADOW)).isEqualTo(2);
        assertThat(counters.value(ReplayAgent.NOT_IPV4)).isEqualTo(1);
        assertThat(counters.value(ReplayAgent.IPV6_SKIPPED)).isEqualTo(1);
        assertThat(counters.value(ReplayAgent.SAMPLED_OUT)).isZero();
    }

    @Test
    void packetsToDestinationsOutsideTheShadowAreCountedNotInjected() throws Exception
    {
        final ReplayAgent agent = agent(1.0);
        final FabricPacket toUnsampledSubnet = TestPackets.udp(4242, 1);
        toUnsampledSubnet.dstIp = 0x0A09_0001;
        publish(INGRESS_HOSTS, 1_000, toUnsampledSubnet);
        publish(INGRESS_HOSTS, 1_001, 2);

        clock.set(1_001 + DELAY_NS);
        agent.doWork();

        assertThat(fabric.injections()).extracting(injection -> injection.packet().seq).containsExactly(2);
        assertThat(counters.value(ReplayAgent.DESTINATION_OUTSIDE_SHADOW)).isEqualTo(1);
    }

    @Test
    void aPacketBehindFabricTimeIsInjectedNowAndCounted() throws Exception
    {
        final ReplayAgent agent = agent(1.0);
        clock.set(10_000);
        agent.doWork();
        publish(INGRESS_HOSTS, 2_000, 1);
        clock.set(10_100);
        agent.doWork();

        assertThat(fabric.injections()).extracting(RecordingFabric.Injection::timeNs)
            .containsExactly(10_000 - DELAY_NS);
        assertThat(counters.value(ReplayAgent.BEHIND_SCHEDULE)).isEqualTo(1);
        assertThat(fabric.timeWentBackwards()).isFalse();
    }

    private ReplayAgent agent(final double share)
    {
        return new ReplayAgent(
            ringB, fabric, SESSIONS, new FlowSampler(share), DELAY_NS, clock, fabricTimes::add, null, null, counters);
    }

    private void publish(final int session, final long timestampNs, final int seq)
    {
        publish(session, timestampNs, TestPackets.udp(4242, seq));
    }

    private void publish(final int session, final long timestampNs, final FabricPacket packet)
    {
        final long sequence = ringB.next();
        ringB.get(sequence).event = TestPackets.fill(
            new PacketEvent(256), packet, session, SESSIONS.get(session).direction(), timestampNs);
        ringB.publish(sequence);
    }
}
