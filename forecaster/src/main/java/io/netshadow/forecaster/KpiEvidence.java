package io.netshadow.forecaster;


import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The evidence on one KPI after a change, from its live and its shadow series together.
 * <p>
 * Each post-change value is measured in harm units: its worsening over the frozen baseline's forecast, divided by the
 * threshold's harmful delta, so that 1 is exactly at the limit on either side whatever the shadow's bias or sampling
 * share. The forecast is raised by the KPI's sensitivity to load times the surge of load (throughput above its own
 * baseline) in the same interval: a burst of traffic explains a burst of latency, loss or jitter, as the series showed
 * before the change. Two one-sided CUSUMs accumulate the evidence per interval, the mean of the two sides' increments
 * (the sides share the network's own noise, so their evidence is not independent):
 * <ul>
 *   <li>a level CUSUM of the log-likelihood ratio of a level at {@code 1 + SHIFT_HALF_UNITS} against one at
 *   {@code 1 - SHIFT_HALF_UNITS} harm units, from Gaussian values with the side's own scale and the long-run variance
 *   of its autocorrelated deviations ({@code (1 + phi) / (1 - phi)} for a lag-one correlation phi), each side's
 *   increment clipped to {@link #MAX_INCREMENT}, so that no rollback rests on fewer than three intervals, and to
 *   what one crossing of the limit says in the exceedance CUSUM below, so that a series whose spikes crossed the
 *   limit often before the change needs more intervals past it after;</li>
 *   <li>exceedance CUSUMs of the Bernoulli log-likelihood ratio of values past the limit at a harmful rate against
 *   the rate the side crossed the limit over its baseline before the change (at least {@link #NORMAL_EXCEEDANCE_RATE};
 *   the least harmful rate is {@link #EXCEEDANCE_RATE_RATIO} times that, at least {@link #HARMFUL_EXCEEDANCE_RATE},
 *   and two more CUSUMs test {@link #HARMFUL_RATE_FACTORS} times it, up to {@link #MAX_HARMFUL_EXCEEDANCE_RATE}, so
 *   that a harm crossing the limit most of the time is seen as fast as one crossing it a quarter of the time), for
 *   harm that comes and goes (intermittent loss, a variance rise with the same mean).</li>
 * </ul>
 * A two-sided CUSUM on the standardised difference of the two sides' harm units watches whether the shadow still
 * tracks live, before and after the change; once it fires the shadow no longer counts for this KPI.
 */
final class KpiEvidence
{
    static final double SHIFT_HALF_UNITS = 0.5;
    static final double MAX_INCREMENT = 3.4;
    static final double MIN_SCALE_UNITS = 0.1;
    static final double NORMAL_EXCEEDANCE_RATE = 0.005;
    static final double HARMFUL_EXCEEDANCE_RATE = 0.25;
    static final double EXCEEDANCE_RATE_RATIO = 4.0;
    static final double[] HARMFUL_RATE_FACTORS = {1.0, 2.0, 3.2};
    static final double MAX_HARMFUL_EXCEEDANCE_RATE = 0.8;
    static final double DIVERGENCE_DRIFT_SIGMA = 1.0;
    static final double DIVERGENCE_BOUND_SIGMA = 12.0;
    static final double DIVERGENCE_CLIP_SIGMA = 4.0;
    static final int RECENT_SAMPLES = 8;
    static final double INTERVAL_QUANTILE = 1.96;


    private final Side live;
    private final Side shadow;
    private double levelCusum;
    private final double[] exceedanceCusums = new double[HARMFUL_RATE_FACTORS.length];
    private final double[] exceedanceIncrements = new double[HARMFUL_RATE_FACTORS.length];
    private double divergenceUp;
    private double divergenceDown;
    private boolean diverged;

    KpiEvidence(
        final KpiThreshold liveThreshold,
        final KpiThreshold shadowThreshold,
        final int periodIntervals,
        final boolean gradedByCaller)
    {
        live = null == liveThreshold ? null : new Side(liveThreshold, periodIntervals, gradedByCaller);
        shadow = null == shadowThreshold ? null : new Side(shadowThreshold, periodIntervals, gradedByCaller);
    }

    void learn(final int interval, final long timeNs, final double liveValue, final double shadowValue)
    {
        if (null != live && valid(liveValue))
        {
            live.learn(interval, live.baseline.grade(timeNs, liveValue), liveValue);
        }
        if (null != shadow && valid(shadowValue))
        {
            shadow.learn(interval, shadow.baseline.grade(timeNs, shadowValue), shadowValue);
        }
        watchDivergenceBeforeChange(liveValue, shadowValue);
    }

    void learnGraded(
        final int interval,
        final double liveValue,
        final boolean liveAnomalous,
        final double shadowValue,
        final boolean shadowAnomalous)
    {
        if (null != live && valid(liveValue))
        {
            live.learn(interval, liveAnomalous, liveValue);
        }
        if (null != shadow && valid(shadowValue))
        {
            shadow.learn(interval, shadowAnomalous, shadowValue);
        }
        watchDivergenceBeforeChange(liveValue, shadowValue);
    }

    private void watchDivergenceBeforeChange(final double liveValue, final double shadowValue)
    {
        if (null != live && null != shadow && valid(liveValue) && valid(shadowValue) &&
            !live.baseline.lastAnomalous() && !shadow.baseline.lastAnomalous())
        {
            watchDivergence();
        }
    }

    void freeze(final KpiEvidence load)
    {
        if (null != live)
        {
            live.freeze(this == load || null == load ? null : load.live);
        }
        if (null != shadow)
        {
            shadow.freeze(this == load || null == load ? null : load.shadow);
        }
    }

    double liveLoadDeviation(final int interval, final double value)
    {
        return null == live ? Double.NaN : live.baseline.relativeDeviation(interval, value);
    }

    double shadowLoadDeviation(final int interval, final double value)
    {
        return null == shadow ? Double.NaN : shadow.baseline.relativeDeviation(interval, value);
    }

    void judge(
        final int interval,
        final double liveValue,
        final double shadowValue,
        final double liveLoadDeviation,
        final double shadowLoadDeviation)
    {
        double levelIncrement = 0.0;
        Arrays.fill(exceedanceIncrements, 0.0);
        int sides = 0;
        if (null != live && live.baseline.isReady() && valid(liveValue))
        {
            live.observe(interval, liveValue, liveLoadDeviation);
            levelIncrement += live.levelIncrement();
            live.addExceedanceIncrements(exceedanceIncrements);
            sides++;
        }
        if (null != shadow && shadow.baseline.isReady() && valid(shadowValue))
        {
            shadow.observe(interval, shadowValue, shadowLoadDeviation);
            if (null != live && live.baseline.isReady() && valid(liveValue))
            {
                watchDivergence();
            }
            if (!diverged)
            {
                levelIncrement += shadow.levelIncrement();
                shadow.addExceedanceIncrements(exceedanceIncrements);
                sides++;
            }
        }
        if (sides > 0)
        {
            levelCusum = Math.max(0.0, levelCusum + levelIncrement / sides);
            for (int r = 0; r < exceedanceCusums.length; r++)
            {
                exceedanceCusums[r] = Math.max(0.0, exceedanceCusums[r] + exceedanceIncrements[r] / sides);
            }
        }
    }

    /**
     * How close the KPI is to a rollback: the larger CUSUM as a share of its bound.
     *
     * @param bound the CUSUM bound of a rollback.
     * @return 0 when all is clear, 1 or more at the bound.
     */
    double concern(final double bound)
    {
        return Math.max(levelCusum, maxExceedanceCusum()) / bound;
    }

    boolean isJudged()
    {
        return (null != live && live.baseline.isReady()) || (null != shadow && shadow.baseline.isReady());
    }

    boolean diverged()
    {
        return diverged;
    }

    /**
     * The decision this KPI's evidence supports, on the side that shows it more clearly: live unless the shadow
     * still counts and its recent level is worse.
     *
     * @param kind           keep or roll back.
     * @param interval       the current interval.
     * @param intervalScales the factor per series by which past changes widen its prediction interval.
     * @return the decision with the side's recent level, its interval and the limit.
     */
    Decision decision(final Decision.Kind kind, final int interval, final ToDoubleFunction<String> intervalScales)
    {
        Side side = null != live && live.baseline.isReady() ? live : shadow;
        if (side == live && null != shadow && !diverged && shadow.baseline.isReady() &&
            shadow.recentUnits() > live.recentUnits())
        {
            side = shadow;
        }
        return side.decision(kind, interval, intervalScales.applyAsDouble(side.threshold.series()));
    }

    boolean hasThreshold()
    {
        return null != live || null != shadow;
    }

    double baseline(final String series, final int interval)
    {
        if (null != live && live.threshold.series().equals(series) && live.baseline.isReady())
        {
            return live.baseline.forecast(interval);
        }
        if (null != shadow && shadow.threshold.series().equals(series) && shadow.baseline.isReady())
        {
            return shadow.baseline.forecast(interval);
        }
        return Double.NaN;
    }

    private void watchDivergence()
    {
        if (Double.isNaN(live.units) || Double.isNaN(shadow.units) || diverged)
        {
            return;
        }
        final double scale = Math.sqrt(live.scaleUnits * live.scaleUnits + shadow.scaleUnits * shadow.scaleUnits);
        final double z = Math.clamp((live.units - shadow.units) / scale, -DIVERGENCE_CLIP_SIGMA, DIVERGENCE_CLIP_SIGMA);
        divergenceUp = Math.max(0.0, divergenceUp + z - DIVERGENCE_DRIFT_SIGMA);
        divergenceDown = Math.max(0.0, divergenceDown - z - DIVERGENCE_DRIFT_SIGMA);
        if (divergenceUp >= DIVERGENCE_BOUND_SIGMA || divergenceDown >= DIVERGENCE_BOUND_SIGMA)
        {
            diverged = true;
        }
    }

    boolean rollBack(final double bound)
    {
        return levelCusum >= bound || maxExceedanceCusum() >= bound;
    }

    private double maxExceedanceCusum()
    {
        double max = 0.0;
        for (final double cusum : exceedanceCusums)
        {
            max = Math.max(max, cusum);
        }
        return max;
    }

    private static boolean valid(final double value)
    {
        return Double.isFinite(value) && value >= 0.0;
    }

    /**
     * One series of the KPI: its threshold, baseline and latest value in harm units.
     */
    private static final class Side
    {
        private final KpiThreshold threshold;
        private final SeriesBaseline baseline;
        private final double[] recentValues = new double[RECENT_SAMPLES];
        private int recentSize;
        private int recentNext;
        private double units = Double.NaN;
        private double scaleUnits = Double.NaN;
        private double forecast = Double.NaN;
        private int preChangeUnits;
        private boolean frozen;
        private double longRunVariance = 1.0;
        private double loadSensitivity;
        private int preChangeExceedances;

        Side(final KpiThreshold threshold, final int periodIntervals, final boolean gradedByCaller)
        {
            this.threshold = threshold;
            baseline = gradedByCaller ? SeriesBaseline.graded(periodIntervals, threshold.direction()) :
                new SeriesBaseline(threshold.series(), periodIntervals, threshold.direction());
        }

        void learn(final int interval, final boolean anomalous, final double value)
        {
            units = units(interval, value, 0.0);
            if (!Double.isNaN(units))
            {
                preChangeUnits++;
                preChangeExceedances += units > 1.0 ? 1 : 0;
            }
            baseline.learnGraded(interval, value, anomalous);
        }

        /**
         * Adds, per harmful rate, the log-likelihood ratio of the latest value's being past the limit or not, between
         * that rate and the rate the series showed before the change (never below {@link #NORMAL_EXCEEDANCE_RATE}), a
         * crossing's capped at {@link #MAX_INCREMENT} like the level's: a series whose bursts crossed the limit before
         * the change needs more crossings after it, and none needs fewer than three.
         */
        void addExceedanceIncrements(final double[] increments)
        {
            if (Double.isNaN(units))
            {
                return;
            }
            final double normal = normalRate();
            for (int r = 0; r < increments.length; r++)
            {
                final double harmful = harmfulRate(r);
                increments[r] += units > 1.0 ? Math.min(MAX_INCREMENT, Math.log(harmful / normal)) :
                    Math.log((1.0 - harmful) / (1.0 - normal));
            }
        }

        /**
         * What one value past the limit says at most: the log of the highest harmful crossing rate over the rate
         * before the change.
         */
        double crossingEvidence()
        {
            return Math.log(harmfulRate(HARMFUL_RATE_FACTORS.length - 1) / normalRate());
        }

        private double normalRate()
        {
            return Math.max(NORMAL_EXCEEDANCE_RATE, (preChangeExceedances + 1.0) / (preChangeUnits + 2.0));
        }

        private double harmfulRate(final int index)
        {
            return Math.min(MAX_HARMFUL_EXCEEDANCE_RATE, HARMFUL_RATE_FACTORS[index] *
                Math.max(HARMFUL_EXCEEDANCE_RATE, EXCEEDANCE_RATE_RATIO * normalRate()));
        }

        double units(final int interval, final double value, final double loadEffect)
        {
            forecast = baseline.forecast(interval) * Math.max(0.0, 1.0 + loadEffect);
            if (Double.isNaN(forecast))
            {
                scaleUnits = Double.NaN;
                return Double.NaN;
            }
            final double harmfulDelta = threshold.harmfulDelta(forecast);
            if (harmfulDelta <= 0.0)
            {
                scaleUnits = Double.NaN;
                return Double.NaN;
            }
            scaleUnits = Math.max(MIN_SCALE_UNITS, baseline.forecastSigma(interval) / harmfulDelta);
            return threshold.direction().worsening(value, forecast) / harmfulDelta;
        }

        void freeze(final Side load)
        {
            if (!frozen && baseline.isReady())
            {
                baseline.freeze();
                frozen = true;
                final SeriesBaseline loadBaseline = null != load && load.baseline.isReady() ? load.baseline : null;
                if (null != loadBaseline)
                {
                    load.freeze(null);
                    loadSensitivity = baseline.loadSensitivity(loadBaseline);
                }
                if (baseline.isSeasonal())
                {
                    preChangeUnits = baseline.rememberedValues();
                    preChangeExceedances = baseline.pastLimitBeforeChange(threshold, loadBaseline, loadSensitivity);
                }
                longRunVariance = (1.0 + baseline.persistence()) / (1.0 - baseline.persistence());
            }
        }

        void observe(final int interval, final double value, final double loadDeviation)
        {
            units = units(interval, value, loadDeviation > 0.0 ? loadSensitivity * loadDeviation : 0.0);
            recentValues[recentNext] = value;
            recentNext = (recentNext + 1) % RECENT_SAMPLES;
            recentSize = Math.min(recentSize + 1, RECENT_SAMPLES);
        }

        double levelIncrement()
        {
            if (Double.isNaN(units))
            {
                return 0.0;
            }
            final double increment = 2.0 * SHIFT_HALF_UNITS * (units - 1.0) / (scaleUnits * scaleUnits * longRunVariance);
            return Math.clamp(increment, -MAX_INCREMENT, Math.min(MAX_INCREMENT, crossingEvidence()));
        }

        double recentMean()
        {
            double sum = 0.0;
            for (int i = 0; i < recentSize; i++)
            {
                sum += recentValues[i];
            }
            return recentSize > 0 ? sum / recentSize : Double.NaN;
        }

        double recentUnits()
        {
            final double harmfulDelta = threshold.harmfulDelta(forecast);
            return harmfulDelta > 0.0 ? threshold.direction().worsening(recentMean(), forecast) / harmfulDelta : 0.0;
        }

        Decision decision(final Decision.Kind kind, final int interval, final double intervalScale)
        {
            final double predicted = recentMean();
            final double halfWidth = intervalScale * INTERVAL_QUANTILE * baseline.sigma() /
                Math.sqrt(Math.max(1, recentSize));
            final double limit = threshold.limit(baseline.forecast(interval));
            return new Decision(kind, threshold.series(), predicted, Math.max(0.0, predicted - halfWidth),
                predicted + halfWidth, limit);
        }
    }
}
