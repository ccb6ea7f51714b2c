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
 * Learning stops at the change; from then on the line forecasts the series as if the change had not happened.
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
        return isReady() ? Math.max(0.0, meanValue + slope * (dampedInterval(interval) - meanInterval)) : Double.NaN;
    }

    /**
     * The scatter of single values around the line.
     *
     * @return the standard deviation estimate, NaN until ready.
     */
    double sigma()
    {
        return isReady() ? sigma : Double.NaN;
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
