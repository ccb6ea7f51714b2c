package io.netshadow.forecaster;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;

import java.util.Arrays;

/**
 * The pre-change baseline of one KPI series: a thresholded Random Cut Forest (the anomaly grading of the forecaster's
 * series model, without its forecast) grades each value's anomaly, and the last {@link #WINDOW_SAMPLES} values it did
 * not find anomalous carry a least-squares line and the scale of the values around it (from their median absolute
 * deviation), which serve until the change. Learning stops at the change ({@link #freeze()}). From then on, when the
 * series was given a seasonal period (a day) and its history covers one, a {@link SeasonalFit} of the clean history
 * (level, trend and daily harmonics, robust to bursts) forecasts the series as if the change had not happened;
 * otherwise the line does, its trend damped and carried past the newest value only when it moves toward harm (a
 * rising latency, a falling throughput). A trend that moves away from harm, such as the latency of a network
 * settling after a start or a burst, is not carried on: the baseline holds at the level of the newest values (the
 * median of the last {@link #RECENT_LEVEL_SAMPLES}, or the line's newest value if that is worse), since expecting
 * the KPI to keep improving, or a line through a settling curve, would make ordinary values after the change look
 * like harm. Unrelated spikes before a change move neither the baseline nor its
 * scale.
 * The history also says how often the series crossed a threshold before the change, and how much of a surge of load
 * it follows ({@link #loadSensitivity}).
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
    static final int RECENT_LEVEL_SAMPLES = 12;
    static final double MIN_SIGMA_FRACTION_OF_LEVEL = 0.01;
    static final int MAX_HISTORY_INTERVALS = 2048;
    static final double MAX_LOAD_SENSITIVITY = 3.0;

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
    private double recentLevel;
    private boolean lastAnomalous;
    private final double[] history = new double[MAX_HISTORY_INTERVALS];
    private final double[] rawHistory = new double[MAX_HISTORY_INTERVALS];
    private final SeasonalFit season;
    private final KpiDirection direction;
    private boolean seasonal;
    private int firstInterval = -1;
    private int historyLength;
    private boolean frozen;

    SeriesBaseline(final String series, final int periodIntervals, final KpiDirection direction)
    {
        this(periodIntervals, direction, ThresholdedRandomCutForest.builder()
            .dimensions(SHINGLE_SIZE)
            .shingleSize(SHINGLE_SIZE)
            .internalShinglingEnabled(true)
            .sampleSize(FOREST_SAMPLE_SIZE)
            .numberOfTrees(NUMBER_OF_TREES)
            .outputAfter(FOREST_OUTPUT_AFTER_SAMPLES)
            .transformMethod(TransformMethod.NORMALIZE)
            .randomSeed(series.hashCode())
            .build());
    }

    /**
     * A baseline whose values arrive graded already, by a forest the caller keeps (the forecaster's series model).
     *
     * @param periodIntervals the seasonal period in intervals, 0 for none.
     * @param direction       which way the KPI gets worse.
     * @return the baseline, learning through {@link #learnGraded}.
     */
    static SeriesBaseline graded(final int periodIntervals, final KpiDirection direction)
    {
        return new SeriesBaseline(periodIntervals, direction, null);
    }

    private SeriesBaseline(
        final int periodIntervals, final KpiDirection direction, final ThresholdedRandomCutForest forest)
    {
        this.forest = forest;
        this.direction = direction;
        season = periodIntervals > 0 ? new SeasonalFit(periodIntervals) : null;
    }

    /**
     * Grades one pre-change value with the baseline's own forest, which learns it; {@link #learnGraded} then takes it.
     *
     * @param timeNs   the interval's time.
     * @param value    the value, finite and non-negative.
     * @return whether the forest found the value anomalous.
     */
    boolean grade(final long timeNs, final double value)
    {
        input[0] = value;
        return forest.process(input, timeNs).getAnomalyGrade() >= ANOMALY_GRADE_LIMIT;
    }

    /**
     * Learns one pre-change value that the caller has graded, unless it is anomalous, then refits the line.
     *
     * @param interval  the value's interval.
     * @param value     the value, finite and non-negative.
     * @param anomalous whether the value is anomalous: it then counts only as a crossing of a limit.
     */
    void learnGraded(final int interval, final double value, final boolean anomalous)
    {
        lastAnomalous = anomalous;
        remember(interval, lastAnomalous ? Double.NaN : value, value);
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
     * The baseline's value at an interval: the line with its trend damped past the newest value when the trend moves
     * toward harm, held at the newest value otherwise; never below zero.
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
            return Math.max(0.0, season.value(interval));
        }
        if (holdsLevel(interval))
        {
            final double newest = meanValue + slope * (newestInterval - meanInterval);
            return Math.max(0.0, direction.sign() * (recentLevel - newest) > 0.0 ? recentLevel : newest);
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
        return isSeasonal() ? Math.max(season.sigma(), MIN_SIGMA_FRACTION_OF_LEVEL * Math.abs(meanValue)) : sigma;
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
            return sigma();
        }
        final double distance = (holdsLevel(interval) ? newestInterval : dampedInterval(interval)) - meanInterval;
        final double slopeTerm = fitSpread > 0.0 ? distance * distance / fitSpread : 0.0;
        return sigma * Math.sqrt(1.0 + 1.0 / fitCount + slopeTerm);
    }

    /**
     * Whether the baseline holds at the newest level at an interval: past the newest learned value, when the trend
     * moves away from harm.
     */
    private boolean holdsLevel(final int interval)
    {
        return interval > newestInterval && direction.sign() * slope < 0.0;
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
     * Whether the baseline after the change is the seasonal fit: the series was given a period and its history before
     * the change covered at least one.
     *
     * @return true once frozen with a seasonal fit.
     */
    boolean isSeasonal()
    {
        return frozen && seasonal;
    }

    /**
     * Ends learning at the change: fits the seasonal course when the series has a period and enough history.
     */
    void freeze()
    {
        if (!frozen && isReady() && null != season && historyLength >= season.periodIntervals())
        {
            seasonal = season.fit(history, historyLength, firstInterval);
        }
        frozen = true;
    }

    /**
     * How much of one interval's deviation from the baseline carries into the next, from the residuals before the
     * change.
     *
     * @return the lag-one correlation in [0, 0.9]; 0 without a seasonal fit.
     */
    double persistence()
    {
        return isSeasonal() ? season.persistence() : 0.0;
    }

    /**
     * Counts the values before the change that the seasonal fit was fitted over, anomalous ones included, that lay
     * past a threshold's limit over the fit's value for their interval, raised for a surge of load as after the
     * change: how often the series crossed the limit when nothing had changed.
     *
     * @param threshold       the threshold.
     * @param load            the load's baseline, frozen; null for none.
     * @param loadSensitivity how much of a surge of load this series follows.
     * @return the count, of {@link #rememberedValues()} values.
     */
    int pastLimitBeforeChange(final KpiThreshold threshold, final SeriesBaseline load, final double loadSensitivity)
    {
        int count = 0;
        for (int at = firstFittedAt(); at < historyLength; at++)
        {
            if (!Double.isNaN(rawHistory[at]))
            {
                final int interval = at + firstInterval;
                final double loadDeviation = null == load ? Double.NaN :
                    load.relativeDeviation(interval, load.rawValue(interval));
                final double forecast = forecast(interval) *
                    (1.0 + (loadDeviation > 0.0 ? loadSensitivity * loadDeviation : 0.0));
                final double harmfulDelta = threshold.harmfulDelta(forecast);
                count += harmfulDelta > 0.0 &&
                    threshold.direction().worsening(rawHistory[at], forecast) > harmfulDelta ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * How much of a surge of load above its own baseline this series follows: the least-squares slope (through the
     * origin) of this series' relative deviation from its baseline on the load's, over the intervals before the change
     * when the load stood above its baseline (anomalous ones included, for a burst of traffic is what shows the
     * relation; a drop of load is left out, as it says nothing of what a surge does), within [0,
     * {@link #MAX_LOAD_SENSITIVITY}].
     *
     * @param load the load series' baseline, frozen.
     * @return the slope; 0 when the intervals do not show one.
     */
    double loadSensitivity(final SeriesBaseline load)
    {
        double product = 0.0;
        double square = 0.0;
        for (int at = firstFittedAt(); at < historyLength; at++)
        {
            final int interval = at + firstInterval;
            final double loadDeviation = load.relativeDeviation(interval, load.rawValue(interval));
            final double deviation = relativeDeviation(interval, rawHistory[at]);
            if (loadDeviation > 0.0 && !Double.isNaN(deviation))
            {
                product += loadDeviation * deviation;
                square += loadDeviation * loadDeviation;
            }
        }
        return square > 0.0 ? Math.clamp(product / square, 0.0, MAX_LOAD_SENSITIVITY) : 0.0;
    }

    /**
     * A value's relative deviation from the baseline's forecast for its interval.
     *
     * @param interval the interval.
     * @param value    the value, or NaN.
     * @return {@code value / forecast - 1}, NaN when either is unknown or the forecast is 0.
     */
    double relativeDeviation(final int interval, final double value)
    {
        final double forecast = forecast(interval);
        return Double.isNaN(value) || !(forecast > 0.0) ? Double.NaN : value / forecast - 1.0;
    }

    private double rawValue(final int interval)
    {
        final int at = interval - firstInterval;
        return at >= 0 && at < historyLength ? rawHistory[at] : Double.NaN;
    }

    /**
     * The values remembered before the change over the span the baseline was fitted on, anomalous ones included.
     *
     * @return the count.
     */
    int rememberedValues()
    {
        int count = 0;
        for (int at = firstFittedAt(); at < historyLength; at++)
        {
            count += Double.isNaN(rawHistory[at]) ? 0 : 1;
        }
        return count;
    }

    /**
     * Where in the history the values the baseline was fitted on begin: all of it for the seasonal fit, the oldest
     * value of the line's window otherwise, for the line says nothing of the values before.
     */
    private int firstFittedAt()
    {
        if (isSeasonal())
        {
            return 0;
        }
        int oldest = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++)
        {
            oldest = Math.min(oldest, intervals[i]);
        }
        return Math.max(0, oldest - firstInterval);
    }

    private void remember(final int interval, final double value, final double raw)
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
                rawHistory[i] = Double.NaN;
            }
            history[at] = value;
            rawHistory[at] = raw;
            historyLength = Math.max(historyLength, at + 1);
        }
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
        recentLevel = recentMedian();
    }

    private double recentMedian()
    {
        final int count = Math.min(RECENT_LEVEL_SAMPLES, size);
        for (int k = 0; k < count; k++)
        {
            scratch[k] = values[Math.floorMod(next - 1 - k, WINDOW_SAMPLES)];
        }
        Arrays.sort(scratch, 0, count);
        return count % 2 == 1 ? scratch[count / 2] : 0.5 * (scratch[count / 2 - 1] + scratch[count / 2]);
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
