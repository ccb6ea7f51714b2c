package io.netshadow.controlplane.demo;

import io.netshadow.controlplane.report.KpiTimeline;
import io.netshadow.forecaster.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's closing timeline: per change, when it was applied, the verdict and how long it took, what was done on
 * live, and the KPIs before and after on live and shadow, beside the lab's own count of the packets it lost.
 */
final class DemoSummary
{
    private static final long BEFORE_WINDOW_NS = 10_000_000_000L;
    private static final String[][] KPIS = {
        {"loss_ratio", "loss ratio", "1"},
        {"latency_p99_ns", "p99 latency ms", "1e-6"},
        {"throughput_bps", "throughput Mbit/s", "1e-6"}};

    private final KpiTimeline timeline;
    private final List<ChangeRecord> records;

    DemoSummary(final KpiTimeline timeline, final List<ChangeRecord> records)
    {
        this.timeline = timeline;
        this.records = records;
    }

    List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        final long originNs = origin();
        lines.add("timeline (seconds since the first KPI sample)");
        lines.add(String.format(Locale.ROOT, "  %-18s %8s %-13s %8s  %-12s %s",
            "change", "applied", "verdict", "after", "on live", "expected"));
        for (final ChangeRecord record : records)
        {
            final Verdict verdict = record.result().verdict();
            lines.add(String.format(Locale.ROOT, "  %-18s %8.1f %-13s %7.1fs  %-12s %s%s",
                record.name(),
                (record.appliedAtNs() - originNs) / 1e9,
                null == verdict ? "none" : verdict.outcome().name(),
                null == verdict ? Double.NaN : verdict.timeToVerdictNs() / 1e9,
                record.result().outcome().name().toLowerCase(Locale.ROOT),
                record.expectedHarmful() ? "harmful" : "harmless",
                record.judgedRight() ? "  (right)" : "  (WRONG)"));
            if (null != verdict)
            {
                lines.add("      " + verdict.reason());
            }
            if (record.gates().size() > 1)
            {
                record.gates().forEach(gate -> lines.add("      " + gate));
            }
        }
        lines.add("");
        lines.add("KPIs: mean over the 10 s before each change -> mean from the change until commit or rollback");
        lines.add(String.format(Locale.ROOT, "  %-18s %-18s %23s %23s", "change", "kpi", "live", "shadow"));
        for (final ChangeRecord record : records)
        {
            for (final String[] kpi : KPIS)
            {
                final double scale = Double.parseDouble(kpi[2]);
                lines.add(String.format(Locale.ROOT, "  %-18s %-18s %23s %23s", record.name(), kpi[1],
                    beforeAfter(record, "live." + kpi[0], scale), beforeAfter(record, "shadow." + kpi[0], scale)));
            }
        }
        lines.add("");
        lines.add("lab ground truth: packets the lab network really dropped while each change was in force");
        for (final ChangeRecord record : records)
        {
            lines.add(String.format(Locale.ROOT, "  %-18s %,d", record.name(),
                record.labDropsAfter() - record.labDropsBefore()));
        }
        return lines;
    }

    private String beforeAfter(final ChangeRecord record, final String series, final double scale)
    {
        final double before = timeline.mean(series, record.appliedAtNs() - BEFORE_WINDOW_NS, record.appliedAtNs());
        final double after = timeline.mean(series, record.appliedAtNs(), record.result().finishedNs() + 1);
        return String.format(Locale.ROOT, "%9.3f -> %9.3f", before * scale, after * scale);
    }

    private long origin()
    {
        long origin = Long.MAX_VALUE;
        for (final String series : timeline.seriesNames())
        {
            final List<KpiTimeline.Point> points = timeline.points(series);
            if (!points.isEmpty())
            {
                origin = Math.min(origin, points.getFirst().timeNs());
            }
        }
        return Long.MAX_VALUE == origin ? 0 : origin;
    }
}
