package io.netshadow.forecaster.evaluation;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;

import java.util.Arrays;

/**
 * The pre-change baseline of one KPI series: a thresholded Random Cut Forest (the anomaly grading of the forecaster's
 * series model, without its forecast, which the line below serves more cheaply) grades each value's anomaly, and the
 * last {@link #WINDOW_SAMPLES} values it did not find anomalous carry a least-squares line (level and slope,
 * which follows the daily swing over the few dozen intervals a decision takes) and the scale of the values around it
 * (from their median absolute deviation). Unrelated spikes before a change thus move neither the level nor the scale.
 * Learning stops at the change ({@link #freeze()}); from then on the line forecasts the series as if the change had
 * not happened, or, when the pre-change values repeat with a period (a daily cycle, found from their
 * autocorrelation), the median of the values at the same phase one and more periods before, moved by how far the
 * newest values stood from theirs.
 */
final class SeriesBaseline
{
    static final int WINDOW_SAMPLES = 48;
    static final int SHINGLE_SIZE = 4;
    static final int FOREST_SAMPLE_SIZE = 64;
    static final int NUMBER_OF_TREES = 20;
    static final int FOREST_OUTPUT_AFTER_SAMPLES = 16;
    static final int MIN_FIT_SAMPLES = 12;
    static final double ANOMALY_GRADE_LIMIT = 0.5;
    static final double MAD_TO_SIGMA = 1.4826;
    static final double OUTLIER_SIGMA = 3.5;
    static final double TREND_DAMPING = 0.95;
    static final double MIN_SIGMA_FRACTION_OF_LEVEL = 0.01;
    static final int MAX_HISTORY_INTERVALS = 2048;
    static final int MIN_PERIOD_INTERVALS = 12;
    static final double PERIOD_TROUGH_ACF = 0.1;
    static final double MIN_PERIOD_ACF = 0.3;
    static final int SEASON_NEIGHBOURS = 1;
    static final int LEVEL_OFFSET_SAMPLES = 120;

    private final ThresholdedRandomCutForest forest;
    private final double[] input = new double[1];
    private final int[] intervals = new int[WINDOW_SAMPLES];
    private final double[] values = new double[WINDOW_SAMPLES];
    private final double[] scratch = new double[WINDOW_SAMPLES];
    private int size;
    private int next;
    private double meanInterval;
    private double meanValue;
    private double slope;
    private double fitCount;
    private int newestInterval;
    private double fitSpread;
    private double sigma = Double.NaN;
    private boolean lastAnomalous;
    private final double[] history = new double[MAX_HISTORY_INTERVALS];
    private final double[] residualScratch = new double[MAX_HISTORY_INTERVALS];
    private final double[] phaseValues = new double[MAX_HISTORY_INTERVALS];
    private int firstInterval = -1;
    private int historyLength;
    private boolean frozen;
    private int period;
    private double seasonalSigma = Double.NaN;
    private double levelOffset;

    SeriesBaseline(final String series)
    {
        forest = ThresholdedRandomCutForest.builder()
            .dimensions(SHINGLE_SIZE)
            .shingleSize(SHINGLE_SIZE)
            .internalShinglingEnabled(true)
            .sampleSize(FOREST_SAMPLE_SIZE)
            .numberOfTrees(NUMBER_OF_TREES)
            .outputAfter(FOREST_OUTPUT_AFTER_SAMPLES)
            .transformMethod(TransformMethod.NORMALIZE)
            .randomSeed(series.hashCode())
            .build();
    }

    /**
     * Learns one pre-change value unless the forest grades it anomalous, then refits the line.
     *
     * @param interval the value's interval.
     * @param timeNs   the interval's time.
     * @param value    the value, finite and non-negative.
     */
    void learn(final int interval, final long timeNs, final double value)
    {
        input[0] = value;
        lastAnomalous = forest.process(input, timeNs).getAnomalyGrade() >= ANOMALY_GRADE_LIMIT;
        remember(interval, lastAnomalous ? Double.NaN : value);
        if (!lastAnomalous)
        {
            intervals[next] = interval;
            newestInterval = interval;
            values[next] = value;
            next = (next + 1) % WINDOW_SAMPLES;
            size = Math.min(size + 1, WINDOW_SAMPLES);
            fit();
        }
    }

    boolean isReady()
    {
        return size >= MIN_FIT_SAMPLES;
    }

