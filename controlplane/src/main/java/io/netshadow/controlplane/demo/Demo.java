package io.netshadow.controlplane.demo;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.appliance.Appliance;
import io.netshadow.controlplane.change.ChangeLoader;
import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.config.ForecasterConfig;
import io.netshadow.controlplane.config.HistoryConfig;
import io.netshadow.controlplane.config.IngestConfig;
import io.netshadow.controlplane.config.KpiChange;
import io.netshadow.controlplane.config.JournalConfig;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.config.ShadowConfig;
import io.netshadow.controlplane.lab.LabNetwork;
import io.netshadow.controlplane.netconf.EmulatedNetconfDevices;
import io.netshadow.controlplane.netconf.agent.AgentEndpoint;
import io.netshadow.controlplane.orchestrator.ChangeListener;
import io.netshadow.controlplane.orchestrator.ChangeOrchestrator;
import io.netshadow.controlplane.orchestrator.ChangeResult;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.report.HtmlReport;
import io.netshadow.controlplane.report.KpiTimeline;
import io.netshadow.controlplane.lab.TrafficGenerator;
import io.netshadow.forecaster.SeriesStatus;
import io.netshadow.forecaster.Verdict;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code netshadow demo}: the whole loop on embedded defaults. A lab network (the example profile, emulated, with
 * traffic, every device a NETCONF agent) mirrors its ports to the appliance; once a baseline has built up, a
 * harmless change, a harmful one and a staged one go through the orchestrator over NETCONF to the lab's devices and
 * the shadow's; the demo prints what it saw and decided and writes a report with the KPI plots.
 */
public final class Demo
{
    static final String HARMLESS = "harmless-acl.yaml";
    static final String HARMFUL = "harmful-policer.yaml";
    static final String STAGED = "staged-policer.yaml";
    static final List<String> WATCHED = List.of(
        "live.loss_ratio", "shadow.loss_ratio", "live.latency_p99_ns", "shadow.latency_p99_ns",
        "live.throughput_bps", "shadow.throughput_bps");

    private static final double DEMO_MIRROR_SHARE = 1.0;
    private static final long METER_INTERVAL_NS = Duration.ofMillis(500).toNanos();
    private static final Duration MAX_VERDICT_WAIT = Duration.ofSeconds(60);
    private static final long WINDOW_NS = Duration.ofSeconds(10).toNanos();

    private final Options options;
    private final Progress progress;
    private final PrintStream out;
    private final KpiTimeline timeline = new KpiTimeline();
    private final SystemEpochNanoClock clock = SystemEpochNanoClock.INSTANCE;

    /**
     * What the demo may be told.
     *
     * @param workDirectory    where the journal, history and report go; emptied first.
     * @param seed             seed of the traffic and of the shadow sample.
     * @param flowsPerSecond   mean rate of new flows in the lab.
     * @param baselineSamples  KPI samples per watched series before the first change.
     * @param keepJournal      keep the packet journal after the run (it is large).
     */
    public record Options(
        Path workDirectory, long seed, double flowsPerSecond, int baselineSamples, boolean keepJournal)
    {
    }

    /**
     * Prepares a demo.
     *
     * @param options  its options.
     * @param out      where to print.
     * @param terminal whether {@code out} is a terminal (progress rewritten in place).
     */
    public Demo(final Options options, final PrintStream out, final boolean terminal)
    {
        this.options = options;
        this.out = out;
        this.progress = new Progress(out, terminal);
    }

