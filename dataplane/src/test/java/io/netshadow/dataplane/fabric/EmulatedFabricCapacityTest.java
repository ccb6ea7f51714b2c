package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Policer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

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

class EmulatedFabricCapacityTest
{
    private static final long MBPS = 1_000_000;

    private final FabricFixtures.Counter counter = new FabricFixtures.Counter();

    @Test
    void policerDeliversItsRatePlusBurstOverALongRun()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 1.0, counter, null);
        fabric.applyConfig(A, DeviceConfig.empty().withIngressPolicer(new Policer("hosts", MBPS, 15_000)));

        offer(fabric, 10 * MBPS, 10 * SECOND, 1000);

        final double expectedPackets = (MBPS / 8.0 * 10 + 15_000) / 1000;
        assertThat((double)counter.delivered).isCloseTo(expectedPackets, within(expectedPackets * 0.01));
        assertThat(fabric.dropCount(DropReason.POLICER)).isEqualTo(fabric.injectedCount() - counter.delivered);
    }

    @Test
    void fullQueueTailDropsWhatExceedsItsSize()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(MBPS, 10_000), 1.0, counter, null);

        burst(fabric, 100);

        assertThat(counter.delivered).isEqualTo(10);
        assertThat(fabric.dropCount(DropReason.QUEUE_FULL)).isEqualTo(90);
    }

    @Test
    void overloadedLinkDeliversItsCapacityAndDropsTheRest()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(10 * MBPS, 10_000), 1.0, counter, null);

        offer(fabric, 20 * MBPS, SECOND, 1000);

        final double capacityPackets = 10 * MBPS / 8.0 / 1000;
        assertThat((double)counter.delivered).isCloseTo(capacityPackets, within(capacityPackets * 0.02));
        assertThat(fabric.dropCount(DropReason.QUEUE_FULL)).isEqualTo(fabric.injectedCount() - counter.delivered);
    }

    @Test
    void rateScaleOfOneHalfHalvesCapacityQueueAndPolicer()
    {
        final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();
        final EmulatedFabric full = new EmulatedFabric(pair(MBPS, 10_000), 1.0, recorder, null);
        final EmulatedFabric half = new EmulatedFabric(pair(MBPS, 10_000), 0.5, recorder, null);

        full.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        full.advanceTo(SECOND);
        half.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        half.advanceTo(SECOND);
        burst(half, 100);

        assertThat(recorder.fates.get(0).atNs()).isEqualTo(8 * MS + MS);
        assertThat(recorder.fates.get(1).atNs()).isEqualTo(16 * MS + MS);
        assertThat(half.dropCount(DropReason.QUEUE_FULL)).isEqualTo(95);
    }

    @Test
    void rateScaleScalesThePolicer()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 0.5, counter, null);
        fabric.applyConfig(B, DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 2 * MBPS, 30_000)));

        offer(fabric, 10 * MBPS, 10 * SECOND, 1000);

        final double expectedPackets = (MBPS / 8.0 * 10 + 15_000) / 1000;
        assertThat((double)counter.delivered).isCloseTo(expectedPackets, within(expectedPackets * 0.01));
        assertThat(fabric.dropCount(DropReason.POLICER)).isEqualTo(fabric.injectedCount() - counter.delivered);
    }

    @Test
    void aPolicerOnALinkPortTakesTheRateScaleTimesThatLinksRateFactor()
    {
        final FabricTopology topology = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .link("a", "eth1", "b", "eth1", GBPS, MS, 100_000, 0.5)
            .build();
        final EmulatedFabric fabric = new EmulatedFabric(topology, 0.5, counter, null);
        fabric.applyConfig(B, DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 4 * MBPS, 60_000)));

        offer(fabric, 10 * MBPS, 10 * SECOND, 1000);

        final double expectedPackets = (MBPS / 8.0 * 10 + 15_000) / 1000;
        assertThat((double)counter.delivered).isCloseTo(expectedPackets, within(expectedPackets * 0.01));
        assertThat(topology.rateFactor(B, HOSTS)).isEqualTo(1.0);
    }

    @Test
    void aPolicerFedTheLivePacketsTheFabricDoesNotCarryPassesTheShareOfTheAggregateTheLivePolicerPasses()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 1.0, counter, null);
        fabric.applyConfig(B, DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 4 * MBPS, 15_000)));
        final FabricPacket carried = packet("10.1.0.5", "10.2.0.9", 1000);
        final FabricPacket live = packet("10.1.0.6", "10.2.0.9", 1000);
        final SplittableRandom random = new SplittableRandom(7);
        final double meanGapNs = 1000 * 8.0 * SECOND / (8 * MBPS);
        long carriedSent = 0;
        long backgroundSent = 0;
        for (long timeNs = 0; timeNs < 20 * SECOND; timeNs += (long)(-meanGapNs * Math.log(1 - random.nextDouble())))
        {
            if (random.nextInt(4) == 0)
            {
                fabric.inject(carried, A, HOSTS, timeNs);
                carriedSent++;
            }
            else
            {
                fabric.injectBackground(live, B, 1, timeNs + MS);
                backgroundSent++;
            }
            fabric.advanceTo(timeNs);
        }
        fabric.advanceTo(21 * SECOND);

        assertThat(fabric.backgroundCount()).isEqualTo(backgroundSent);
        assertThat((double)counter.delivered).isCloseTo(carriedSent / 2.0, within(carriedSent * 0.05));
        assertThat(fabric.dropCount(DropReason.POLICER)).isEqualTo(carriedSent - counter.delivered);
        assertThat(fabric.injectedCount()).isEqualTo(carriedSent);
    }

    @Test
    void aFabricWithLivePolicersKeepsTheirRateAndBurstAtAnyRateScale()
    {
        final EmulatedFabric fabric =
            new EmulatedFabric(pair(GBPS, 100_000), 0.5, counter, null, EmulatedFabric.DEFAULT_EVENT_CAPACITY, true);
        fabric.applyConfig(A, DeviceConfig.empty().withIngressPolicer(new Policer("hosts", MBPS, 15_000)));

        offer(fabric, 10 * MBPS, 10 * SECOND, 1000);

        final double expectedPackets = (MBPS / 8.0 * 10 + 15_000) / 1000;
        assertThat((double)counter.delivered).isCloseTo(expectedPackets, within(expectedPackets * 0.01));
    }

    @Test
    void scaledPolicerBurstKeepsOneFullSizePacket()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 0.1, counter, null);
        fabric.applyConfig(A, DeviceConfig.empty().withIngressPolicer(new Policer("hosts", 10 * MBPS, 3000)));

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1500), A, HOSTS, 0);
        fabric.advanceTo(SECOND);

        assertThat(counter.delivered).isEqualTo(1);
        assertThat(fabric.dropCount(DropReason.POLICER)).isZero();
    }

    @Test
    void scaledPolicerWithBurstFloorStillDeliversTheScaledRate()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 0.1, counter, null);
        fabric.applyConfig(A, DeviceConfig.empty().withIngressPolicer(new Policer("hosts", 10 * MBPS, 3000)));

        offer(fabric, 12 * MBPS, 10 * SECOND, 1500);

        final double expectedPackets = (MBPS / 8.0 * 10 + 1500) / 1500;
        assertThat((double)counter.delivered).isCloseTo(expectedPackets, within(expectedPackets * 0.01));
        assertThat(fabric.dropCount(DropReason.POLICER)).isEqualTo(fabric.injectedCount() - counter.delivered);
    }

    @Test
    void scaledPolicerBurstFloorIsTheLargestMtuOfTheDevice()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 0.1, counter, null);
        final DeviceConfig jumbo = DeviceConfig.empty()
            .withInterface(InterfaceConfig.defaults("hosts").withMtuBytes(9000))
            .withInterface(InterfaceConfig.defaults("eth1").withMtuBytes(9000));
        fabric.applyConfig(A, jumbo.withIngressPolicer(new Policer("hosts", 10 * MBPS, 20_000)));
        fabric.applyConfig(B, jumbo);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 9000), A, HOSTS, 0);
        fabric.advanceTo(SECOND);

        assertThat(counter.delivered).isEqualTo(1);
    }

    @Test
    void scaledPolicerBurstFloorNeverExceedsTheLiveBurst()
    {
        final EmulatedFabric fabric = new EmulatedFabric(pair(GBPS, 100_000), 0.1, counter, null);
        fabric.applyConfig(A, DeviceConfig.empty().withIngressPolicer(new Policer("hosts", 10 * MBPS, 1000)));

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1500), A, HOSTS, 0);
        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, MS);
        fabric.advanceTo(SECOND);

        assertThat(fabric.dropCount(DropReason.POLICER)).isEqualTo(1);
        assertThat(counter.delivered).isEqualTo(1);
    }

    private static void offer(
        final EmulatedFabric fabric, final long rateBps, final long durationNs, final int lengthBytes)
    {
        final FabricPacket packet = packet("10.1.0.5", "10.2.0.9", lengthBytes);
        final long gapNs = lengthBytes * 8 * SECOND / rateBps;
        for (long timeNs = 0; timeNs < durationNs; timeNs += gapNs)
        {
            fabric.inject(packet, A, HOSTS, timeNs);
            fabric.advanceTo(timeNs);
        }
        fabric.advanceTo(durationNs + SECOND);
    }

    private static void burst(final EmulatedFabric fabric, final int packets)
    {
        final long startNs = fabric.nowNs() + 1;
        for (int i = 0; i < packets; i++)
        {
            fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, startNs);
        }
        fabric.advanceTo(startNs + 10 * SECOND);
    }
}