    boolean lastAnomalous()
    {
        return lastAnomalous;
    }

    /**
     * The baseline's value at an interval: the line with its trend damped past the newest value, never below zero.
     *
     * @param interval the interval.
     * @return the forecast, NaN until ready.
     */
    double forecast(final int interval)
    {
        if (!isReady())
        {
            return Double.NaN;
        }
        if (isSeasonal())
        {
            return Math.max(0.0, seasonalNaive(interval, historyLength) + levelOffset);
        }
        return Math.max(0.0, meanValue + slope * (dampedInterval(interval) - meanInterval));
    }

    /**
     * The scatter of single values around the line.
     *
     * @return the standard deviation estimate, NaN until ready.
     */
    double sigma()
    {
        if (!isReady())
        {
            return Double.NaN;
        }
        return isSeasonal() ? seasonalSigma : sigma;
    }

    /**
     * The scatter of a single value at an interval around the line's forecast, widened for the uncertainty of the
     * line's level and slope the further the interval lies from the values the line was fitted on: the prediction
     * interval of a least-squares line.
     *
     * @param interval the interval.
     * @return the standard deviation estimate, NaN until ready.
     */
    double forecastSigma(final int interval)
    {
        if (!isReady())
        {
            return Double.NaN;
        }
        if (isSeasonal())
        {
            return seasonalSigma;
        }
        final double distance = dampedInterval(interval) - meanInterval;
        final double slopeTerm = fitSpread > 0.0 ? distance * distance / fitSpread : 0.0;
        return sigma * Math.sqrt(1.0 + 1.0 / fitCount + slopeTerm);
    }

    /**
     * Where on the line an interval falls once the trend is damped: beyond the newest learned value each further
     * interval moves {@link #TREND_DAMPING} times as far as the one before, so that a daily swing near its crest is
     * not carried on as a straight line.
     */
    private double dampedInterval(final int interval)
    {
        final int ahead = interval - newestInterval;
        if (ahead <= 1)
        {
            return interval;
        }
        return newestInterval + TREND_DAMPING * (1.0 - Math.pow(TREND_DAMPING, ahead)) / (1.0 - TREND_DAMPING);
    }

    /**
     * Whether the series repeats with a period its pre-change history shows (a daily cycle): then the baseline at an
     * interval is the median of the values one and more periods before, around the same phase, moved by how far the
     * newest values stood from theirs, and the scale is how far single values scattered around that.
     */
    private boolean isSeasonal()
    {
        return frozen && period > 0;
    }

    /**
     * Ends learning at the change: finds the series' period, if it has one, and the seasonal baseline's scale.
     */
    void freeze()
    {
        if (!frozen && isReady())
        {
            prepareSeason();
        }
        frozen = true;
    }

    private void remember(final int interval, final double value)
    {
        if (firstInterval < 0)
        {
            firstInterval = interval;
        }
        final int at = interval - firstInterval;
        if (at >= 0 && at < MAX_HISTORY_INTERVALS)
        {
            for (int i = historyLength; i < at; i++)
            {
                history[i] = Double.NaN;
            }
            history[at] = value;
            historyLength = Math.max(historyLength, at + 1);
        }
    }

    private void prepareSeason()
    {
        period = seasonalPeriod();
        if (0 == period)
        {
            return;
        }
        int residuals = 0;
        final double[] levelResiduals = new double[LEVEL_OFFSET_SAMPLES];
        int levelCount = 0;
        for (int at = historyLength - 1; at >= period; at--)
        {
            final double naive = seasonalNaive(at + firstInterval, at);
            if (!Double.isNaN(history[at]) && !Double.isNaN(naive))
            {
                final double residual = history[at] - naive;
                residualScratch[residuals++] = residual;
                if (levelCount < LEVEL_OFFSET_SAMPLES)
                {
                    levelResiduals[levelCount++] = residual;
                }
            }
        }
        if (residuals < MIN_FIT_SAMPLES)
        {
            period = 0;
            return;
        }
        levelOffset = median(levelResiduals, levelCount);
        final double residualMedian = median(residualScratch, residuals);
        for (int i = 0; i < residuals; i++)
        {
            residualScratch[i] = Math.abs(residualScratch[i] - residualMedian);
        }
        seasonalSigma = Math.max(MAD_TO_SIGMA * median(residualScratch, residuals),
            MIN_SIGMA_FRACTION_OF_LEVEL * Math.abs(meanValue));
    }

