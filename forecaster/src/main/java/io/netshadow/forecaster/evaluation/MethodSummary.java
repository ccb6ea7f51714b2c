package io.netshadow.forecaster.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The headline figures of one decision method over a set of scenarios: recall on harmful changes, false rollbacks
 * of harmless ones, time to verdict, harm and cost per sample.
 * <p>
 * Medians and 90th percentiles are nearest-rank: the value at rank {@code ceil(q n)} of the sorted values. Figures
 * over an empty set are NaN.
 *
 * @param method                        the method's name.
 * @param scenarios                     scenarios judged.
 * @param harmful                       harmful scenarios among them.
 * @param harmless                      harmless scenarios among them.
 * @param rolledBackHarmful             harmful scenarios rolled back.
 * @param recall                        rolled-back harmful over harmful.
 * @param falseRollbacks                harmless scenarios rolled back.
 * @param falseRollbackShare            false rollbacks over harmless.
 * @param medianTimeToVerdictS          median time to verdict over all scenarios.
 * @param p90TimeToVerdictS             90th percentile of time to verdict over all scenarios.
 * @param medianTimeToVerdictHarmfulS   median time to verdict over harmful scenarios.
 * @param p90TimeToVerdictHarmfulS      90th percentile over harmful scenarios.
 * @param medianTimeToVerdictHarmlessS  median time to verdict over harmless scenarios.
 * @param p90TimeToVerdictHarmlessS     90th percentile over harmless scenarios.
 * @param totalHarm                     harm summed over harmful scenarios, in threshold-delta intervals.
 * @param medianHarm                    median harm per harmful scenario.
 * @param costPerSampleNs               CPU time per interval fed.
 */
public record MethodSummary(
    String method,
    int scenarios,
    int harmful,
    int harmless,
    int rolledBackHarmful,
    double recall,
    int falseRollbacks,
    double falseRollbackShare,
    double medianTimeToVerdictS,
    double p90TimeToVerdictS,
    double medianTimeToVerdictHarmfulS,
    double p90TimeToVerdictHarmfulS,
    double medianTimeToVerdictHarmlessS,
    double p90TimeToVerdictHarmlessS,
    double totalHarm,
    double medianHarm,
    double costPerSampleNs)
{
    /**
     * Summarises one method's results.
     *
     * @param method  the method's name.
     * @param results the method's result on each scenario.
     * @return the summary.
     */
    public static MethodSummary of(final String method, final List<ScenarioResult> results)
    {
        final List<ScenarioResult> harmfulResults = select(results, result -> result.scenario().harmful());
        final List<ScenarioResult> harmlessResults = select(results, result -> !result.scenario().harmful());
        final int rolledBackHarmful = select(harmfulResults, ScenarioResult::rolledBack).size();
        final int falseRollbacks = select(harmlessResults, ScenarioResult::rolledBack).size();
        long cpuNs = 0;
        long intervalsFed = 0;
        double totalHarm = 0;
        for (final ScenarioResult result : results)
        {
            cpuNs += result.cpuNs();
            intervalsFed += result.intervalsFed();
        }
        for (final ScenarioResult result : harmfulResults)
        {
            totalHarm += result.harm();
        }
        return new MethodSummary(
            method,
            results.size(),
            harmfulResults.size(),
            harmlessResults.size(),
            rolledBackHarmful,
            share(rolledBackHarmful, harmfulResults.size()),
            falseRollbacks,
            share(falseRollbacks, harmlessResults.size()),
            quantile(timesToVerdictS(results), 0.5),
            quantile(timesToVerdictS(results), 0.9),
            quantile(timesToVerdictS(harmfulResults), 0.5),
            quantile(timesToVerdictS(harmfulResults), 0.9),
            quantile(timesToVerdictS(harmlessResults), 0.5),
            quantile(timesToVerdictS(harmlessResults), 0.9),
            totalHarm,
            quantile(harmfulResults.stream().mapToDouble(ScenarioResult::harm).toArray(), 0.5),
            0 == intervalsFed ? Double.NaN : (double)cpuNs / intervalsFed);
    }

    /**
     * The nearest-rank quantile of some values.
     *
     * @param values   the values, in any order; not changed.
     * @param quantile the quantile, in (0, 1].
     * @return the value at rank {@code ceil(quantile n)} of the sorted values, NaN when there are none.
     */
    public static double quantile(final double[] values, final double quantile)
    {
        if (0 == values.length)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int)Math.ceil(quantile * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }

    private static double[] timesToVerdictS(final List<ScenarioResult> results)
    {
        return results.stream().mapToDouble(ScenarioResult::timeToVerdictS).toArray();
    }

    private static List<ScenarioResult> select(
        final List<ScenarioResult> results, final Predicate<ScenarioResult> predicate)
    {
        return results.stream().filter(predicate).toList();
    }

    private static double share(final int part, final int whole)
    {
        return 0 == whole ? Double.NaN : (double)part / whole;
    }
}
