package io.netshadow.controlplane.report;

import io.netshadow.forecaster.evaluation.MethodSummary;
import io.netshadow.forecaster.evaluation.ScenarioResult;
import io.netshadow.forecaster.evaluation.SuiteEvaluation;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the evaluation as CSV: {@code summary.csv}, a row per method, and {@code scenarios.csv}, a row per scenario
 * and method. Empty fields stand for figures that do not exist (a recall without harmful scenarios, the deciding
 * series of a keep); figures carry six significant digits.
 */
public final class EvaluationCsv
{
    /** The columns of {@code summary.csv}. */
    public static final String SUMMARY_HEADER = "method,scenarios,harmful,harmless,recall,false_rollbacks," +
        "false_rollback_share,median_time_to_verdict_s,p90_time_to_verdict_s,median_time_to_verdict_harmful_s," +
        "p90_time_to_verdict_harmful_s,median_time_to_verdict_harmless_s,p90_time_to_verdict_harmless_s," +
        "total_harm,median_harm,cost_per_sample_ns";

    /** The columns of {@code scenarios.csv}. */
    public static final String SCENARIOS_HEADER = "method,id,shape,harmful,decision,decided_interval," +
        "time_to_verdict_s,harm,deciding_series";

    private static final MathContext SIGNIFICANT = new MathContext(6);

    private EvaluationCsv()
    {
    }

    /**
     * Writes both files into a directory, creating it.
     *
     * @param directory   where.
     * @param evaluations each method's evaluation.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final Path directory, final List<SuiteEvaluation.MethodEvaluation> evaluations)
        throws IOException
    {
        Files.createDirectories(directory);
        final StringBuilder summary = new StringBuilder(SUMMARY_HEADER).append('\n');
        final StringBuilder scenarios = new StringBuilder(SCENARIOS_HEADER).append('\n');
        for (final SuiteEvaluation.MethodEvaluation evaluation : evaluations)
        {
            summary.append(summaryRow(evaluation.summary())).append('\n');
            for (final ScenarioResult result : evaluation.results())
            {
                scenarios.append(scenarioRow(result)).append('\n');
            }
        }
        Files.writeString(directory.resolve("summary.csv"), summary);
        Files.writeString(directory.resolve("scenarios.csv"), scenarios);
    }

    /**
     * One row of {@code summary.csv}.
     *
     * @param summary a method's summary.
     * @return the row, without a line end.
     */
    public static String summaryRow(final MethodSummary summary)
    {
        return String.join(",",
            field(summary.method()),
            Integer.toString(summary.scenarios()),
            Integer.toString(summary.harmful()),
            Integer.toString(summary.harmless()),
            number(summary.recall()),
            Integer.toString(summary.falseRollbacks()),
            number(summary.falseRollbackShare()),
            number(summary.medianTimeToVerdictS()),
            number(summary.p90TimeToVerdictS()),
            number(summary.medianTimeToVerdictHarmfulS()),
            number(summary.p90TimeToVerdictHarmfulS()),
            number(summary.medianTimeToVerdictHarmlessS()),
            number(summary.p90TimeToVerdictHarmlessS()),
            number(summary.totalHarm()),
            number(summary.medianHarm()),
            number(summary.costPerSampleNs()));
    }

    /**
     * One row of {@code scenarios.csv}.
     *
     * @param result a method's result on a scenario.
     * @return the row, without a line end.
     */
    public static String scenarioRow(final ScenarioResult result)
    {
        final String series = result.decision().series();
        return String.join(",",
            field(result.method()),
            field(result.scenario().id()),
            result.scenario().shape().name(),
            Boolean.toString(result.scenario().harmful()),
            result.decision().kind().name(),
            Integer.toString(result.decidedInterval()),
            number(result.timeToVerdictS()),
            number(result.harm()),
            null == series ? "" : field(series));
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "";
        }
        if (Double.isInfinite(value))
        {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    private static String field(final String text)
    {
        if (text.contains(",") || text.contains("\"") || text.contains("\n"))
        {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
