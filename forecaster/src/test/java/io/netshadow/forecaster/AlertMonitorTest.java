package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class AlertMonitorTest
{
    private static final long INTERVAL_NS = 1_000_000_000L;
    private static final double SHADOW_SHARE = 0.1;

    private final List<Alert> raised = new ArrayList<>();
    private final AlertMonitor monitor = new AlertMonitor(raised::add);

    @Test
    void raisesAnAnomalyOncePerEpisode()
    {
        final double[] grades = {0, 0, 0.9, 0, 0.3, 0.8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7, 0};
        for (int i = 0; i < grades.length; i++)
        {
            monitor.onSample("live.loss_ratio", i * INTERVAL_NS, i, grades[i], false);
        }

        assertThat(raised).extracting(Alert::kind, Alert::subject, Alert::raisedAtNs, Alert::size)
            .containsExactly(
                tuple(AlertKind.ANOMALY, "live.loss_ratio", 2 * INTERVAL_NS, 0.9),
                tuple(AlertKind.ANOMALY, "live.loss_ratio", 16 * INTERVAL_NS, 0.7));
        assertThat(monitor.anomalyAlerts()).isEqualTo(2);
        assertThat(monitor.active()).hasSize(1);
        assertThat(monitor.recent().getFirst().raisedAtNs()).isEqualTo(16 * INTERVAL_NS);
    }

    @Test
    void endsAnAnomalyEpisodeAfterTenCalmValues()
    {
        monitor.onSample("shadow.jitter_ns", 0, 1, 0.9, false);
        for (int i = 1; i <= AlertMonitor.ANOMALY_CLEAR_SAMPLES; i++)
        {
            assertThat(monitor.active()).hasSize(1);
            monitor.onSample("shadow.jitter_ns", i * INTERVAL_NS, 1, 0.0, false);
        }

        assertThat(monitor.active()).isEmpty();
        assertThat(monitor.counters()).containsEntry("anomaly_alerts", 1L).containsEntry("active_alerts", 0L);
    }

    @Test
    void raisesNoAnomalyWhileAChangeIsEvaluatedAndCountsItSuppressed()
    {
        monitor.onSample("live.loss_ratio", 0, 1, 0.9, true);
        monitor.onSample("live.loss_ratio", INTERVAL_NS, 1, 0.9, false);

        assertThat(raised).isEmpty();
        assertThat(monitor.suppressedEpisodes()).isEqualTo(1);
    }

    @Test
    void raisesADivergenceWhenLiveDriftsAwayFromTheShadow()
    {
        final Random random = new Random(7);
        for (int i = 0; i < 600; i++)
        {
            final double level = level(i);
            final double drift = i >= 300 ? 1.0 + 0.005 * (i - 300) : 1.0;
            sample(i, level * drift * noise(random), SHADOW_SHARE * level * noise(random), false);
        }

        assertThat(raised).hasSize(1);
        final Alert alert = raised.getFirst();
        assertThat(alert.kind()).isEqualTo(AlertKind.DIVERGENCE);
        assertThat(alert.subject()).isEqualTo("throughput_bps");
        assertThat(alert.raisedAtNs()).isBetween(300 * INTERVAL_NS, 340 * INTERVAL_NS);
        assertThat(alert.size()).isPositive();
        assertThat(alert.describe()).startsWith("divergence of throughput_bps: live departs from the shadow by +");
        assertThat(monitor.divergenceAlerts()).isEqualTo(1);
    }

    @Test
    void raisesADivergenceWhenTheShadowStepsDownAlone()
    {
        final Random random = new Random(11);
        for (int i = 0; i < 400; i++)
        {
            final double level = level(i);
            final double step = i >= 200 ? 0.7 : 1.0;
            sample(i, level * noise(random), SHADOW_SHARE * level * step * noise(random), false);
        }

        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().raisedAtNs()).isBetween(200 * INTERVAL_NS, 205 * INTERVAL_NS);
        assertThat(raised.getFirst().size()).isPositive();
    }

    @Test
    void raisesNoDivergenceWhenLiveAndShadowMoveInParallel()
    {
        final Random random = new Random(3);
        for (int i = 0; i < 2_000; i++)
        {
            final double surge = i >= 500 && i < 900 ? 1.8 : 1.0;
            final double ramp = i >= 1_200 ? 1.0 + 0.002 * (i - 1_200) : 1.0;
            final double level = level(i) * surge * ramp;
            sample(i, level * noise(random), SHADOW_SHARE * level * noise(random), false);
        }

        assertThat(raised).isEmpty();
        assertThat(monitor.divergenceAlerts()).isZero();
    }

    @Test
    void raisesNoDivergenceWhileAChangeIsEvaluatedOnTheKpi()
    {
        final Random random = new Random(5);
        for (int i = 0; i < 400; i++)
        {
            final double level = level(i);
            final double step = i >= 200 ? 1.5 : 1.0;
            sample(i, level * step * noise(random), SHADOW_SHARE * level * noise(random), i >= 200);
        }

        assertThat(raised).isEmpty();
    }

    private void sample(final int i, final double live, final double shadow, final boolean changeRunning)
    {
        monitor.onSample("live.throughput_bps", i * INTERVAL_NS, live, 0.0, changeRunning);
        monitor.onSample("shadow.throughput_bps", i * INTERVAL_NS, shadow, 0.0, changeRunning);
    }

    private static double level(final int i)
    {
        return 1e9 * (1.0 + 0.3 * Math.sin(2.0 * Math.PI * i / 288.0));
    }

    private static double noise(final Random random)
    {
        return 1.0 + 0.01 * random.nextGaussian();
    }
}