    private int seasonalPeriod()
    {
        double mean = 0.0;
        int count = 0;
        for (int i = 0; i < historyLength; i++)
        {
            if (!Double.isNaN(history[i]))
            {
                mean += history[i];
                count++;
            }
        }
        if (count < 4 * MIN_PERIOD_INTERVALS)
        {
            return 0;
        }
        mean /= count;
        double variance = 0.0;
        for (int i = 0; i < historyLength; i++)
        {
            if (!Double.isNaN(history[i]))
            {
                variance += (history[i] - mean) * (history[i] - mean);
            }
        }
        variance /= count;
        boolean pastTrough = false;
        int best = 0;
        double bestAcf = MIN_PERIOD_ACF;
        for (int lag = MIN_PERIOD_INTERVALS; lag <= historyLength / 2; lag++)
        {
            double covariance = 0.0;
            int pairs = 0;
            for (int i = lag; i < historyLength; i++)
            {
                if (!Double.isNaN(history[i]) && !Double.isNaN(history[i - lag]))
                {
                    covariance += (history[i] - mean) * (history[i - lag] - mean);
                    pairs++;
                }
            }
            final double acf = pairs > 0 && variance > 0.0 ? covariance / pairs / variance : 0.0;
            pastTrough |= acf < PERIOD_TROUGH_ACF;
            if (pastTrough && acf > bestAcf)
            {
                bestAcf = acf;
                best = lag;
            }
        }
        return best;
    }

    private double seasonalNaive(final int interval, final int before)
    {
        final int at = interval - firstInterval;
        int count = 0;
        for (int back = period; at - back + SEASON_NEIGHBOURS >= 0; back += period)
        {
            for (int j = -SEASON_NEIGHBOURS; j <= SEASON_NEIGHBOURS; j++)
            {
                final int from = at - back + j;
                if (from >= 0 && from < Math.min(before, historyLength) && !Double.isNaN(history[from]))
                {
                    phaseValues[count++] = history[from];
                }
            }
        }
        return count > 0 ? median(phaseValues, count) : Double.NaN;
    }

    private static double median(final double[] values, final int count)
    {
        Arrays.sort(values, 0, count);
        return 0 == count % 2 ? 0.5 * (values[count / 2 - 1] + values[count / 2]) : values[count / 2];
    }

    private void fit()
    {
        if (size < MIN_FIT_SAMPLES)
        {
            return;
        }
        fitLine(Double.POSITIVE_INFINITY);
        sigma = residualSigma();
        fitLine(OUTLIER_SIGMA * Math.max(sigma, MIN_SIGMA_FRACTION_OF_LEVEL * Math.abs(meanValue)));
        sigma = residualSigma();
    }

    private void fitLine(final double maxResidual)
    {
        final double previousMeanInterval = meanInterval;
        final double previousMeanValue = meanValue;
        final double previousSlope = slope;
        double count = 0.0;
        double sumInterval = 0.0;
        double sumValue = 0.0;
        for (int i = 0; i < size; i++)
        {
            if (Math.abs(residual(i, previousMeanInterval, previousMeanValue, previousSlope)) <= maxResidual)
            {
                count++;
                sumInterval += intervals[i];
                sumValue += values[i];
            }
        }
        final double fitMeanInterval = sumInterval / count;
        final double fitMeanValue = sumValue / count;
        double covariance = 0.0;
        double variance = 0.0;
        for (int i = 0; i < size; i++)
        {
            if (Math.abs(residual(i, previousMeanInterval, previousMeanValue, previousSlope)) <= maxResidual)
            {
                final double dx = intervals[i] - fitMeanInterval;
                covariance += dx * (values[i] - fitMeanValue);
                variance += dx * dx;
            }
        }
        fitCount = count;
        fitSpread = variance;
        meanInterval = fitMeanInterval;
        meanValue = fitMeanValue;
        slope = variance > 0.0 ? covariance / variance : 0.0;
    }

    private double residual(final int i, final double lineInterval, final double lineValue, final double lineSlope)
    {
        return values[i] - (lineValue + lineSlope * (intervals[i] - lineInterval));
    }

    private double residualSigma()
    {
        for (int i = 0; i < size; i++)
        {
            scratch[i] = Math.abs(residual(i, meanInterval, meanValue, slope));
        }
        Arrays.sort(scratch, 0, size);
        return MAD_TO_SIGMA * scratch[size / 2];
    }
}