    /**
     * Runs the demo to its end.
     *
     * @return true when the harmless change was committed and the harmful and the staged ones rolled back.
     * @throws Exception when the demo cannot start (a bad embedded file, a socket that cannot be opened).
     */
    public boolean run() throws Exception
    {
        final Path work = options.workDirectory();
        IoUtil.delete(work.toFile(), true);
        Files.createDirectories(work.resolve("changes"));
        final NetworkProfile profile = EmbeddedDefaults.profile(null);
        final ChangeSpec harmless = embeddedChange(work, profile, HARMLESS);
        final ChangeSpec harmful = embeddedChange(work, profile, HARMFUL);
        final ChangeSpec staged = embeddedChange(work, profile, STAGED);
        final NetshadowConfig config = config(work);

        out.println("netshadow demo: the whole loop on embedded defaults");
        final List<ChangeRecord> records = new ArrayList<>();
        try (Appliance appliance = Appliance.start(config, profile, timeline);
            LabNetwork lab = new LabNetwork(
                profile, appliance::ingestAddress, options.flowsPerSecond(), options.seed(), clock);
            EmulatedNetconfDevices labDevices = EmulatedNetconfDevices.start(
                lab.fabric(), profile.devices().stream().map(NetworkProfile.Device::name).toList(),
                work.resolve("lab-agents"), appliance.netconfClient()))
        {
            describe(profile, appliance, labDevices);
            lab.start();
            awaitBaseline(appliance, lab);

            final ChangeOrchestrator orchestrator = appliance.orchestrator(labDevices.drivers(), MAX_VERDICT_WAIT);
            records.add(runChange(orchestrator, lab, harmless, false));
            settle(Duration.ofSeconds(4), appliance);
            records.add(runChange(orchestrator, lab, harmful, true));
            settle(Duration.ofSeconds(12), appliance);
            records.add(runChange(orchestrator, lab, staged, true));
            settle(Duration.ofSeconds(4), appliance);
            progress.event(String.format(Locale.ROOT, "lab: %,d packets generated, %,d mirror copies sent",
                lab.generatedPackets(), lab.mirroredPackets()));
        }
        finally
        {
            if (!options.keepJournal())
            {
                IoUtil.delete(work.resolve("journal").toFile(), true);
            }
        }

        final List<String> summary = new DemoSummary(timeline, records).lines();
        out.println();
        summary.forEach(out::println);
        final Path report = work.resolve("netshadow-demo.html");
        HtmlReport.write(report, "netshadow demo", summary, timeline, List.of(
            new HtmlReport.Chart("Loss ratio", List.of("live.loss_ratio", "shadow.loss_ratio"), 1),
            new HtmlReport.Chart("Latency p99 (ms)", List.of("live.latency_p99_ns", "shadow.latency_p99_ns"), 1e-6),
            new HtmlReport.Chart("Throughput (Mbit/s)", List.of("live.throughput_bps", "shadow.throughput_bps"), 1e-6)));
        out.println("report: " + report.toAbsolutePath());
        out.println("history: " + config.history().directory().toAbsolutePath() +
            "  (netshadow change history --history " + config.history().directory().toAbsolutePath() + ")");
        final boolean allRight = records.stream().allMatch(ChangeRecord::judgedRight);
        out.println(allRight ? "result: every change judged right: the harmless one committed, the harmful one " +
            "rolled back, the staged one stopped by its gate and rolled back" : "result: a change was judged wrongly");
        return allRight;
    }

    private void describe(final NetworkProfile profile, final Appliance appliance, final EmulatedNetconfDevices lab)
    {
        progress.event(String.format(Locale.ROOT, "profile: %d devices, %d links, %d mirror sessions (embedded example)",
            profile.devices().size(), profile.links().size(), profile.mirrorSessions().size()));
        progress.event(String.format(Locale.ROOT,
            "shadow: %d of %d devices %s, %.0f%% of traffic weight, %.0f%% of flows replayed",
            appliance.plan().devices().size(), profile.devices().size(), appliance.plan().deviceNames(),
            appliance.plan().coveredTrafficShare() * 100, DEMO_MIRROR_SHARE * 100));
        progress.event(String.format(Locale.ROOT,
            "lab: %.0f new flows/s (~%.0f packets/s), mirrored as VXLAN to %s",
            options.flowsPerSecond(), TrafficGenerator.meanPacketsPerSecond(options.flowsPerSecond()),
            appliance.ingestAddress()));
        progress.event("verdicts: loss ratio may rise by 0.02, p99 latency by 50%; throughput is plotted but has no " +
            "threshold here (the shadow carries few flows, so its throughput follows single transfers)");
        progress.event(String.format(Locale.ROOT,
            "lab devices: %d NETCONF agents on 127.0.0.1 ports %d..%d; shadow devices behind their own agents",
            lab.fleet().endpoints().size(),
            lab.fleet().endpoints().stream().mapToInt(AgentEndpoint::port).min().orElse(0),
            lab.fleet().endpoints().stream().mapToInt(AgentEndpoint::port).max().orElse(0)));
    }

