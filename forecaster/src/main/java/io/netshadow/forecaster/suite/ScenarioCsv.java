package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.EvaluationPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one scenario's series as CSV, one value a row: {@code interval,side,kpi,value}, live before shadow within an
 * interval and KPIs in {@link SuiteKpi} order.
 */
public final class ScenarioCsv
{
    /** The header row. */
    public static final String HEADER = "interval,side,kpi,value";

    private ScenarioCsv()
    {
    }

    /**
     * Writes the header and every value of a scenario.
     *
     * @param scenario the scenario.
     * @param out      where the rows go, each ended by a newline.
     * @throws UncheckedIOException when the output fails.
     */
    public static void write(final Scenario scenario, final Appendable out)
    {
        try
        {
            out.append(HEADER).append('\n');
            final SuiteKpi[] kpis = SuiteKpi.values();
            for (int t = 0; t < scenario.intervals(); t++)
            {
                for (final SuiteKpi kpi : kpis)
                {
                    row(out, t, EvaluationPolicy.LIVE_SIDE, kpi, scenario.live()[kpi.ordinal()][t]);
                }
                for (final SuiteKpi kpi : kpis)
                {
                    row(out, t, EvaluationPolicy.SHADOW_SIDE, kpi, scenario.shadow()[kpi.ordinal()][t]);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing scenario " + scenario.id(), ex);
        }
    }

    private static void row(final Appendable out, final int interval, final String side, final SuiteKpi kpi,
        final double value) throws IOException
    {
        out.append(Integer.toString(interval)).append(',').append(side).append(',').append(kpi.seriesName())
            .append(',').append(Double.toString(value)).append('\n');
    }
}
