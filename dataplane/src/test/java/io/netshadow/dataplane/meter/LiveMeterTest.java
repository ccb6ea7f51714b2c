package io.netshadow.dataplane.meter;

import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiveMeterTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MS_NS = 1_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND_NS;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final KpiRing ring = new KpiRing(1024, counters.counter("kpi.ring_full"));
    private final KpiSamples samples = new KpiSamples();

    @Test
    void matchedCopiesAreDeliveredWithTheirLatency()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 1024, counters::counter);
        for (int i = 0; i < 100; i++)
        {
            final long ingressNs = T0 + i * MS_NS;
            meter.onIngressCopy(i, ingressNs);
            meter.onEgressCopy(i, ingressNs + (i < 50 ? 2 * MS_NS : 4 * MS_NS), 1000);
        }
        meter.advanceTo(T0 + SECOND_NS);
        ring.drain(samples);

        final long end = T0 + SECOND_NS;
        assertThat(samples.value(Side.LIVE, Kpi.PACKETS_PER_SECOND, end)).contains(100.0);
        assertThat(samples.value(Side.LIVE, Kpi.THROUGHPUT_BPS, end)).contains(100 * 1000 * 8.0);
        assertThat(samples.value(Side.LIVE, Kpi.LOSS_RATIO, end)).contains(0.0);
        assertThat(samples.value(Side.LIVE, Kpi.LATENCY_P50_NS, end).orElseThrow()).isCloseTo(2e6, within(2e6 * 0.01));
        assertThat(samples.value(Side.LIVE, Kpi.LATENCY_P99_NS, end).orElseThrow()).isCloseTo(4e6, within(4e6 * 0.01));
        assertThat(counters.value(LiveMeter.DELIVERED)).isEqualTo(100);
    }

    @Test
    void ingressCopiesUnmatchedPastTheTimeoutAreLost()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 1024, counters::counter);
        for (int i = 0; i < 10; i++)
        {
            meter.onIngressCopy(i, T0 + i * MS_NS);
        }
        for (int i = 0; i < 7; i++)
        {
            meter.onEgressCopy(i, T0 + 50 * MS_NS, 100);
        }
        meter.advanceTo(T0 + 500 * MS_NS);

        assertThat(counters.value(LiveMeter.LOST)).isEqualTo(3);
        assertThat(meter.pendingMatches()).isZero();

        meter.advanceTo(T0 + SECOND_NS);
        ring.drain(samples);
        assertThat(samples.value(Side.LIVE, Kpi.LOSS_RATIO, T0 + SECOND_NS)).contains(0.3);
    }

    @Test
    void anEgressCopyAfterTheTimeoutIsUnmatchedNotDelivered()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 1024, counters::counter);
        meter.onIngressCopy(1, T0);
        meter.onEgressCopy(1, T0 + 200 * MS_NS, 100);

        assertThat(counters.value(LiveMeter.LOST)).isEqualTo(1);
        assertThat(counters.value(LiveMeter.UNMATCHED_EGRESS)).isEqualTo(1);
        assertThat(counters.value(LiveMeter.DELIVERED)).isZero();
    }

    @Test
    void lossIsCountedInTheIntervalItsTimeoutExpiresIn()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 1024, counters::counter);
        meter.onIngressCopy(1, T0 + 950 * MS_NS);
        meter.advanceTo(T0 + 3 * SECOND_NS);
        ring.drain(samples);

        assertThat(samples.value(Side.LIVE, Kpi.LOSS_RATIO, T0 + SECOND_NS)).contains(0.0);
        assertThat(samples.value(Side.LIVE, Kpi.LOSS_RATIO, T0 + 2 * SECOND_NS)).contains(1.0);
        assertThat(samples.value(Side.LIVE, Kpi.LOSS_RATIO, T0 + 3 * SECOND_NS)).contains(0.0);
    }

    @Test
    void emptyIntervalsReportZerosAndNoLatency()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 1024, counters::counter);
        meter.advanceTo(T0);
        meter.advanceTo(T0 + 2 * SECOND_NS);
        ring.drain(samples);

        assertThat(samples.of(Side.LIVE, Kpi.THROUGHPUT_BPS)).hasSize(2)
            .allSatisfy(sample -> assertThat(sample.value()).isZero());
        assertThat(samples.of(Side.LIVE, Kpi.LOSS_RATIO)).allSatisfy(sample -> assertThat(sample.value()).isZero());
        assertThat(samples.of(Side.LIVE, Kpi.LATENCY_P50_NS)).isEmpty();
        assertThat(samples.all()).noneMatch(sample -> Double.isNaN(sample.value()));
    }

    @Test
    void aFullMatchTableCountsInsteadOfGrowing()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 4, counters::counter);
        for (int i = 0; i < 10; i++)
        {
            meter.onIngressCopy(i, T0 + i);
        }

        assertThat(meter.pendingMatches()).isEqualTo(4);
        assertThat(counters.value(LiveMeter.MATCH_TABLE_FULL)).isEqualTo(6);
    }

    @Test
    void aSecondIngressCopyOfAPacketKeepsTheFirstTimestamp()
    {
        final LiveMeter meter = new LiveMeter(ring, SECOND_NS, 100 * MS_NS, 16, counters::counter);
        meter.onIngressCopy(5, T0);
        meter.onIngressCopy(5, T0 + 3 * MS_NS);
        meter.onEgressCopy(5, T0 + 5 * MS_NS, 100);
        meter.advanceTo(T0 + SECOND_NS);
        ring.drain(samples);

        assertThat(counters.value(LiveMeter.DUPLICATE_INGRESS)).isEqualTo(1);
        assertThat(samples.value(Side.LIVE, Kpi.LATENCY_P50_NS, T0 + SECOND_NS).orElseThrow())
            .isCloseTo(5e6, within(5e4));
    }
}
