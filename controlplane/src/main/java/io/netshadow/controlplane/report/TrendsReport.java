package io.netshadow.controlplane.report;

import io.netshadow.forecaster.Forecaster;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link HistoryTrends} for a reader: aligned tables as text, or an HTML page with the same tables and bar charts
 * of failure rate per role and verdict accuracy per period.
 */
public final class TrendsReport
{
    private static final int BAR_WIDTH = 400;
    private static final int BAR_HEIGHT = 18;
    private static final int LABEL_WIDTH = 160;

    private final HistoryTrends trends;
    private final boolean monthly;

    /**
     * A report of some trends.
     *
     * @param trends  the trends.
     * @param monthly accuracy per calendar month rather than per ISO week.
     */
    public TrendsReport(final HistoryTrends trends, final boolean monthly)
    {
        this.trends = trends;
        this.monthly = monthly;
    }

    /**
     * The report as text tables.
     *
     * @return the text, lines ending in a newline.
     */
    public String text()
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d change(s) in the history%n", trends.changeCount()));
        failures(text, "DEVICE", trends.byDevice());
        failures(text, "ROLE", trends.byRole());
        failures(text, "KIND", trends.byKind());

        text.append(String.format(Locale.ROOT, "%n%-10s %9s %13s %9s%n", monthly ? "MONTH" : "WEEK", "VERDICTS",
            "CONTRADICTED", "ACCURACY"));
        for (final HistoryTrends.AccuracyRow row : trends.accuracy(monthly))
        {
            text.append(String.format(Locale.ROOT, "%-10s %9d %13d %8.1f%%%n", row.period(), row.verdicts(),
                row.contradicted(), 100.0 * row.accuracy()));
        }

        text.append(String.format(Locale.ROOT, "%n%-28s %-14s %8s %15s%n", "SERIES", "ROLE", "CHANGES",
            "INTERVAL_SCALE"));
        final Forecaster calibration = new Forecaster();
        for (final Map.Entry<String, Map<String, List<Double>>> series : trends.intervalResiduals().entrySet())
        {
            for (final Map.Entry<String, List<Double>> role : series.getValue().entrySet())
            {
                final double scale = calibration.calibrate(series.getKey(), role.getKey(),
                    role.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                text.append(String.format(Locale.ROOT, "%-28s %-14s %8d %15s%n", series.getKey(), role.getKey(),
                    role.getValue().size(), role.getValue().size() < Forecaster.MIN_CALIBRATION_RATIOS ? "too few" :
                    String.format(Locale.ROOT, "%.2f", scale)));
            }
        }
        return text.toString();
    }

    /**
     * The report as an HTML page.
     *
     * @return the page.
     */
    public String html()
    {
        final StringBuilder html = new StringBuilder("""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>netshadow history trends</title>
            <style>body{font-family:sans-serif} pre{font-size:13px}</style></head><body>
            <h1>Change history trends</h1>
            """);
        html.append("<h2>Failure rate per device role</h2>\n");
        bars(html, trends.byRole().stream()
            .map(row -> new Bar(row.name(), row.failureRate(), row.failures() + "/" + row.changes())).toList(),
            "#d62728");
        html.append("<h2>Verdict accuracy per ").append(monthly ? "month" : "week").append("</h2>\n");
        bars(html, trends.accuracy(monthly).stream()
            .map(row -> new Bar(row.period(), row.accuracy(),
                (row.verdicts() - row.contradicted()) + "/" + row.verdicts())).toList(),
            "#2ca02c");
        html.append("<h2>Tables</h2>\n<pre>").append(escape(text())).append("</pre>\n</body></html>\n");
        return html.toString();
    }

    private static void failures(
        final StringBuilder text, final String heading, final List<HistoryTrends.FailureRow> rows)
    {
        text.append(String.format(Locale.ROOT, "%n%-24s %8s %12s %7s %8s %13s%n", heading, "CHANGES", "ROLLED_BACK",
            "FAILED", "ABORTED", "FAILURE_RATE"));
        for (final HistoryTrends.FailureRow row : rows)
        {
            text.append(String.format(Locale.ROOT, "%-24s %8d %12d %7d %8d %12.1f%%%n", row.name(), row.changes(),
                row.rolledBack(), row.failed(), row.aborted(), 100.0 * row.failureRate()));
        }
    }

    private static void bars(final StringBuilder html, final List<Bar> bars, final String colour)
    {
        final int height = Math.max(1, bars.size()) * (BAR_HEIGHT + 4);
        html.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\">%n",
            LABEL_WIDTH + BAR_WIDTH + 120, height));
        for (int i = 0; i < bars.size(); i++)
        {
            final Bar bar = bars.get(i);
            final int y = i * (BAR_HEIGHT + 4);
            html.append(String.format(Locale.ROOT,
                "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>" +
                    "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"%s\"/>" +
                    "<text x=\"%.0f\" y=\"%d\" font-size=\"12\">%.1f%% (%s)</text>%n",
                y + BAR_HEIGHT - 4, escape(bar.label), LABEL_WIDTH, y, BAR_WIDTH * bar.share, BAR_HEIGHT, colour,
                LABEL_WIDTH + BAR_WIDTH * bar.share + 6, y + BAR_HEIGHT - 4, 100.0 * bar.share, bar.note));
        }
        html.append("</svg>\n");
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Bar(String label, double share, String note)
    {
    }
}
