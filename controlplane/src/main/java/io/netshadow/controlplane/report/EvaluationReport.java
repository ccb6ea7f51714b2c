package io.netshadow.controlplane.report;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.evaluation.MethodSummary;
import io.netshadow.forecaster.evaluation.ScenarioResult;
import io.netshadow.forecaster.evaluation.SuiteEvaluation;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioShape;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Writes the evaluation as a self-contained HTML page: the per-method table, a bar chart of the methods' headline
 * figures, and for the first scenario of each shape an SVG chart of the deciding KPI's live and shadow series with
 * its threshold, the change, the harm's onset and each method's verdict (with its prediction interval when the method
 * gives one).
 */
public final class EvaluationReport
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int MARGIN = 60;
    private static final String LIVE_COLOUR = "#1f77b4";
    private static final String SHADOW_COLOUR = "#2ca02c";
    private static final String THRESHOLD_COLOUR = "#d62728";
    private static final String[] METHOD_COLOURS = {"#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    private static final int BAR_PANEL_WIDTH = 210;
    private static final int BAR_HEIGHT = 200;

    private EvaluationReport()
    {
    }

    /**
     * Writes the report.
     *
     * @param file        where.
     * @param title       page title.
     * @param summary     lines of text shown above the table.
     * @param evaluations each method's evaluation over the same scenarios, in the same order.
     * @throws IOException when the file cannot be written.
     */
    public static void write(
        final Path file,
        final String title,
        final List<String> summary,
        final List<SuiteEvaluation.MethodEvaluation> evaluations) throws IOException
    {
        final StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
            .append("</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;")
            .append("white-space:pre}text{font-size:11px}</style></head><body>\n<h1>").append(escape(title))
            .append("</h1>\n<pre>");
        for (final String line : summary)
        {
            html.append(escape(line)).append('\n');
        }
        html.append('\n');
        for (final String line : EvaluationTable.lines(evaluations.stream().map(
            SuiteEvaluation.MethodEvaluation::summary).toList()))
        {
            html.append(escape(line)).append('\n');
        }
        html.append("</pre>\n<h2>Headline figures</h2>\n");
        bars(html, evaluations.stream().map(SuiteEvaluation.MethodEvaluation::summary).toList());
        html.append("<h2>A scenario of each shape</h2>\n");
        if (!evaluations.isEmpty())
        {
            final List<ScenarioResult> first = evaluations.getFirst().results();
            for (final ScenarioShape shape : ScenarioShape.values())
            {
                for (int i = 0; i < first.size(); i++)
                {
                    if (first.get(i).scenario().shape() == shape)
                    {
                        scenario(html, evaluations, i);
                        break;
                    }
                }
            }
        }
        html.append("</body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html);
    }

    private static void bars(final StringBuilder html, final List<MethodSummary> summaries)
    {
        final List<Panel> panels = List.of(
            new Panel("recall on harmful", "%.3f", MethodSummary::recall),
            new Panel("false rollbacks %", "%.1f", summary -> 100 * summary.falseRollbackShare()),
            new Panel("median time to roll back s", "%.0f", MethodSummary::medianTimeToVerdictHarmfulS),
            new Panel("median time to keep s", "%.0f", MethodSummary::medianTimeToVerdictHarmlessS),
            new Panel("total harm", "%.1f", MethodSummary::totalHarm));
        final int width = panels.size() * BAR_PANEL_WIDTH + 20;
        final int height = BAR_HEIGHT + 70;
        html.append("<svg width=\"").append(width).append("\" height=\"").append(height)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int p = 0; p < panels.size(); p++)
        {
            final Panel panel = panels.get(p);
            final int left = 10 + p * BAR_PANEL_WIDTH;
            double max = 0;
            for (final MethodSummary summary : summaries)
            {
                max = Math.max(max, finite(panel.figure().applyAsDouble(summary)));
            }
            max = 0 == max ? 1 : max;
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\">%s</text>%n", left, escape(panel.title())));
            final int barWidth = Math.max(8, (BAR_PANEL_WIDTH - 40) / Math.max(1, summaries.size()));
            for (int m = 0; m < summaries.size(); m++)
            {
                final double value = panel.figure().applyAsDouble(summaries.get(m));
                final double barHeight = BAR_HEIGHT * finite(value) / max;
                final int x = left + m * barWidth;
                final double y = 30 + BAR_HEIGHT - barHeight;
                html.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>" +
                    "<text x=\"%d\" y=\"%.1f\">%s</text>%n",
                    x, y, barWidth - 4, barHeight, METHOD_COLOURS[m % METHOD_COLOURS.length], x, y - 3,
                    Double.isNaN(value) ? "-" : String.format(Locale.ROOT, panel.format(), value)));
            }
        }
        for (int m = 0; m < summaries.size(); m++)
        {
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                10 + m * 160, height - 10, METHOD_COLOURS[m % METHOD_COLOURS.length],
                escape(summaries.get(m).method())));
        }
        html.append("</svg>\n");
    }

    private static void scenario(
        final StringBuilder html, final List<SuiteEvaluation.MethodEvaluation> evaluations, final int index)
    {
        final Scenario scenario = evaluations.getFirst().results().get(index).scenario();
        final SuiteKpi kpi = decidingKpi(scenario, evaluations, index);
        final double[] live = scenario.live()[kpi.ordinal()];
        final double[] shadow = scenario.shadow()[kpi.ordinal()];
        final KpiThreshold threshold = SuiteEvaluation.liveThreshold(scenario, kpi);
        final double limit = null == threshold ? Double.NaN :
            threshold.limit(SuiteEvaluation.baseline(live, scenario.changeIndex()));

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < live.length; t++)
        {
            min = Math.min(min, Math.min(live[t], shadow[t]));
            max = Math.max(max, Math.max(live[t], shadow[t]));
        }
        if (!Double.isNaN(limit))
        {
            min = Math.min(min, limit);
            max = Math.max(max, limit);
        }
        final double pad = max > min ? 0.05 * (max - min) : Math.max(1e-12, Math.abs(max) * 0.05);
        final Axes axes = new Axes(live.length, min - pad, max + pad);

        html.append("<h3>").append(escape(scenario.id())).append(": ").append(scenario.shape().name())
            .append(scenario.harmful() ? " (harmful)" : " (harmless)").append(", ")
            .append(escape(kpi.series("live"))).append("</h3>\n<svg width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
            MARGIN, MARGIN, axes.plotWidth(), axes.plotHeight()));
        html.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%.4g</text><text x=\"2\" y=\"%d\">%.4g</text>%n",
            MARGIN + 4, axes.top(), MARGIN + axes.plotHeight(), axes.bottom()));
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f s</text>%n",
            MARGIN + axes.plotWidth() - 30, HEIGHT - 25, live.length * scenario.intervalNs() / 1e9));
        marker(html, axes, scenario.changeIndex(), "#888", "change", 0);
        if (scenario.harmOnset() > scenario.changeIndex())
        {
            marker(html, axes, scenario.harmOnset(), "#888", "harm onset", 12);
        }
        if (!Double.isNaN(limit))
        {
            html.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 3\"/>%n",
                MARGIN, axes.y(limit), MARGIN + axes.plotWidth(), axes.y(limit), THRESHOLD_COLOUR));
        }
        polyline(html, axes, shadow, SHADOW_COLOUR);
        polyline(html, axes, live, LIVE_COLOUR);
        for (int m = 0; m < evaluations.size(); m++)
        {
            verdict(html, axes, evaluations.get(m).results().get(index), METHOD_COLOURS[m % METHOD_COLOURS.length], m);
        }
        final String[][] legend = {{LIVE_COLOUR, "live"}, {SHADOW_COLOUR, "shadow"}, {THRESHOLD_COLOUR, "threshold"}};
        for (int i = 0; i < legend.length; i++)
        {
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                MARGIN + 10 + i * 100, HEIGHT - 25, legend[i][0], legend[i][1]));
        }
        html.append("</svg>\n");
    }

    private static void verdict(
        final StringBuilder html, final Axes axes, final ScenarioResult result, final String colour, final int row)
    {
        final Decision decision = result.decision();
        final double x = axes.x(result.decidedInterval() + 1);
        final String label = String.format(Locale.ROOT, "%s: %s after %.0f s", result.method(),
            Decision.Kind.ROLL_BACK == decision.kind() ? "roll back" : "keep", result.timeToVerdictS());
        html.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>" +
            "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>%n",
            x, MARGIN, x, MARGIN + axes.plotHeight(), colour,
            Math.min(x + 3, WIDTH - 200.0), MARGIN + 12 + 12 * row, colour, escape(label)));
        if (!Double.isNaN(decision.lower()) && !Double.isNaN(decision.upper()))
        {
            final double top = axes.y(Math.min(axes.top(), Math.max(decision.lower(), decision.upper())));
            final double bottom = axes.y(Math.max(axes.bottom(), Math.min(decision.lower(), decision.upper())));
            html.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.3\"/>%n",
                x - 4, top, Math.max(1.0, bottom - top), colour));
        }
        if (!Double.isNaN(decision.predicted()))
        {
            final double y = axes.y(Math.max(axes.bottom(), Math.min(axes.top(), decision.predicted())));
            html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                x, y, colour));
        }
    }

    private static void marker(final StringBuilder html, final Axes axes, final int interval, final String colour,
        final String label, final int labelOffset)
    {
        final double x = axes.x(interval);
        html.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4\"/>" +
            "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
            x, MARGIN, x, MARGIN + axes.plotHeight(), colour, x + 2, MARGIN - 6 - labelOffset, escape(label)));
    }

    private static void polyline(final StringBuilder html, final Axes axes, final double[] series, final String colour)
    {
        final StringBuilder points = new StringBuilder(series.length * 12);
        for (int t = 0; t < series.length; t++)
        {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(t + 0.5), axes.y(series[t])));
        }
        html.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" points=\"").append(points)
            .append("\"/>\n");
    }

    private static SuiteKpi decidingKpi(
        final Scenario scenario, final List<SuiteEvaluation.MethodEvaluation> evaluations, final int index)
    {
        if (!scenario.harmedKpis().isEmpty())
        {
            return scenario.harmedKpis().getFirst();
        }
        final List<String> deciding = new ArrayList<>();
        for (final SuiteEvaluation.MethodEvaluation evaluation : evaluations)
        {
            final String series = evaluation.results().get(index).decision().series();
            if (null != series)
            {
                deciding.add(series);
            }
        }
        for (final String series : deciding)
        {
            for (final SuiteKpi kpi : SuiteKpi.values())
            {
                if (series.endsWith("." + kpi.seriesName()))
                {
                    return kpi;
                }
            }
        }
        return SuiteKpi.LOSS_RATIO;
    }

    private static double finite(final double value)
    {
        return Double.isFinite(value) ? value : 0.0;
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Panel(String title, String format, ToDoubleFunction<MethodSummary> figure)
    {
    }

    private record Axes(int intervals, double bottom, double top)
    {
        int plotWidth()
        {
            return WIDTH - 2 * MARGIN;
        }

        int plotHeight()
        {
            return HEIGHT - 2 * MARGIN;
        }

        double x(final double interval)
        {
            return MARGIN + plotWidth() * interval / intervals;
        }

        double y(final double value)
        {
            return MARGIN + plotHeight() - plotHeight() * (value - bottom) / (top - bottom);
        }
    }
}
