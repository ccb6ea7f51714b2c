package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiDirection;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;

/**
 * One metric's comparison of canary samples with baseline samples, as Kayenta's NetflixACAJudge does it: Tukey-fence
 * outlier removal on each side, then a two-sided Mann-Whitney U test and an effect-size tolerance. The metric fails
 * when both say it got worse: the test rejects equality at the confidence level and the canary's location, as a
 * ratio of the baseline median, lies beyond the tolerance in the KPI's worse direction.
 * <p>
 * The canary's location is the baseline median moved by the Hodges-Lehmann shift (the median of every canary minus
 * baseline difference). A baseline median of zero makes any shift an unbounded ratio (1 when there is no shift).
 */
public final class CanaryComparison
{
    private final double iqrFactor;
    private final double alpha;
    private final double tolerance;
    private final MannWhitneyUTest test = new MannWhitneyUTest();

    /**
     * What the comparison found for one metric.
     *
     * @param failed        true when the canary is significantly and tolerably-beyond worse.
     * @param pValue        the test's two-sided p-value, 1 when a side had no samples left.
     * @param effectRatio   the canary's location over the baseline median.
     * @param location      the canary's location: baseline median plus the Hodges-Lehmann shift.
     * @param baselineMedian the baseline's median after outlier removal.
     * @param baselineKept  baseline samples left after outlier removal.
     * @param canaryKept    canary samples left after outlier removal.
     */
    public record Result(
        boolean failed,
        double pValue,
        double effectRatio,
        double location,
        double baselineMedian,
        int baselineKept,
        int canaryKept)
    {
    }

    /**
     * A comparison with chosen parameters.
     *
     * @param iqrFactor  the Tukey fence factor: samples beyond the quartiles by more than this many IQRs are dropped.
     * @param confidence the test's confidence, e.g. 0.98 for a two-sided p below 0.02.
     * @param tolerance  the allowed increase or decrease of the location, as a fraction of the baseline median.
     */
    public CanaryComparison(final double iqrFactor, final double confidence, final double tolerance)
    {
        if (iqrFactor <= 0 || confidence <= 0 || confidence >= 1 || tolerance < 0)
        {
            throw new IllegalArgumentException("need a positive IQR factor, a confidence in (0, 1) and a " +
                "non-negative tolerance: " + iqrFactor + ", " + confidence + ", " + tolerance);
        }
        this.iqrFactor = iqrFactor;
        this.alpha = 1.0 - confidence;
        this.tolerance = tolerance;
    }

    /**
     * The allowed increase or decrease of the canary's location.
     *
     * @return the tolerance as a fraction of the baseline median.
     */
    public double tolerance()
    {
        return tolerance;
    }

    /**
     * Compares a metric's canary samples with its baseline samples.
     *
     * @param baseline  the baseline samples; not changed.
     * @param canary    the canary samples; not changed.
     * @param direction which way the metric gets worse.
     * @return the result.
     */
    public Result compare(final double[] baseline, final double[] canary, final KpiDirection direction)
    {
        final double[] keptBaseline = withoutOutliers(baseline, iqrFactor);
        final double[] keptCanary = withoutOutliers(canary, iqrFactor);
        if (0 == keptBaseline.length || 0 == keptCanary.length)
        {
            return new Result(false, 1.0, 1.0, Double.NaN, Double.NaN, keptBaseline.length, keptCanary.length);
        }
        final double pValue = test.mannWhitneyUTest(keptBaseline, keptCanary);
        final double baselineMedian = median(keptBaseline);
        final double shift = hodgesLehmannShift(keptBaseline, keptCanary);
        final double location = baselineMedian + shift;
        final double effectRatio = 0 == baselineMedian ?
            (0 == shift ? 1.0 : Math.copySign(Double.POSITIVE_INFINITY, shift)) : location / baselineMedian;
        final boolean worseBeyondTolerance = KpiDirection.HIGHER_IS_WORSE == direction ?
            effectRatio > 1.0 + tolerance : effectRatio < 1.0 - tolerance;
        return new Result(pValue < alpha && worseBeyondTolerance, pValue, effectRatio, location, baselineMedian,
            keptBaseline.length, keptCanary.length);
    }

    /**
     * The samples inside the Tukey fences: from the first quartile minus {@code factor} IQRs to the third quartile
     * plus {@code factor} IQRs, quartiles as Apache Commons Math's default percentile estimates them.
     *
     * @param samples the samples; not changed.
     * @param factor  the fence factor, 1.5 for Tukey's.
     * @return the samples kept, in their order.
     */
    public static double[] withoutOutliers(final double[] samples, final double factor)
    {
        if (samples.length < 2)
        {
            return samples.clone();
        }
        final Percentile percentile = new Percentile();
        percentile.setData(samples);
        final double first = percentile.evaluate(25.0);
        final double third = percentile.evaluate(75.0);
        final double iqr = third - first;
        final double low = first - factor * iqr;
        final double high = third + factor * iqr;
        return Arrays.stream(samples).filter(sample -> sample >= low && sample <= high).toArray();
    }

    /**
     * The Hodges-Lehmann estimate of the shift from baseline to canary: the median of every canary minus baseline
     * difference.
     *
     * @param baseline the baseline samples.
     * @param canary   the canary samples.
     * @return the shift.
     */
    public static double hodgesLehmannShift(final double[] baseline, final double[] canary)
    {
        final double[] differences = new double[baseline.length * canary.length];
        int i = 0;
        for (final double c : canary)
        {
            for (final double b : baseline)
            {
                differences[i++] = c - b;
            }
        }
        return median(differences);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return 0 == (sorted.length & 1) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }
}
