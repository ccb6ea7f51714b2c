package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiThreshold;

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
 *   increment clipped to {@link #MAX_LEVEL_INCREMENT} so that no rollback rests on fewer than three intervals;</li>
 *   <li>an exceedance CUSUM of the Bernoulli log-likelihood ratio of values past the limit at a harmful rate against
 *   the rate the side crossed the limit over its baseline before the change (at least {@link #NORMAL_EXCEEDANCE_RATE};
 *   the harmful rate is {@link #EXCEEDANCE_RATE_RATIO} times that, at least {@link #HARMFUL_EXCEEDANCE_RATE}), for
 *   harm that comes and goes (intermittent loss, a variance rise with the same mean).</li>
 * </ul>
 * A two-sided CUSUM on the standardised difference of the two sides' harm units watches whether the shadow still
 * tracks live, before and after the change; once it fires the shadow no longer counts for this KPI.
 */
final class KpiEvidence
{
    static final double SHIFT_HALF_UNITS = 0.5;
    static final double MAX_LEVEL_INCREMENT = 3.4;
    static final double MIN_SCALE_UNITS = 0.1;
    static final double NORMAL_EXCEEDANCE_RATE = 0.005;
    static final double HARMFUL_EXCEEDANCE_RATE = 0.25;
    static final double EXCEEDANCE_RATE_RATIO = 4.0;
    static final double DIVERGENCE_DRIFT_SIGMA = 1.0;
    static final double DIVERGENCE_BOUND_SIGMA = 12.0;
    static final double DIVERGENCE_CLIP_SIGMA = 4.0;
    static final int RECENT_SAMPLES = 8;
    static final double INTERVAL_QUANTILE = 1.96;


    private final Side live;
    private final Side shadow;
    private double levelCusum;
    private double exceedanceCusum;
    private double divergenceUp;
    private double divergenceDown;
    private boolean diverged;

    KpiEvidence(final KpiThreshold liveThreshold, final KpiThreshold shadowThreshold, final int periodIntervals)
    {
        live = null == liveThreshold ? null : new Side(liveThreshold, periodIntervals);
        shadow = null == shadowThreshold ? null : new Side(shadowThreshold, periodIntervals);
    }

    void learn(final int interval, final long timeNs, final double liveValue, final double shadowValue)
    {
        if (null != live && valid(liveValue))
        {
            live.learn(interval, timeNs, liveValue);
        }
        if (null != shadow && valid(shadowValue))
        {
            shadow.learn(interval, timeNs, shadowValue);
        }
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
        double exceedanceIncrement = 0.0;
        int sides = 0;
        if (null != live && live.baseline.isReady() && valid(liveValue))
        {
            live.observe(interval, liveValue, liveLoadDeviation);
            levelIncrement += live.levelIncrement();
            exceedanceIncrement += live.exceedanceIncrement();
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
                exceedanceIncrement += shadow.exceedanceIncrement();
                sides++;
            }
        }
        if (sides > 0)
        {
            levelCusum = Math.max(0.0, levelCusum + levelIncrement / sides);
            exceedanceCusum = Math.max(0.0, exceedanceCusum + exceedanceIncrement / sides);
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
        return Math.max(levelCusum, exceedanceCusum) / bound;
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
     * @param kind     keep or roll back.
     * @param interval the current interval.
     * @return the decision with the side's recent level, its interval and the limit.
     */
    Decision decision(final Decision.Kind kind, final int interval)
    {
        Side side = null != live && live.baseline.isReady() ? live : shadow;
        if (side == live && null != shadow && !diverged && shadow.baseline.isReady() &&
            shadow.recentUnits() > live.recentUnits())
        {
            side = shadow;
        }
        return side.decision(kind, interval);
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
        return levelCusum >= bound || exceedanceCusum >= bound;
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

        Side(final KpiThreshold threshold, final int periodIntervals)
        {
            this.threshold = threshold;
            baseline = new SeriesBaseline(threshold.series(), periodIntervals);
        }

        void learn(final int interval, final long timeNs, final double value)
        {
            units = units(interval, value, 0.0);
            if (!Double.isNaN(units))
            {
                preChangeUnits++;
                preChangeExceedances += units > 1.0 ? 1 : 0;
            }
            baseline.learn(interval, timeNs, value);
        }

        /**
         * The log-likelihood ratio of the latest value's being past the limit or not, between the harmful
         * exceedance rate and the rate the series showed before the change (never below
         * {@link #NORMAL_EXCEEDANCE_RATE}): a series whose bursts crossed the limit before the change needs more
         * crossings after it.
         */
        double exceedanceIncrement()
        {
            final double normal = Math.max(NORMAL_EXCEEDANCE_RATE,
                (preChangeExceedances + 1.0) / (preChangeUnits + 2.0));
            final double harmful = Math.max(HARMFUL_EXCEEDANCE_RATE, EXCEEDANCE_RATE_RATIO * normal);
            return units > 1.0 ? Math.log(harmful / normal) : Math.log((1.0 - harmful) / (1.0 - normal));
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
                if (baseline.isSeasonal())
                {
                    preChangeUnits = baseline.rememberedValues();
                    preChangeExceedances = baseline.pastLimitBeforeChange(threshold);
                }
                longRunVariance = (1.0 + baseline.persistence()) / (1.0 - baseline.persistence());
                if (null != load && load.baseline.isReady())
                {
                    load.freeze(null);
                    loadSensitivity = baseline.loadSensitivity(load.baseline);
                }
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
            return Math.clamp(increment, -MAX_LEVEL_INCREMENT, MAX_LEVEL_INCREMENT);
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

        Decision decision(final Decision.Kind kind, final int interval)
        {
            final double predicted = recentMean();
            final double halfWidth = INTERVAL_QUANTILE * baseline.sigma() / Math.sqrt(Math.max(1, recentSize));
            final double limit = threshold.limit(baseline.forecast(interval));
            return new Decision(kind, threshold.series(), predicted, Math.max(0.0, predicted - halfWidth),
                predicted + halfWidth, limit);
        }
    }
}
