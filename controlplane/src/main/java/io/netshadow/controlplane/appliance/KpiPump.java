package io.netshadow.controlplane.appliance;

import io.netshadow.controlplane.report.KpiTimeline;
import io.netshadow.dataplane.meter.Kpi;
import io.netshadow.dataplane.meter.KpiRing;
import io.netshadow.dataplane.meter.KpiSink;
import io.netshadow.dataplane.meter.Side;
import io.netshadow.forecaster.AlertMonitor;
import io.netshadow.forecaster.Forecaster;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Carries KPI samples from the data plane's meters to the forecaster: the one place where the two modules meet.
 * Drains the KPI ring on its own thread, names each sample's series {@code <side>.<kpi>}, feeds the forecaster and
 * then the alert monitor with the value's anomaly grade and whether a change is being evaluated on its KPI, keeps
 * the latest value of each series for JMX, records the samples on a timeline when one is given, and hands
 * every sample to the data plane's redirect gate, which closes when the shadow's KPIs degrade.
 */
final class KpiPump implements KpiSink, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(KpiPump.class);

    private final KpiRing ring;
    private final Forecaster forecaster;
    private final AlertMonitor alerts;
    private final KpiTimeline timeline;
    private final KpiSink redirectGate;
    private final String[][] seriesNames;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    KpiPump(
        final KpiRing ring,
        final Forecaster forecaster,
        final AlertMonitor alerts,
        final KpiTimeline timeline,
        final KpiSink redirectGate)
    {
        this.ring = ring;
        this.forecaster = forecaster;
        this.alerts = alerts;
        this.timeline = timeline;
        this.redirectGate = redirectGate;
        this.seriesNames = new String[Side.values().length][Kpi.values().length];
        for (final Side side : Side.values())
        {
            for (final Kpi kpi : Kpi.values())
            {
                seriesNames[side.ordinal()][kpi.ordinal()] = seriesName(side, kpi);
            }
        }
        this.thread = Thread.ofPlatform().name("netshadow-kpi").daemon(true).unstarted(this::run);
    }

    /**
     * The name the forecaster and the timeline know a series by.
     *
     * @param side live or shadow.
     * @param kpi  the KPI.
     * @return e.g. {@code shadow.loss_ratio}.
     */
    static String seriesName(final Side side, final Kpi kpi)
    {
        return side.name().toLowerCase(Locale.ROOT) + "." + kpi.seriesName();
    }

    void start()
    {
        thread.start();
    }

    Map<String, Double> latest()
    {
        return latest;
    }

    @Override
    public void onKpi(final Side side, final Kpi kpi, final long intervalEndNs, final double value)
    {
        final String series = seriesNames[side.ordinal()][kpi.ordinal()];
        redirectGate.onKpi(side, kpi, intervalEndNs, value);
        forecaster.onSample(series, intervalEndNs, value);
        if (Double.isFinite(value))
        {
            alerts.onSample(series, intervalEndNs, value, forecaster.anomalyGrade(series),
                forecaster.isEvaluating(series));
        }
        latest.put(series, value);
        if (null != timeline)
        {
            timeline.add(series, intervalEndNs, value);
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        ring.drain(this);
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(100),
            TimeUnit.MILLISECONDS.toNanos(10));
        while (running)
        {
            try
            {
                idle.idle(ring.drain(this));
            }
            catch (final RuntimeException ex)
            {
                LOG.error("KPI sample rejected by the forecaster: {}", ex.toString(), ex);
            }
        }
    }
}
