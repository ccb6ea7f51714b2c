package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueue;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Shaper;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.GBPS;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.SECOND;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmulatedFabricQosTest
{
    private static final long MBPS = 1_000_000;
    private static final int EF = 46;
    private static final int VOICE_SOURCE = Ipv4Prefix.parseAddress("10.1.0.46");
    private static final int LENGTH_BYTES = 1000;

    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();

    @Test
    void lowerPriorityClassIsTailDroppedFirstUnderCongestion()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(10 * MBPS, 100_000), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withEgressQueues(EgressQueues.of("eth1",
            new EgressQueue("voice", DscpSet.of(EF), 20_000),
            new EgressQueue("rest", DscpSet.NONE, 20_000))));

        offerTwoClasses(fabric, 6 * MBPS, 6 * MBPS, SECOND);

        final long voiceDropped = recorder.fates.stream()
            .filter(fate -> !fate.delivered() && VOICE_SOURCE == fate.srcIp()).count();
        final long restDropped = recorder.fates.stream()
            .filter(fate -> !fate.delivered() && VOICE_SOURCE != fate.srcIp()).count();
        final long restDelivered = recorder.fates.stream()
            .filter(fate -> fate.delivered() && VOICE_SOURCE != fate.srcIp()).count();
        assertThat(voiceDropped).isZero();
        assertThat(restDropped).isEqualTo(fabric.dropCount(A, DropReason.QUEUE_FULL)).isPositive();
        final double restShare = (10 - 6) * MBPS / 8.0 / LENGTH_BYTES;
        assertThat((double)restDelivered).isCloseTo(restShare, within(restShare * 0.03 + 20_000.0 / LENGTH_BYTES));
    }

    @Test
    void changingBetweenFifoAndClassQueuesMidBurstKeepsOnePacketOnTheWireAtATime()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(MBPS, 100_000), 1.0, recorder, null);
        final DeviceConfig classQueues = DeviceConfig.empty().withEgressQueues(EgressQueues.of("eth1",
            new EgressQueue("voice", DscpSet.of(EF), 20_000),
            new EgressQueue("rest", DscpSet.NONE, 20_000)));
        final FabricPacket rest = packet("10.1.0.5", "10.2.0.9", LENGTH_BYTES);
        final FabricPacket voice = packet("10.1.0.46", "10.2.0.9", LENGTH_BYTES);
        voice.dscp = EF;

        injectTimes(fabric, rest, 3, 0);
        fabric.applyConfig(A, classQueues);
        injectTimes(fabric, rest, 2, 1);
        injectTimes(fabric, voice, 2, 2);
        fabric.applyConfig(A, DeviceConfig.empty());
        injectTimes(fabric, rest, 2, 3);
        fabric.advanceTo(SECOND);

        final long serializationNs = LENGTH_BYTES * 8 * SECOND / MBPS;
        assertThat(recorder.fates).hasSize(9).allMatch(FabricFixtures.Fate::delivered);
        for (int i = 0; i < recorder.fates.size(); i++)
        {
            assertThat(recorder.fates.get(i).atNs()).isEqualTo((i + 1) * serializationNs + MS);
        }
        assertThat(recorder.fates.subList(3, 5)).allMatch(fate -> VOICE_SOURCE == fate.srcIp());
    }

    @Test
    void shaperDeliversItsRateWithinOneBucketAndDelaysRatherThanDrops()
    {
        final long rateBps = 10 * MBPS;
        final long burstBytes = 15_000;
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 10_000_000), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withEgressShaper(new Shaper("eth1", rateBps, burstBytes)));
        final long windowNs = 2 * SECOND;

        offerTwoClasses(fabric, 20 * MBPS, 0, windowNs);

        final long deliveredInWindowBytes = LENGTH_BYTES * recorder.fates.stream()
            .filter(fate -> fate.delivered() && fate.atNs() <= windowNs).count();
        final double shapedBytes = rateBps / 8.0 * windowNs / SECOND;
        final double pathDelayBytes = rateBps / 8.0 * (MS + LENGTH_BYTES * 8 * SECOND / GBPS) / SECOND;
        assertThat((double)deliveredInWindowBytes)
            .isCloseTo(shapedBytes, within(burstBytes + LENGTH_BYTES + pathDelayBytes));
        assertThat(fabric.dropCount(DropReason.QUEUE_FULL)).isZero();
        assertThat(fabric.deliveredCount()).isEqualTo(fabric.injectedCount());
    }

    @Test
    void shaperQueueTailDropsWhatItCannotHold()
    {
        final long rateBps = 10 * MBPS;
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withEgressShaper(new Shaper("eth1", rateBps, 15_000)));

        offerTwoClasses(fabric, 20 * MBPS, 0, SECOND);

        final double expectedPackets = (rateBps / 8.0 + 15_000 + 100_000) / LENGTH_BYTES;
        assertThat((double)fabric.deliveredCount()).isCloseTo(expectedPackets, within(2.0));
        assertThat(fabric.dropCount(A, DropReason.QUEUE_FULL))
            .isEqualTo(fabric.injectedCount() - fabric.deliveredCount());
    }

    @Test
    void qosOfAnInterfaceOutsideTheFabricHasNoEffect()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withEgressShaper(new Shaper("eth7", MBPS, 1500)));
        fabric.applyConfig(B, DeviceConfig.empty().withEgressShaper(new Shaper(FabricTopology.HOST_PORT, MBPS, 1500))
            .withEgressQueues(EgressQueues.of(FabricTopology.HOST_PORT, new EgressQueue("all", DscpSet.NONE, 1))));

        offerTwoClasses(fabric, 20 * MBPS, 0, 10 * MS);

        assertThat(fabric.deliveredCount()).isEqualTo(fabric.injectedCount()).isEqualTo(25);
    }

    @Test
    void shapedClassQueuesAllocateNothingOnceThePoolIsLargeEnough()
    {
        final FabricFixtures.Counter counter = new FabricFixtures.Counter();
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 1_000_000), 1.0, counter, counter);
        fabric.applyConfig(A, DeviceConfig.empty()
            .withEgressShaper(new Shaper("eth1", 100 * MBPS, 1500))
            .withEgressQueues(EgressQueues.of("eth1",
                new EgressQueue("voice", DscpSet.of(EF), 20_000),
                new EgressQueue("rest", DscpSet.NONE, 20_000))));
        final FabricPacket packet = packet("10.1.0.5", "10.2.0.9", LENGTH_BYTES);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

        long timeNs = drivePairs(fabric, packet, drivePairs(fabric, packet, 0));
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        timeNs = drivePairs(fabric, packet, timeNs);
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(allocatedBytes).isZero();
        assertThat(timeNs).isPositive();
        assertThat(counter.delivered).isEqualTo(3 * 2 * 10_000);
        assertThat(fabric.eventPoolGrowthCount()).isZero();
    }

    /**
     * Injects pairs of packets, one per class, at once every 200 microseconds: 80 Mbit/s through a 100 Mbit/s shaper
     * whose bucket holds one and a half packets, so the second of each pair waits for the shaper.
     */
    private static long drivePairs(final EmulatedFabric fabric, final FabricPacket packet, final long startNs)
    {
        long timeNs = startNs;
        for (int i = 0; i < 10_000; i++)
        {
            packet.dscp = EF;
            fabric.inject(packet, A, HOSTS, timeNs);
            packet.dscp = 0;
            fabric.inject(packet, A, HOSTS, timeNs);
            timeNs += 200_000;
            fabric.advanceTo(timeNs);
        }
        timeNs += SECOND;
        fabric.advanceTo(timeNs);
        return timeNs;
    }

    private static void injectTimes(
        final EmulatedFabric fabric, final FabricPacket packet, final int count, final long timeNs)
    {
        for (int i = 0; i < count; i++)
        {
            fabric.inject(packet, A, HOSTS, timeNs);
        }
        fabric.advanceTo(timeNs);
    }

    /**
     * Offers voice (DSCP 46, source 10.1.0.46) and other traffic (DSCP 0) at constant rates, interleaved, then
     * drains the fabric.
     */
    private static void offerTwoClasses(
        final EmulatedFabric fabric, final long voiceRateBps, final long restRateBps, final long durationNs)
    {
        final FabricPacket voice = packet("10.1.0.46", "10.2.0.9", LENGTH_BYTES);
        voice.dscp = EF;
        final FabricPacket rest = packet("10.1.0.5", "10.2.0.9", LENGTH_BYTES);
        final long voiceGapNs = 0 == voiceRateBps ? Long.MAX_VALUE : LENGTH_BYTES * 8 * SECOND / voiceRateBps;
        final long restGapNs = 0 == restRateBps ? Long.MAX_VALUE : LENGTH_BYTES * 8 * SECOND / restRateBps;
        long nextVoiceNs = 0;
        long nextRestNs = restGapNs / 2;
        while (Math.min(nextVoiceNs, nextRestNs) < durationNs)
        {
            if (nextVoiceNs <= nextRestNs)
            {
                fabric.inject(voice, A, HOSTS, nextVoiceNs);
                fabric.advanceTo(nextVoiceNs);
                nextVoiceNs += voiceGapNs;
            }
            else
            {
                fabric.inject(rest, A, HOSTS, nextRestNs);
                fabric.advanceTo(nextRestNs);
                nextRestNs += restGapNs;
            }
        }
        fabric.advanceTo(durationNs + 10 * SECOND);
    }
}
