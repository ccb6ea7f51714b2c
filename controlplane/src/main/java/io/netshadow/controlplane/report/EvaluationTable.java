package io.netshadow.controlplane.report;

import io.netshadow.forecaster.evaluation.MethodSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-method table {@code netshadow evaluate} prints: recall, false rollbacks, time to verdict (median and 90th
 * percentile, apart for harmful changes, where it is the time to roll back or to miss, and harmless ones, the time to
 * keep or to roll back wrongly), harm and cost per sample, a method a row.
 */
public final class EvaluationTable
{
    /** The table's header line. */
    public static final String HEADER = String.format(Locale.ROOT, "%-18s %9s %7s %17s %19s %19s %11s %11s %14s",
        "method", "scenarios", "recall", "false rollbacks", "ttv harmful p50/90", "ttv harmless p50/90", "total harm",
        "median harm", "cost/sample");

    private EvaluationTable()
    {
    }

    /**
     * The table: the header, then a row per method.
     *
     * @param summaries the methods' summaries, in the order to print.
     * @return the lines.
     */
    public static List<String> lines(final List<MethodSummary> summaries)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (final MethodSummary summary : summaries)
        {
            lines.add(row(summary));
        }
        return lines;
    }

    /**
     * One method's row.
     *
     * @param summary the method's summary.
     * @return the row, aligned with {@link #HEADER}.
     */
    public static String row(final MethodSummary summary)
    {
        final String falseRollbacks = Double.isNaN(summary.falseRollbackShare()) ? "-" :
            String.format(Locale.ROOT, "%d (%.1f %%)", summary.falseRollbacks(), 100 * summary.falseRollbackShare());
        return String.format(Locale.ROOT, "%-18s %9d %7s %17s %19s %19s %11s %11s %14s",
            summary.method(),
            summary.scenarios(),
            number("%.3f", summary.recall()),
            falseRollbacks,
            times(summary.medianTimeToVerdictHarmfulS(), summary.p90TimeToVerdictHarmfulS()),
            times(summary.medianTimeToVerdictHarmlessS(), summary.p90TimeToVerdictHarmlessS()),
            number("%.1f", summary.totalHarm()),
            number("%.2f", summary.medianHarm()),
            number("%,.0f ns", summary.costPerSampleNs()));
    }

    private static String times(final double medianS, final double p90S)
    {
        return Double.isNaN(medianS) ? "-" : String.format(Locale.ROOT, "%.0f / %.0f s", medianS, p90S);
    }

    private static String number(final String format, final double value)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
