package io.netshadow.dataplane.meter;

import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KpiRingTest
{
    private final DataPlaneCounters counters = new DataPlaneCounters();

    @Test
    void drainsSamplesInTheOrderTheyWereOffered()
    {
        final KpiRing ring = new KpiRing(16, counters.counter("kpi.ring_full"));
        final KpiSamples samples = new KpiSamples();

        ring.offer(Side.LIVE, Kpi.LOSS_RATIO, 1_000, 0.25);
        ring.offer(Side.SHADOW, Kpi.LATENCY_P99_NS, 2_000, 12_345.0);

        assertThat(ring.drain(samples)).isEqualTo(2);
        assertThat(samples.all()).containsExactly(
            new KpiSamples.Sample(Side.LIVE, Kpi.LOSS_RATIO, 1_000, 0.25),
            new KpiSamples.Sample(Side.SHADOW, Kpi.LATENCY_P99_NS, 2_000, 12_345.0));
        assertThat(ring.drain(samples)).isZero();
    }

    @Test
    void countsSamplesOfferedToAFullRing()
    {
        final KpiRing ring = new KpiRing(4, counters.counter("kpi.ring_full"));
        int accepted = 0;
        for (int i = 0; i < 100; i++)
        {
            accepted += ring.offer(Side.LIVE, Kpi.THROUGHPUT_BPS, i, i) ? 1 : 0;
        }

        assertThat(accepted).isLessThan(100);
        assertThat(counters.value("kpi.ring_full")).isEqualTo(100 - accepted);
        assertThat(ring.drain(new KpiSamples())).isEqualTo(accepted);
    }

    @Test
    void seriesNamesAreSnakeCase()
    {
        assertThat(Kpi.LOSS_RATIO.seriesName()).isEqualTo("loss_ratio");
        assertThat(Kpi.THROUGHPUT_BPS.seriesName()).isEqualTo("throughput_bps");
    }
}
