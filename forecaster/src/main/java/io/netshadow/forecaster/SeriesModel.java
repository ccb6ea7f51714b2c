package io.netshadow.forecaster;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ForecastDescriptor;
import com.amazon.randomcutforest.parkservices.RCFCaster;
import com.amazon.randomcutforest.parkservices.config.Calibration;
import com.amazon.randomcutforest.returntypes.RangeVector;

import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * The streaming model of one KPI series. A Random Cut Forest caster ({@link RCFCaster}, which is a thresholded
 * forest) grades each value's anomaly and forecasts the next value; its intervals are recalibrated online to cover
 * {@link #INTERVAL_COVERAGE} of values. Until the forest is ready, a robust fallback serves: the median of recent
 * values with an interval from their median absolute deviation. KPI values are taken as non-negative.
 * <p>
 * Updated by one thread; {@link #status()} may be read from any thread.
 */
public final class SeriesModel
{
    /**
     * Share of values the forecast intervals aim to cover.
     */
    public static final double INTERVAL_COVERAGE = 0.9;

    static final int SHINGLE_SIZE = 4;
    static final int SAMPLE_SIZE = 64;
    static final int NUMBER_OF_TREES = 30;
    static final int FOREST_OUTPUT_AFTER_SAMPLES = 16;
    static final int CALIBRATION_WINDOW_SAMPLES = 64;
    static final int MIN_CALIBRATION_SAMPLES = 10;
    static final int FALLBACK_WINDOW_SAMPLES = 32;
    static final int MIN_FALLBACK_GRADING_SAMPLES = 8;
    static final int HISTORY_SAMPLES = 2048;
    static final double NORMAL_QUANTILE_OF_COVERAGE = 1.6449;
    static final double MAD_TO_SIGMA = 1.4826;
    static final double FALLBACK_GRADE_START_SIGMA = 4.0;
    static final double FALLBACK_GRADE_FULL_SIGMA = 8.0;
    static final double MIN_SIGMA_FRACTION_OF_LEVEL = 0.01;
    static final double MIN_SIGMA = 1e-12;

    private final String series;
    private final RCFCaster forest;
    private final double[] input = new double[1];
    private final ConformalCalibrator calibrator =
        new ConformalCalibrator(CALIBRATION_WINDOW_SAMPLES, INTERVAL_COVERAGE);
    private final RecentWindow recent = new RecentWindow(FALLBACK_WINDOW_SAMPLES);
    private final SeriesHistory history = new SeriesHistory(HISTORY_SAMPLES);
    private final Sample sample = new Sample();
    private final StampedLock statusLock = new StampedLock();

    private double forestForecast = Double.NaN;
    private double forestLower = Double.NaN;
    private double forestUpper = Double.NaN;
    private double nextForecast = Double.NaN;
    private double nextLower = Double.NaN;
    private double nextUpper = Double.NaN;
    private boolean forestServing;
    private long samples;

    private long statusSamples;
    private long statusTimeNs;
    private double statusValue = Double.NaN;
    private double statusGrade;
    private double statusForecast = Double.NaN;
    private double statusLower = Double.NaN;
    private double statusUpper = Double.NaN;
    private boolean statusForestReady;

    /**
     * Creates the model of a series, seeded from its name so that runs repeat.
     *
     * @param series the series name.
     */
    public SeriesModel(final String series)
    {
        this.series = Objects.requireNonNull(series, "series");
        forest = RCFCaster.builder()
            .dimensions(SHINGLE_SIZE)
            .shingleSize(SHINGLE_SIZE)
            .internalShinglingEnabled(true)
            .sampleSize(SAMPLE_SIZE)
            .numberOfTrees(NUMBER_OF_TREES)
            .outputAfter(FOREST_OUTPUT_AFTER_SAMPLES)
            .transformMethod(TransformMethod.NORMALIZE)
            .forecastHorizon(1)
            .calibration(Calibration.SIMPLE)
            .lowerLimit(new float[] {0.0f})
            .randomSeed(series.hashCode())
            .build();
    }

    /**
     * The series this model follows.
     *
     * @return the series name.
     */
    public String series()
    {
        return series;
    }

    /**
     * Grades a new value against the model, then learns it and forecasts the next one.
     *
     * @param timeNs time of the value, ns since the epoch; increasing from call to call.
     * @param value  the value, finite and non-negative.
     * @return the value's anomaly grade and the forecast made before seeing it; a view that the next update reuses.
     */
    public Sample update(final long timeNs, final double value)
    {
        final double forecast = nextForecast;
        final double lower = nextLower;
        final double upper = nextUpper;
        final boolean forestMadeForecast = forestServing;
        if (!Double.isNaN(forestForecast))
        {
            calibrator.observe(value, forestForecast, forestLower, forestUpper);
        }

        final double fallbackGrade = fallbackGrade(value);
        input[0] = value;
        final ForecastDescriptor descriptor = forest.process(input, timeNs);
        final double grade = forestMadeForecast ? descriptor.getAnomalyGrade() : fallbackGrade;
        recent.add(value);
        history.add(timeNs, value, grade);
        samples++;

        forecastNext(descriptor);
        sample.set(timeNs, value, grade, forecast, lower, upper, forestMadeForecast);
        publish(timeNs, value, grade);
        return sample;
    }

    /**
     * The latest value, its anomaly grade and the forecast of the next value; safe to call from any thread.
     *
     * @return a consistent copy of the model's latest state.
     */
    public SeriesStatus status()
    {
        long stamp = statusLock.tryOptimisticRead();
        SeriesStatus status = readStatus();
        if (!statusLock.validate(stamp))
        {
            stamp = statusLock.readLock();
            try
            {
                status = readStatus();
            }
            finally
            {
                statusLock.unlockRead(stamp);
            }
        }
        return status;
    }

    double latestAnomalyGrade()
    {
        return sample.anomalyGrade();
    }

    SeriesHistory history()
    {
        return history;
    }

    private void forecastNext(final ForecastDescriptor descriptor)
    {
        final RangeVector range = descriptor.getTimedForecast().rangeVector;
        final boolean forestReady = forest.getForest().isOutputReady() && forest.getPreprocessor().isOutputReady() &&
            Double.isFinite(range.values[0]) && Double.isFinite(range.lower[0]) && Double.isFinite(range.upper[0]);
        if (forestReady)
        {
            forestForecast = range.values[0];
            forestLower = Math.min(range.lower[0], forestForecast);
            forestUpper = Math.max(range.upper[0], forestForecast);
        }
        else
        {
            forestForecast = Double.NaN;
        }

        forestServing = forestReady && calibrator.size() >= MIN_CALIBRATION_SAMPLES;
        if (forestServing)
        {
            final double scale = calibrator.scale();
            nextForecast = forestForecast;
            nextLower = Math.max(0.0, forestForecast - scale * (forestForecast - forestLower));
            nextUpper = forestForecast + scale * (forestUpper - forestForecast);
        }
        else
        {
            final double median = recent.median();
            final double halfWidth =
                NORMAL_QUANTILE_OF_COVERAGE * MAD_TO_SIGMA * recent.medianAbsoluteDeviation(median);
            nextForecast = median;
            nextLower = Math.max(0.0, median - halfWidth);
            nextUpper = median + halfWidth;
        }
    }

    private double fallbackGrade(final double value)
    {
        if (recent.size() < MIN_FALLBACK_GRADING_SAMPLES)
        {
            return 0.0;
        }
        final double median = recent.median();
        final double sigma = Math.max(
            MAD_TO_SIGMA * recent.medianAbsoluteDeviation(median),
            Math.max(MIN_SIGMA_FRACTION_OF_LEVEL * Math.abs(median), MIN_SIGMA));
        final double deviationSigma = Math.abs(value - median) / sigma;
        final double grade = (deviationSigma - FALLBACK_GRADE_START_SIGMA) /
            (FALLBACK_GRADE_FULL_SIGMA - FALLBACK_GRADE_START_SIGMA);
        return Math.clamp(grade, 0.0, 1.0);
    }

    private void publish(final long timeNs, final double value, final double grade)
    {
        final long stamp = statusLock.writeLock();
        try
        {
            statusSamples = samples;
            statusTimeNs = timeNs;
            statusValue = value;
            statusGrade = grade;
            statusForecast = nextForecast;
            statusLower = nextLower;
            statusUpper = nextUpper;
            statusForestReady = forestServing;
        }
        finally
        {
            statusLock.unlockWrite(stamp);
        }
    }

    private SeriesStatus readStatus()
    {
        return new SeriesStatus(
            series, statusSamples, statusTimeNs, statusValue, statusGrade, statusForecast, statusLower, statusUpper,
            statusForestReady);
    }

    /**
     * One step of a series model: the value, its anomaly grade, and the forecast with its interval that the model
     * made before seeing the value. A view that the model reuses on its next update.
     */
    public static final class Sample
    {
        private long timeNs;
        private double value;
        private double anomalyGrade;
        private double forecast;
        private double lower;
        private double upper;
        private boolean forestReady;

        Sample()
        {
        }

        void set(
            final long timeNs,
            final double value,
            final double anomalyGrade,
            final double forecast,
            final double lower,
            final double upper,
            final boolean forestReady)
        {
            this.timeNs = timeNs;
            this.value = value;
            this.anomalyGrade = anomalyGrade;
            this.forecast = forecast;
            this.lower = lower;
            this.upper = upper;
            this.forestReady = forestReady;
        }

        /**
         * Time of the value.
         *
         * @return ns since the epoch.
         */
        public long timeNs()
        {
            return timeNs;
        }

        /**
         * The value.
         *
         * @return the value as given.
         */
        public double value()
        {
            return value;
        }

        /**
         * How anomalous the value is.
         *
         * @return 0 (normal) to 1 (anomalous).
         */
        public double anomalyGrade()
        {
            return anomalyGrade;
        }

        /**
         * The value the model forecast for this step.
         *
         * @return the forecast, NaN before the model has seen any value.
         */
        public double forecast()
        {
            return forecast;
        }

        /**
         * Lower end of the forecast interval.
         *
         * @return the lower bound, NaN before the model has seen any value.
         */
        public double lower()
        {
            return lower;
        }

        /**
         * Upper end of the forecast interval.
         *
         * @return the upper bound, NaN before the model has seen any value.
         */
        public double upper()
        {
            return upper;
        }

        /**
         * Whether the forest, rather than the warm-up fallback, made the forecast and the grade.
         *
         * @return true once the forest is ready.
         */
        public boolean forestReady()
        {
            return forestReady;
        }
    }
}
