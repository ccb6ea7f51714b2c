package io.netshadow.dataplane.meter;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShadowMeterTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MS_NS = 1_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND_NS;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final KpiRing ring = new KpiRing(1024, counters.counter("kpi.ring_full"));
    private final KpiSamples samples = new KpiSamples();
    private final FabricPacket packet = new FabricPacket();

    @Test
    void deliveriesAndDropsBecomeShadowKpisScaledByTheMirrorShareAndDropsAreCountedByReason()
    {
        final ShadowMeter meter = new ShadowMeter(ring, SECOND_NS, 0.25, counters::counter);
        packet.lengthBytes = 500;
        meter.advanceTo(T0);
        for (int i = 0; i < 30; i++)
        {
            meter.onDelivered(packet, 0, T0 + i * MS_NS, T0 + i * MS_NS + 3 * MS_NS);
        }
        for (int i = 0; i < 10; i++)
        {
            meter.onDropped(packet, 0, i < 7 ? DropReason.QUEUE_FULL : DropReason.ACL_DENY, T0 + i * MS_NS,
                T0 + 100 * MS_NS);
        }
        meter.advanceTo(T0 + SECOND_NS);
        ring.drain(samples);

        final long end = T0 + SECOND_NS;
        assertThat(samples.value(Side.SHADOW, Kpi.PACKETS_PER_SECOND, end)).contains(30 / 0.25);
        assertThat(samples.value(Side.SHADOW, Kpi.THROUGHPUT_BPS, end)).contains(30 * 500 * 8 / 0.25);
        assertThat(samples.value(Side.SHADOW, Kpi.LOSS_RATIO, end)).contains(0.25);
        assertThat(samples.value(Side.SHADOW, Kpi.LATENCY_P50_NS, end).orElseThrow()).isCloseTo(3e6, within(3e4));
        assertThat(samples.value(Side.SHADOW, Kpi.LATENCY_P99_NS, end).orElseThrow()).isCloseTo(3e6, within(3e4));
        assertThat(counters.value(ShadowMeter.DELIVERED)).isEqualTo(30);
        assertThat(counters.value(ShadowMeter.LOST)).isEqualTo(10);
        assertThat(counters.value("meter.shadow.lost.queue_full")).isEqualTo(7);
        assertThat(counters.value("meter.shadow.lost.acl_deny")).isEqualTo(3);
        assertThat(counters.value(ShadowMeter.lostLabel(DropReason.POLICER))).isZero();
    }

    @Test
    void leavingTheSampledShadowIsNeitherDeliveredNorLost()
    {
        final ShadowMeter meter = new ShadowMeter(ring, SECOND_NS, 1.0, counters::counter);
        meter.advanceTo(T0);
        meter.onDropped(packet, 0, DropReason.OUTSIDE_FABRIC, T0, T0 + MS_NS);
        meter.advanceTo(T0 + SECOND_NS);
        ring.drain(samples);

        assertThat(counters.value(ShadowMeter.OUTSIDE_FABRIC)).isEqualTo(1);
        assertThat(samples.value(Side.SHADOW, Kpi.LOSS_RATIO, T0 + SECOND_NS)).contains(0.0);
        assertThat(samples.of(Side.SHADOW, Kpi.LATENCY_P99_NS)).isEmpty();
    }

    @Test
    void fabricTimeAloneEndsIntervals()
    {
        final ShadowMeter meter = new ShadowMeter(ring, SECOND_NS, 1.0, counters::counter);
        meter.advanceTo(T0 + 10);
        meter.advanceTo(T0 + 3 * SECOND_NS + 10);
        ring.drain(samples);

        assertThat(samples.of(Side.SHADOW, Kpi.THROUGHPUT_BPS))
            .extracting(KpiSamples.Sample::intervalEndNs)
            .containsExactly(T0 + SECOND_NS, T0 + 2 * SECOND_NS, T0 + 3 * SECOND_NS);
    }
}
