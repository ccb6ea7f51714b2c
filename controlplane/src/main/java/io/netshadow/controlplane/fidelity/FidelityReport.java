package io.netshadow.controlplane.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a fidelity run as a table, a CSV file and an HTML page with inline SVG plots: per KPI, the change the
 * shadow predicted against the change the whole network showed, one point per change and budget, and the median
 * relative error per budget.
 */
public final class FidelityReport
{
    /** Name of the CSV file in the output directory. */
    public static final String CSV_FILE = "fidelity.csv";
    /** Name of the HTML report in the output directory. */
    public static final String HTML_FILE = "fidelity.html";

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int PLOT_SIZE = 320;
    private static final int MARGIN = 50;

    private FidelityReport()
    {
    }

    /**
     * The table: a header, a row per budget and change, and a summary per budget.
     *
     * @param result the run.
     * @return the lines.
     */
    public static List<String> table(final FidelityResult result)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "fidelity: %s, %d devices, %,d packets in the window; baseline loss " +
            "%.4f, p99 %.3f ms", result.profileName(), result.networkDevices(), result.packets(),
            result.wholeBaseline().lossRatio(), result.wholeBaseline().latencyP99Ns() / 1e6));
        for (final FidelityChange change : result.changes())
        {
            lines.add("  " + change.id() + ": " + change.description());
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-7s %-7s %-22s %9s %9s %7s   %9s %9s %7s   %-7s %-7s %s",
            "budget", "shadow", "change", "Δloss", "shadow", "error", "Δp99", "shadow", "error", "whole", "shadow",
            "verdict"));
        for (final FidelityResult.Budget budget : result.budgets())
        {
            if (!budget.error().isEmpty())
            {
                lines.add(String.format(Locale.ROOT, "%-7s no plan: %s", budget.budget(), budget.error()));
                continue;
            }
            final String shadow = budget.shadowDevices() + "/" + result.networkDevices();
            for (final FidelityRow row : budget.rows())
            {
                if (!row.note().isEmpty())
                {
                    lines.add(String.format(Locale.ROOT, "%-7s %-7s %-22s %9s   %s", budget.budget(), shadow,
                        row.changeId(), signed(row.observedLoss()), row.note()));
                    continue;
                }
                lines.add(String.format(Locale.ROOT, "%-7s %-7s %-22s %9s %9s %6.1f%%   %8.1f%% %8.1f%% %6.1f%%   " +
                    "%-7s %-7s %s", budget.budget(), shadow, row.changeId(), signed(row.observedLoss()),
                    signed(row.predictedLoss()), row.lossError() * 100, row.observedP99() * 100,
                    row.predictedP99() * 100, row.p99Error() * 100, verdict(row.harmfulOnWhole()),
                    verdict(row.harmfulOnShadow()), row.verdictsAgree() ? "agree" : "DIFFER"));
            }
            lines.add(String.format(Locale.ROOT, "%-7s %-7s %-22s %9s %9s %6.1f%%   %9s %9s %6.1f%%   " +
                "verdicts agree for %d of %d", budget.budget(), shadow, "median", "", "",
                budget.medianLossError() * 100, "", "", budget.medianP99Error() * 100, budget.agreeingVerdicts(),
                budget.rows().size()));
        }
        return lines;
    }

    /**
     * Writes the CSV file and the HTML report.
     *
     * @param directory where.
     * @param result    the run.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final Path directory, final FidelityResult result) throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(CSV_FILE), csv(result));
        Files.writeString(directory.resolve(HTML_FILE), html(result));
    }

    static String csv(final FidelityResult result)
    {
        final StringBuilder out = new StringBuilder();
        out.append("budget,sampled,shadow_devices,network_devices,change,observed_loss_delta,predicted_loss_delta," +
            "plain_loss_delta,loss_error,observed_p99_delta,predicted_p99_delta,plain_p99_delta,p99_error," +
            "harmful_whole,harmful_shadow,agree,note\n");
        for (final FidelityResult.Budget budget : result.budgets())
        {
            for (final FidelityRow row : budget.rows())
            {
                out.append(String.format(Locale.ROOT,
                    "%s,%d,%d,%d,%s,%.6f,%.6f,%.6f,%.4f,%.6f,%.6f,%.6f,%.4f,%b,%b,%b,%s%n",
                    budget.budget(), budget.sampled(), budget.shadowDevices(), result.networkDevices(), row.changeId(),
                    row.observedLoss(), row.predictedLoss(), row.plainLoss(), row.lossError(), row.observedP99(),
                    row.predictedP99(), row.plainP99(), row.p99Error(), row.harmfulOnWhole(), row.harmfulOnShadow(),
                    row.verdictsAgree(), row.note()));
            }
            if (!budget.error().isEmpty())
            {
                out.append(budget.budget()).append(",0,0,").append(result.networkDevices())
                    .append(",,,,,,,,,,,,,\"no plan: ").append(budget.error().replace("\"", "'")).append("\"\n");
            }
        }
        return out.toString();
    }

    static String html(final FidelityResult result)
    {
        final String title = "netshadow fidelity: " + result.profileName();
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
            .append("</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;")
            .append("white-space:pre}text{font-size:11px}</style></head><body>\n<h1>").append(escape(title))
            .append("</h1>\n<p>").append(escape(result.command())).append("</p>\n<pre>");
        for (final String line : table(result))
        {
            html.append(escape(line)).append('\n');
        }
        html.append("</pre>\n<h2>Predicted against observed change</h2>\n<p>One point per change and budget; on the ")
            .append("diagonal the shadow predicted exactly what the whole network did.</p>\n");
        scatter(html, result, "Loss ratio change (absolute)", true);
        scatter(html, result, "p99 latency change (share of baseline)", false);
        html.append("<h2>Median relative error per budget</h2>\n");
        errorBars(html, result);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void scatter(
        final StringBuilder html, final FidelityResult result, final String title, final boolean loss)
    {
        double low = 0;
        double high = 0;
        for (final FidelityResult.Budget budget : result.budgets())
        {
            for (final FidelityRow row : budget.rows())
            {
                if (row.note().isEmpty())
                {
                    final double observed = loss ? row.observedLoss() : row.observedP99();
                    final double predicted = loss ? row.predictedLoss() : row.predictedP99();
                    low = Math.min(low, Math.min(observed, predicted));
                    high = Math.max(high, Math.max(observed, predicted));
                }
            }
        }
        final double span = high - low > 0 ? (high - low) * 1.05 : 1;
        final int width = PLOT_SIZE + 2 * MARGIN + 160;
        final int height = PLOT_SIZE + 2 * MARGIN;
        html.append("<h3>").append(escape(title)).append("</h3>\n<svg width=\"").append(width).append("\" height=\"")
            .append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n" +
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>%n" +
            "<text x=\"%d\" y=\"%d\">%.4g</text><text x=\"%d\" y=\"%d\">%.4g</text>%n" +
            "<text x=\"%d\" y=\"%d\">observed on the whole network</text>%n" +
            "<text x=\"4\" y=\"%d\">predicted</text>%n",
            MARGIN, MARGIN, PLOT_SIZE, PLOT_SIZE,
            MARGIN, MARGIN + PLOT_SIZE, MARGIN + PLOT_SIZE, MARGIN,
            MARGIN, MARGIN + PLOT_SIZE + 14, low, MARGIN + PLOT_SIZE - 40, MARGIN + PLOT_SIZE + 14, low + span,
            MARGIN + PLOT_SIZE / 2 - 70, MARGIN + PLOT_SIZE + 34, MARGIN - 8));
        for (int b = 0; b < result.budgets().size(); b++)
        {
            final FidelityResult.Budget budget = result.budgets().get(b);
            final String colour = COLOURS[b % COLOURS.length];
            for (final FidelityRow row : budget.rows())
            {
                if (!row.note().isEmpty())
                {
                    continue;
                }
                final double x = MARGIN + ((loss ? row.observedLoss() : row.observedP99()) - low) / span * PLOT_SIZE;
                final double y = MARGIN + PLOT_SIZE -
                    ((loss ? row.predictedLoss() : row.predictedP99()) - low) / span * PLOT_SIZE;
                html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">" +
                    "<title>%s at %s</title></circle>%n", x, y, colour, escape(row.changeId()),
                    escape(budget.budget())));
            }
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">budget %s</text>%n",
                MARGIN + PLOT_SIZE + 20, MARGIN + 14 + 16 * b, colour, escape(budget.budget())));
        }
        html.append("</svg>\n");
    }

    private static void errorBars(final StringBuilder html, final FidelityResult result)
    {
        final List<FidelityResult.Budget> planned = result.budgets().stream()
            .filter(budget -> budget.error().isEmpty())
            .toList();
        double max = 0.1;
        for (final FidelityResult.Budget budget : planned)
        {
            max = Math.max(max, Math.max(budget.medianLossError(), budget.medianP99Error()));
        }
        final int barWidth = 28;
        final int width = 2 * MARGIN + Math.max(1, planned.size()) * (2 * barWidth + 30) + 160;
        final int height = 220;
        final int plotHeight = height - 2 * MARGIN;
        html.append("<svg width=\"").append(width).append("\" height=\"").append(height)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        final double targetY = MARGIN + plotHeight - 0.1 / max * plotHeight;
        html.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4\"/>" +
            "<text x=\"4\" y=\"%.1f\">10%%</text>%n<text x=\"4\" y=\"%d\">%.0f%%</text>%n",
            MARGIN, targetY, width - 160, targetY, targetY + 4, MARGIN + 4, max * 100));
        for (int b = 0; b < planned.size(); b++)
        {
            final FidelityResult.Budget budget = planned.get(b);
            final int x = MARGIN + b * (2 * barWidth + 30);
            bar(html, x, budget.medianLossError(), max, plotHeight, barWidth, COLOURS[0]);
            bar(html, x + barWidth, budget.medianP99Error(), max, plotHeight, barWidth, COLOURS[1]);
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x, MARGIN + plotHeight + 16,
                escape(budget.budget())));
        }
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">loss ratio</text>" +
            "<text x=\"%d\" y=\"%d\" fill=\"%s\">p99 latency</text>%n", width - 150, MARGIN + 14, COLOURS[0],
            width - 150, MARGIN + 30, COLOURS[1]));
        html.append("</svg>\n");
    }

    private static void bar(
        final StringBuilder html,
        final int x,
        final double value,
        final double max,
        final int plotHeight,
        final int barWidth,
        final String colour)
    {
        final double shown = Double.isNaN(value) ? 0 : Math.min(value, max);
        final double barHeight = shown / max * plotHeight;
        html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">" +
            "<title>%.1f%%</title></rect>%n", x, MARGIN + plotHeight - barHeight, barWidth - 4, barHeight, colour,
            value * 100));
    }

    private static String signed(final double value)
    {
        return String.format(Locale.ROOT, "%+.4f", value);
    }

    private static String verdict(final boolean harmful)
    {
        return harmful ? "harmful" : "fine";
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
