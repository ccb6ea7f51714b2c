package io.netshadow.controlplane.appliance;

import io.netshadow.controlplane.config.AfPacketCapture;
import io.netshadow.controlplane.config.CaptureConfig;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.config.ShadowFabricKind;
import io.netshadow.controlplane.fabric.LinuxFabric;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.jmx.JmxRegistry;
import io.netshadow.controlplane.netconf.EmulatedNetconfDevices;
import io.netshadow.controlplane.netconf.NetconfClient;
import io.netshadow.controlplane.orchestrator.ChangeJudge;
import io.netshadow.controlplane.orchestrator.ChangeOrchestrator;
import io.netshadow.controlplane.orchestrator.DeviceConnector;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.controlplane.orchestrator.PendingVerdict;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanException;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.report.HistoryTrends;
import io.netshadow.controlplane.report.KpiTimeline;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.pipeline.CounterValue;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.JournalRetention;
import io.netshadow.forecaster.AlertMonitor;
import io.netshadow.forecaster.ChangeEvaluation;
import io.netshadow.forecaster.EvaluationPolicy;
import io.netshadow.forecaster.Forecaster;
import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.SeriesStatus;
import io.netshadow.forecaster.Verdict;
import org.agrona.IoUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The appliance assembled: shadow plan, data plane with the shadow fabric (emulated, or Linux namespaces when the
 * configuration says {@code shadow.fabric: linux}), forecaster, the pump between
 * them, history journal and MBeans. The daemon runs one until SIGTERM; the demo runs one beside a lab network.
 */