    private void awaitBaseline(final Appliance appliance, final LabNetwork lab)
    {
        progress.event("building a baseline of " + options.baselineSamples() + " samples per KPI series (" +
            options.baselineSamples() * METER_INTERVAL_NS / 1_000_000_000L + " s)");
        while (true)
        {
            final Map<String, SeriesStatus> status = appliance.forecaster().snapshot();
            long fewest = Long.MAX_VALUE;
            for (final String series : WATCHED)
            {
                final SeriesStatus seriesStatus = status.get(series);
                fewest = Math.min(fewest, null == seriesStatus ? 0 : seriesStatus.samples());
            }
            if (fewest >= options.baselineSamples())
            {
                progress.event("baseline ready: " + kpiLine(appliance));
                return;
            }
            progress.status(String.format(Locale.ROOT, "baseline %s %d/%d  %s", Progress.bar(
                (double)fewest / options.baselineSamples(), 20), fewest, options.baselineSamples(), kpiLine(appliance)));
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private ChangeRecord runChange(
        final ChangeOrchestrator orchestrator, final LabNetwork lab, final ChangeSpec change, final boolean harmful)
    {
        final long dropsBefore = lab.groundTruth().droppedTotal();
        final List<String> gates = new CopyOnWriteArrayList<>();
        final long appliedAtNs = clock.nanoTime();
        progress.event("change " + change.id() + ": " + change.description());
        timeline.mark(appliedAtNs, change.id() + " applied");
        final ChangeResult result = orchestrator.run(change, new ChangeListener()
        {
            @Override
            public void onApplied(final String changeId, final String device, final boolean shadow)
            {
                progress.event("  applied to " + device + (shadow ? " (shadow)" : " (live)"));
            }

            @Override
            public void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
            {
                progress.status(String.format(Locale.ROOT, "  waiting for the verdict: %.1f s", elapsedNs / 1e9));
            }

            @Override
            public void onWaveStarted(
                final String changeId, final String wave, final int waveIndex, final int waveCount,
                final List<String> devices)
            {
                if (waveCount > 1)
                {
                    progress.event(String.format(Locale.ROOT, "  wave %d/%d %s: %s", waveIndex, waveCount, wave,
                        devices));
                }
            }

            @Override
            public void onGate(final String changeId, final String wave, final Verdict verdict)
            {
                final String line = "gate after wave " + wave + ": " + verdict.outcome();
                gates.add(line);
                progress.event("  " + line);
            }

            @Override
            public void onRestored(final String changeId, final String device, final boolean shadow, final String detail)
            {
                progress.event("  restored " + device + (shadow ? " (shadow)" : " (live)") + ": " + detail);
            }
        });
        timeline.mark(result.finishedNs(), change.id() + " " + result.outcome().name().toLowerCase(Locale.ROOT));
        progress.event("  " + (null == result.verdict() ? "" : result.verdict().outcome() + ": ") + result.message());
        return new ChangeRecord(
            change.id(), harmful, result, appliedAtNs, dropsBefore, lab.groundTruth().droppedTotal(), List.copyOf(gates));
    }

    private void settle(final Duration duration, final Appliance appliance)
    {
        final long untilNs = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < untilNs)
        {
            progress.status("settling: " + kpiLine(appliance));
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private static String kpiLine(final Appliance appliance)
    {
        final Map<String, Double> kpis = appliance.latestKpis();
        return String.format(Locale.ROOT, "loss live %.3f shadow %.3f | p99 live %.2f ms shadow %.2f ms | %.1f Mbit/s",
            kpis.getOrDefault("live.loss_ratio", Double.NaN), kpis.getOrDefault("shadow.loss_ratio", Double.NaN),
            kpis.getOrDefault("live.latency_p99_ns", Double.NaN) / 1e6,
            kpis.getOrDefault("shadow.latency_p99_ns", Double.NaN) / 1e6,
            kpis.getOrDefault("live.throughput_bps", Double.NaN) / 1e6);
    }

    private NetshadowConfig config(final Path work)
    {
        final NetshadowConfig defaults = NetshadowConfig.DEFAULT;
        return new NetshadowConfig(
            Path.of("profile.yaml"),
            new IngestConfig("127.0.0.1", 0, 0, defaults.ingest().transport()),
            defaults.dataplane().withMeterIntervalNs(METER_INTERVAL_NS),
            new ShadowConfig(new ShadowBudget.Share(0.5), options.seed(), DEMO_MIRROR_SHARE),
            new JournalConfig(work.resolve("journal"), defaults.journal().rollCycle()),
            new HistoryConfig(work.resolve("history")),
            new ForecasterConfig(
                new ForecasterConfig.Thresholds(defaults.forecaster().thresholds().lossRatio(),
                    defaults.forecaster().thresholds().latencyP99(), KpiChange.OFF),
                defaults.forecaster().evaluation()),
            defaults.jmx(), defaults.api(), defaults.changes(), defaults.netconf(), defaults.redirect(), defaults.capture());
    }

    private static ChangeSpec embeddedChange(final Path work, final NetworkProfile profile, final String name)
        throws Exception
    {
        final Path file = work.resolve("changes").resolve(name);
        Files.writeString(file, EmbeddedDefaults.text("changes/" + name));
        return ChangeLoader.load(file, profile);
    }
}
