package io.netshadow.controlplane.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a self-contained HTML page with one SVG line chart per KPI, live and shadow on the same axes, and a
 * vertical line at every change event, so a run can be looked at before it is read.
 */
public final class HtmlReport
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int MARGIN = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private HtmlReport()
    {
    }

    /**
     * One chart: a KPI and the series that show it.
     *
     * @param title  chart title with its unit.
     * @param series series names to draw.
     * @param scale  factor applied to values before drawing (e.g. 1e-6 for ns to ms).
     */
    public record Chart(String title, List<String> series, double scale)
    {
    }

    /**
     * Writes the report.
     *
     * @param file      where.
     * @param title     page title.
     * @param summary   lines of text shown above the charts.
     * @param timeline  the samples and events.
     * @param charts    the charts to draw.
     * @throws IOException when the file cannot be written.
     */
    public static void write(
        final Path file,
        final String title,
        final List<String> summary,
        final KpiTimeline timeline,
        final List<Chart> charts) throws IOException
    {
        final long originNs = origin(timeline, charts);
        final long endNs = end(timeline, charts);
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
            .append("</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}")
            .append("text{font-size:11px}</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<pre>");
        for (final String line : summary)
        {
            html.append(escape(line)).append('\n');
        }
        html.append("</pre>\n");
        for (final Chart chart : charts)
        {
            chart(html, chart, timeline, originNs, endNs);
        }
        html.append("</body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html);
    }

    private static void chart(
        final StringBuilder html, final Chart chart, final KpiTimeline timeline, final long originNs, final long endNs)
    {
        double max = 0;
        for (final String name : chart.series())
        {
            for (final KpiTimeline.Point point : timeline.points(name))
            {
                max = Math.max(max, point.value() * chart.scale());
            }
        }
        max = 0 == max ? 1 : max * 1.1;
        final double spanS = Math.max(1e-9, (endNs - originNs) / 1e9);
        final int plotWidth = WIDTH - 2 * MARGIN;
        final int plotHeight = HEIGHT - 2 * MARGIN;

        html.append("<h3>").append(escape(chart.title())).append("</h3>\n<svg width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
            MARGIN, MARGIN, plotWidth, plotHeight));
        html.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.4g</text><text x=\"5\" y=\"%d\">0</text>%n",
            MARGIN + 4, max, MARGIN + plotHeight));
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f s</text>%n",
            MARGIN + plotWidth - 20, HEIGHT - 15, spanS));
        for (final KpiTimeline.Mark mark : timeline.marks())
        {
            final double x = MARGIN + plotWidth * ((mark.timeNs() - originNs) / 1e9) / spanS;
            html.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4\"/>" +
                "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-20 %.1f %d)\">%s</text>%n",
                x, MARGIN, x, MARGIN + plotHeight, x + 2, MARGIN - 4, x + 2, MARGIN - 4, escape(mark.label())));
        }
        int colour = 0;
        for (final String name : chart.series())
        {
            final StringBuilder points = new StringBuilder();
            for (final KpiTimeline.Point point : timeline.points(name))
            {
                final double x = MARGIN + plotWidth * ((point.timeNs() - originNs) / 1e9) / spanS;
                final double y = MARGIN + plotHeight - plotHeight * (point.value() * chart.scale()) / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            final String stroke = COLOURS[colour % COLOURS.length];
            html.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" points=\"")
                .append(points).append("\"/>\n");
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                MARGIN + 10 + colour * 180, HEIGHT - 15, stroke, escape(name)));
            colour++;
        }
        html.append("</svg>\n");
    }

    private static long origin(final KpiTimeline timeline, final List<Chart> charts)
    {
        long origin = Long.MAX_VALUE;
        for (final Chart chart : charts)
        {
            for (final String name : chart.series())
            {
                final List<KpiTimeline.Point> points = timeline.points(name);
                if (!points.isEmpty())
                {
                    origin = Math.min(origin, points.getFirst().timeNs());
                }
            }
        }
        return Long.MAX_VALUE == origin ? 0 : origin;
    }

    private static long end(final KpiTimeline timeline, final List<Chart> charts)
    {
        long end = 0;
        for (final Chart chart : charts)
        {
            for (final String name : chart.series())
            {
                for (final KpiTimeline.Point point : timeline.points(name))
                {
                    end = Math.max(end, point.timeNs());
                }
            }
        }
        for (final KpiTimeline.Mark mark : timeline.marks())
        {
            end = Math.max(end, mark.timeNs());
        }
        return end;
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