public final class Appliance implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Appliance.class);
    private static final long JOURNAL_RETENTION_PERIOD_MS = 60_000L;

    private final NetshadowConfig config;
    private final ShadowPlan plan;
    private final DataPlane dataPlane;
    private final Forecaster forecaster = new Forecaster();
    private final Map<String, String> deviceRoles = new TreeMap<>();
    private final AlertMonitor alerts = new AlertMonitor(alert -> LOG.warn("alert: {}", alert.describe()));
    private final KpiPump pump;
    private final HistoryJournal history;
    private final JmxRegistry jmx = new JmxRegistry();
    private final EpochNanoClock clock = SystemEpochNanoClock.INSTANCE;
    private final NetconfClient netconfClient = new NetconfClient();
    private final JournalRetention journalRetention;
    private EmulatedNetconfDevices shadowDevices;
    private Path shadowAgentDirectory;

    private Appliance(
        final NetshadowConfig config,
        final NetworkProfile profile,
        final ShadowPlan plan,
        final KpiTimeline timeline)
    {
        this.config = config;
        this.plan = plan;
        final double rateScale = plan.scale().trafficSamplingRatio();
        this.dataPlane = new DataPlane(
            dataPlaneConfig(config, profile.mirrorSessions()), profile.mirrorSessions(),
            listener -> shadowFabric(config.shadow().fabric(), plan.topology(), rateScale, listener),
            SystemEpochNanoClock.INSTANCE, profile.topology());
        this.pump = new KpiPump(dataPlane.kpiRing(), forecaster, alerts, timeline, dataPlane.redirectGate());
        this.history = HistoryJournal.open(config.history().directory());
        for (final NetworkProfile.Device device : profile.devices())
        {
            deviceRoles.put(device.name(), device.role().name());
        }
        calibrateFromHistory();
        this.journalRetention = new JournalRetention(config.journal().directory(),
            config.journal().retentionMaxAgeNs() / 1_000_000L, config.journal().retentionMaxFiles());
    }

    /**
     * The shadow fabric the configuration asks for: emulated in-process, with its policers at their live rate and
     * fed the live aggregate by the data plane's replay, or Linux network namespaces, which refuse to start without
     * their privileges and scale their policers by each link's share of the live traffic.
     */
    private static ShadowFabric shadowFabric(
        final ShadowFabricKind kind,
        final FabricTopology topology,
        final double rateScale,
        final FateListener listener)
    {
        return switch (kind)
        {
            case EMULATED -> new EmulatedFabric(
                topology, rateScale, listener, null, EmulatedFabric.DEFAULT_EVENT_CAPACITY, true);
            case LINUX -> LinuxFabric.start(topology, rateScale, listener);
        };
    }

    /**
     * Plans the shadow, then starts the data plane, the forecaster's pump and the MBeans.
     *
     * @param config   the appliance configuration.
     * @param profile  the live network.
     * @param timeline where to record every KPI sample, or null.
     * @return the running appliance.
     * @throws ShadowPlanException when the profile cannot be sampled within the budget.
     */
    public static Appliance start(final NetshadowConfig config, final NetworkProfile profile, final KpiTimeline timeline)
        throws ShadowPlanException
    {
        final ShadowPlan plan = new ShadowPlanner(profile)
            .plan(config.shadow().budget(), config.shadow().seed(), config.shadow().mirrorShare());
        final Appliance appliance = new Appliance(config, profile, plan, timeline);
        try
        {
            appliance.dataPlane.start();
            appliance.pump.start();
            appliance.journalRetention.start(JOURNAL_RETENTION_PERIOD_MS);
            appliance.shadowAgentDirectory = Files.createTempDirectory("netshadow-shadow-agents");
            appliance.shadowDevices = EmulatedNetconfDevices.start(appliance.dataPlane.fabric(), plan.deviceNames(),
                appliance.shadowAgentDirectory, appliance.netconfClient);
            if (config.jmx().enabled())
            {
                appliance.jmx.register("DataPlane", "Data-plane counters: every place a packet can end",
                    appliance::counters);
                appliance.jmx.register("Kpis", "Latest KPI sample of every live and shadow series",
                    appliance.pump::latest);
                appliance.jmx.register("Forecaster", "Per series: samples, forecast, interval and anomaly grade",
                    appliance::forecasterStatus);
                appliance.jmx.register("Alerts", "Anomaly and divergence alerts raised while no change ran: " +
                    "counts, and the size of each active alert", appliance.alerts::counters);
            }
        }
        catch (final IOException ex)
        {
            appliance.close();
            throw new UncheckedIOException("cannot put the shadow's devices behind NETCONF: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            appliance.close();
            throw ex;
        }
        LOG.info("appliance up: ingest {} ({}), shadow of {} devices covering {}% of traffic weight",
            appliance.ingestAddress(), appliance.dataPlane.transport(), plan.devices().size(),
            Math.round(plan.coveredTrafficShare() * 100));
        return appliance;
    }

    /**
     * Where mirror sessions must send their VXLAN copies.
     *
     * @return the bound UDP address.
     */
    public InetSocketAddress ingestAddress()
    {
        return new InetSocketAddress(config.ingest().bindAddress(), dataPlane.boundPort());
    }

    /**
     * Where mirror sessions of an encapsulation send their copies.
     *
     * @param kind the encapsulation.
     * @return the bound UDP address for VXLAN and GENEVE; for ERSPAN, which arrives in GRE with no port, the
     *         address the raw GRE socket is bound to, with port 0.
     * @throws IllegalArgumentException when the profile has no mirror session of that kind, so nothing receives it.
     */
    public InetSocketAddress ingestAddress(final SourceKind kind)
    {
        final int port = SourceKind.ERSPAN == kind ? (dataPlane.receivesErspan() ? 0 : -1) : dataPlane.boundPort(kind);
        if (port < 0)
        {
            throw new IllegalArgumentException("the appliance does not receive " + kind +
                ": the profile has no " + kind + " mirror session");
        }
        return new InetSocketAddress(config.ingest().bindAddress(), port);
    }

    /**
     * The shadow's plan.
     *
     * @return the plan.
     */
    public ShadowPlan plan()
    {
        return plan;
    }

    /**
     * The forecaster fed by this appliance's meters.
     *
     * @return the forecaster.
     */
    public Forecaster forecaster()
    {
        return forecaster;
    }

    /**
     * The shadow fabric the data plane replays into.
     *
     * @return the fabric.
     */
    public ShadowFabric shadowFabric()
    {
        return dataPlane.fabric();
    }

    /**
     * The anomaly and divergence alerts raised from this appliance's KPIs while no change runs on them.
     *
     * @return the monitor.
     */
    public AlertMonitor alerts()
    {
        return alerts;
    }

    /**
     * The change history.
     *
     * @return the journal.
     */
    public HistoryJournal history()
    {
        return history;
    }

    /**
     * An orchestrator for changes on the given live devices, with the shadow's devices as shadow copies and the
     * forecaster as judge.
     *
     * @param liveDrivers drivers of the live devices, by name, kept open.
     * @param maxWait     longest wait for a wave's verdict before a change is rolled back.
     * @return the orchestrator.
     */
    public ChangeOrchestrator orchestrator(final Map<String, DeviceDriver> liveDrivers, final Duration maxWait)
    {
        return orchestrator(DeviceConnector.of(liveDrivers), maxWait, ChangeOrchestrator.DEFAULT_CONFIRM_MARGIN);
    }

    /**
     * An orchestrator for changes on the live devices a connector reaches, with the shadow's devices as shadow
     * copies and the forecaster as judge.
     *
     * @param liveDevices   opens sessions to the live devices.
     * @param maxWait       longest wait for a wave's verdict before a change is rolled back.
     * @param confirmMargin time added to every confirm timeout for the confirming commits.
     * @return the orchestrator.
     */
    public ChangeOrchestrator orchestrator(
        final DeviceConnector liveDevices, final Duration maxWait, final Duration confirmMargin)
    {
        final Map<String, DeviceDriver> shadowDrivers = shadowDevices.drivers();
        final List<KpiThreshold> thresholds = config.forecaster().kpiThresholds();
        final EvaluationPolicy policy = config.forecaster().evaluationPolicy();
        final ChangeJudge judge = new ChangeJudge()
        {
            @Override
            public PendingVerdict begin(final String changeId, final long changeStartNs, final List<String> devices)
            {
                final ChangeEvaluation evaluation =
                    forecaster.begin(changeId, changeStartNs, thresholds, policy, roleOf(devices));
                return new PendingVerdict()
                {
                    @Override
                    public Verdict verdict()
                    {
                        return evaluation.verdict();
                    }

                    @Override
                    public void cancel()
                    {
                        evaluation.cancel();
                    }
                };
            }

            @Override
            public double latestValue(final String series)
            {
                final SeriesStatus status = forecaster.status(series);
                return null == status ? Double.NaN : status.value();
            }
        };
        return new ChangeOrchestrator(liveDevices, shadowDrivers, judge, history, clock, maxWait.toNanos(),
            confirmMargin.toNanos());
    }

    /**
     * The NETCONF client the appliance reaches devices with: the shadow's agents, and live devices through drivers
     * made with it.
     *
     * @return the client, open until the appliance closes.
     */
    public NetconfClient netconfClient()
    {
        return netconfClient;
    }

    /**
     * The clock the appliance's KPI samples and history carry.
     *
     * @return ns since the epoch.
     */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * Every data-plane counter by label.
     *
     * @return label to value, sorted by label.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> values = new TreeMap<>();
        for (final CounterValue counter : dataPlane.counters().snapshot())
        {
            values.put(counter.label(), counter.value());
        }
        return values;
    }

    /**
     * The latest sample of every KPI series.
     *
     * @return series name to value.
     */
    public Map<String, Double> latestKpis()
    {
        return Map.copyOf(pump.latest());
    }

    /**
     * Stops ingest, drains the rings into the journal and the meters, feeds the last KPIs to the forecaster, then
     * closes the history and removes the MBeans.
     */
    @Override
    public void close()
    {
        jmx.close();
        journalRetention.close();
        if (null != shadowDevices)
        {
            shadowDevices.close();
            IoUtil.delete(shadowAgentDirectory.toFile(), true);
        }
        netconfClient.close();
        dataPlane.close();
        pump.close();
        history.close();
        LOG.info("appliance stopped");
    }

    /**
     * The role whose calibration applies to a change on some devices: theirs when they share one, none otherwise.
     */
    private String roleOf(final List<String> devices)
    {
        final Set<String> roles = new TreeSet<>();
        for (final String device : devices)
        {
            roles.add(deviceRoles.getOrDefault(device, ""));
        }
        return 1 == roles.size() ? roles.iterator().next() : "";
    }

    private void calibrateFromHistory()
    {
        final HistoryTrends trends = HistoryTrends.of(history.query(HistoryTrends.query()), deviceRoles);
        trends.intervalResiduals().forEach((series, byRole) -> byRole.forEach((role, ratios) ->
        {
            final double scale = forecaster.calibrate(series, role,
                ratios.stream().mapToDouble(Double::doubleValue).toArray());
            LOG.info("interval of {} on {} devices: scale {} from {} past change(s)", series, role, scale,
                ratios.size());
        }));
    }

    private Map<String, Double> forecasterStatus()
    {
        final Map<String, Double> values = new TreeMap<>();
        for (final SeriesStatus status : forecaster.snapshot().values())
        {
            values.put(status.series() + ".forecast", status.forecast());
            values.put(status.series() + ".forecast_lower", status.forecastLower());
            values.put(status.series() + ".forecast_upper", status.forecastUpper());
            values.put(status.series() + ".anomaly_grade", status.anomalyGrade());
            values.put(status.series() + ".samples", (double)status.samples());
        }
        return values;
    }

    static DataPlaneConfig dataPlaneConfig(final NetshadowConfig config, final List<MirrorSession> sessions)
    {
        return DataPlaneConfig.builder()
            .bindAddress(config.ingest().bindAddress())
            .bindPort(config.ingest().port())
            .geneveBindPort(config.ingest().genevePort())
            .transport(config.ingest().transport())
            .ringASize(config.dataplane().ingestRingSize())
            .reorderCapacity(Math.min(DataPlaneConfig.defaults().reorderCapacity(), config.dataplane().ingestRingSize()))
            .ringBSize(config.dataplane().orderedRingSize())
            .latenessNs(config.dataplane().latenessNs())
            .latePolicy(config.dataplane().latePolicy())
            .replayDelayNs(config.dataplane().replayDelayNs())
            .threadingMode(config.dataplane().threadingMode())
            .threading(config.dataplane().threading())
            .meterIntervalNs(config.dataplane().meterIntervalNs())
            .mirrorShare(config.shadow().mirrorShare())
            .journalDirectory(config.journal().directory())
            .journalRollCycle(config.journal().rollCycle())
            .redirectGate(config.redirect().gate())
            .redirectReturn(config.redirect().returnConfig())
            .afPacketCaptures(afPacketCaptures(config.capture(), sessions))
            .build();
    }

    /**
     * The data plane's AF_PACKET captures, each fed into the mirror session of the profile it stands for.
     *
     * @throws IllegalArgumentException naming a capture whose device, port and direction match no mirror session.
     */
    static List<AfPacketConfig> afPacketCaptures(final CaptureConfig capture, final List<MirrorSession> sessions)
    {
        final List<AfPacketConfig> captures = new ArrayList<>();
        final List<AfPacketCapture> entries = capture.afPacket();
        for (int i = 0; i < entries.size(); i++)
        {
            final AfPacketCapture entry = entries.get(i);
            final int sessionIndex = sessionIndex(entry, sessions);
            if (sessionIndex < 0)
            {
                throw new IllegalArgumentException("capture.af-packet[" + i + "] on " + entry.interfaceName() +
                    " stands for " + entry.device() + ":" + entry.port() + " " +
                    entry.direction().name().toLowerCase(Locale.ROOT) + ", but the profile has no such mirror " +
                    "session; its mirror sessions are " + sessions.stream().map(session -> session.device() + ":" +
                    session.port() + " " + session.direction().name().toLowerCase(Locale.ROOT)).toList());
            }
            captures.add(entry.toAfPacketConfig(sessionIndex));
        }
        return captures;
    }

    private static int sessionIndex(final AfPacketCapture entry, final List<MirrorSession> sessions)
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            final MirrorSession session = sessions.get(i);
            if (session.device().equals(entry.device()) && session.port().equals(entry.port()) &&
                session.direction() == entry.direction())
            {
                return i;
            }
        }
        return -1;
    }
}
