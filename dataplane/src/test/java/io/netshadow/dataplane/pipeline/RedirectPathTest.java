package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricFixtures;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.DecodeResult;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectPathTest
{
    private static final long DELAY_NS = 1_000;
    private static final int REDIRECT = 0;
    private static final int MIRROR = 1;
    private static final int REDIRECT_OUTSIDE = 2;
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(200, "edge1", "hosts", Direction.REDIRECT),
        new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
        new MirrorSession(201, "ghost", "hosts", Direction.REDIRECT));

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(0);
    private final RingBuffer<PacketRef> ringB =
        RingBuffer.createSingleProducer(PacketRef::new, 1024, new BusySpinWaitStrategy());
    private final List<byte[]> returned = new ArrayList<>();
    private final FabricFixtures.Counter mirrorFates = new FabricFixtures.Counter();
    private final List<byte[]> sent = new ArrayList<>();
    private EmulatedFabric fabric;
    private RedirectPath path;
    private ReplayAgent agent;

    @Test
    void aRedirectedFlowCrossesTheShadowAndComesBackByteExact() throws Exception
    {
        build(1.0, 16);
        publish(REDIRECT, 10_000, 1);
        publish(REDIRECT, 10_500, 2);
        publish(REDIRECT, 11_000, 3);

        clock.set(12_000);
        agent.doWork();
        assertThat(returned).isEmpty();
        assertThat(path.inShadow()).isEqualTo(3);

        clock.set(1_000_000);
        agent.doWork();

        assertThat(returned).hasSize(3);
        for (int i = 0; i < 3; i++)
        {
            assertThat(returned.get(i)).isEqualTo(sent.get(i));
        }
        assertThat(path.inShadow()).isZero();
        assertThat(counters.value(RedirectGate.REDIRECTED)).isEqualTo(3);
        assertThat(counters.value(RedirectGate.FLOWS_ADMITTED)).isEqualTo(1);
        assertThat(counters.value(RedirectPath.RETURNED)).isEqualTo(3);
        assertThat(counters.value(ReplayAgent.INJECTED)).isZero();
        assertThat(mirrorFates.delivered).isZero();
    }

    @Test
    void aFlowTheGateKeepsLiveGoesStraightBackWithoutEnteringTheShadow() throws Exception
    {
        build(0.0, 16);
        publish(REDIRECT, 10_000, 1);
        publish(REDIRECT, 10_500, 2);

        clock.set(12_000);
        agent.doWork();

        assertThat(returned).hasSize(2);
        assertThat(returned.get(0)).isEqualTo(sent.get(0));
        assertThat(returned.get(1)).isEqualTo(sent.get(1));
        assertThat(fabric.injectedCount()).isZero();
        assertThat(counters.value(RedirectPath.KEPT_LIVE)).isEqualTo(2);
        assertThat(counters.value(RedirectPath.RETURNED)).isZero();
    }

    @Test
    void aPacketTheShadowDropsIsLostCountedAndItsSlotFreed() throws Exception
    {
        build(1.0, 16);
        fabric.applyConfig(fabric.topology().deviceIndex("edge1"), DeviceConfig.empty()
            .withAcl(Acl.of("deny-all", AclEntry.matchingAll("all", AclAction.DROP)))
            .withAclAttachment(AclAttachment.ingress("hosts", "deny-all")));
        publish(REDIRECT, 10_000, 1);

        clock.set(1_000_000);
        agent.doWork();

        assertThat(returned).isEmpty();
        assertThat(path.inShadow()).isZero();
        assertThat(counters.value(RedirectPath.DROPPED_IN_SHADOW)).isEqualTo(1);
        assertThat(mirrorFates.dropped).isZero();
    }

    @Test
    void packetsOutsideTheShadowOrNotIpv4GoStraightBack() throws Exception
    {
        build(1.0, 16);
        publish(REDIRECT_OUTSIDE, 10_000, 1);
        final FabricPacket v4 = TestPackets.udp(4242, 2);
        final long sequence = ringB.next();
        final PacketEvent event = TestPackets.fill(new PacketEvent(256), v4, REDIRECT, Direction.REDIRECT, 10_100);
        event.frame.putShort(12, (short)0x0806);
        event.decodeResult = DecodeResult.NOT_IP;
        sent.add(frameOf(event));
        ringB.get(sequence).event = event;
        ringB.publish(sequence);

        clock.set(1_000_000);
        agent.doWork();

        assertThat(returned).hasSize(2);
        assertThat(returned.get(1)).isEqualTo(sent.get(1));
        assertThat(counters.value(RedirectPath.KEPT_LIVE_OUTSIDE_SHADOW)).isEqualTo(1);
        assertThat(counters.value(RedirectPath.KEPT_LIVE_NOT_IPV4)).isEqualTo(1);
        assertThat(fabric.injectedCount()).isZero();
    }

    @Test
    void aFullFrameStoreKeepsTheFlowLiveInsteadOfDroppingIt() throws Exception
    {
        build(1.0, 1);
        publish(REDIRECT, 10_000, 1);
        publish(REDIRECT, 10_001, 2);

        clock.set(11_500);
        agent.doWork();
        assertThat(returned).hasSize(1);
        assertThat(returned.get(0)).isEqualTo(sent.get(1));

        clock.set(1_000_000);
        agent.doWork();
        assertThat(returned).hasSize(2);
        assertThat(returned.get(1)).isEqualTo(sent.get(0));
        assertThat(counters.value(RedirectPath.KEPT_LIVE_STORE_FULL)).isEqualTo(1);
    }

    @Test
    void mirrorCopiesReachTheShadowMeterAlongsideRedirectedPackets() throws Exception
    {
        build(1.0, 16);
        publish(REDIRECT, 10_000, 1);
        publish(MIRROR, 10_100, 2);

        clock.set(1_000_000);
        agent.doWork();

        assertThat(mirrorFates.delivered).isEqualTo(1);
        assertThat(returned).hasSize(1);
        assertThat(counters.value(ReplayAgent.INJECTED)).isEqualTo(1);
    }

    private void build(final double share, final int frameSlots)
    {
        final RedirectGate gate = new RedirectGate(RedirectGateConfig.defaults().withShares(share, 1.0), counters);
        path = new RedirectPath(gate, new RecordingSink(), mirrorFates, frameSlots, 256, counters);
        fabric = new EmulatedFabric(RecordingFabric.edgeTopology(), 1.0, path, null);
        agent = new ReplayAgent(
            ringB, fabric, SESSIONS, new FlowSampler(1.0), DELAY_NS, clock, timeNs -> { }, path, null, counters);
    }


    private void publish(final int session, final long timestampNs, final int seq)
    {
        final long sequence = ringB.next();
        final PacketEvent event = TestPackets.fill(
            new PacketEvent(256), TestPackets.udp(4242, seq), session, SESSIONS.get(session).direction(), timestampNs);
        sent.add(frameOf(event));
        ringB.get(sequence).event = event;
        ringB.publish(sequence);
    }

    private static byte[] frameOf(final PacketEvent event)
    {
        final byte[] frame = new byte[event.frameLength];
        event.frame.getBytes(0, frame);
        return Arrays.copyOf(frame, frame.length);
    }

    private final class RecordingSink implements FrameSink
    {
        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(offset, frame);
            returned.add(frame);
            return true;
        }

        @Override
        public void flush()
        {
        }
    }
}
