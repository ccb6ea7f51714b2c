package io.netshadow.forecaster;

/**
 * Judges one series after a change. It freezes the series' baseline from the pre-change window: the level is what
 * the pre-change model forecast, the scale is how far single values scattered around it. It then runs a one-sided
 * CUSUM on the standardised excess of each post-change value over that level in the harmful direction, and follows
 * the post-change level as the median of the values since the CUSUM last left zero.
 * <p>
 * The level breaches the threshold when that median, over at least {@link #MIN_LEVEL_SAMPLES} values, is past it;
 * or, for clear-cut harm such as a policer far below the traffic, when each of the last
 * {@link #MIN_DECISIVE_SAMPLES} values is worse than the baseline by {@link #DECISIVE_HARM_MULTIPLE} times the
 * harmful delta and worse than every value of the baseline window, so that a burst no larger than the spikes the
 * series showed before the change (a noisy latency tail) cannot pass for clear-cut harm. Either way a couple of
 * spikes cannot make it breach.
 * <p>
 * The scale is the values' median absolute deviation rather than the forest's forecast interval, which swells for a
 * while after every spike and would then hide a real shift. It is never finer than a quarter of the harmful delta,
 * so that a series that is flat before the change (loss at zero) does not flag harmless blips. Each standardised
 * excess is clipped to {@link #EXCESS_CLIP_SIGMA} so that single spikes weigh no more than a clear shift.
 */
final class SeriesJudge
{
    static final int BASELINE_SAMPLES = 24;
    static final int MIN_BASELINE_SAMPLES = 8;
    static final int LEVEL_WINDOW_SAMPLES = 16;
    static final int MIN_LEVEL_SAMPLES = 5;
    static final int MIN_DECISIVE_SAMPLES = 3;
    static final double DECISIVE_HARM_MULTIPLE = 2.0;
    static final double EXCESS_CLIP_SIGMA = 2.5;
    static final double MIN_SIGMA_FRACTION_OF_HARM = 0.25;
    static final double MIN_SIGMA = 1e-12;
    static final double NEAR_BOUND_FRACTION = 0.5;
    static final double LEVEL_INTERVAL_QUANTILE = 1.96;
    static final double MEDIAN_STANDARD_ERROR_FACTOR = 1.2533;

    private final KpiThreshold threshold;
    private final double driftSigma;
    private final double boundSigma;
    private final RecentWindow baselineValues = new RecentWindow(BASELINE_SAMPLES);
    private final RecentWindow recent = new RecentWindow(LEVEL_WINDOW_SAMPLES);

    private boolean baselineFrozen;
    private boolean hasBaseline;
    private int baselineSamples;
    private double baseline = Double.NaN;
    private double sigma = Double.NaN;
    private double limit = Double.NaN;
    private double baselineWorstExcess = Double.NaN;
    private double cusum;
    private int runSamples;
    private int postChangeSamples;

    SeriesJudge(final KpiThreshold threshold, final EvaluationPolicy policy)
    {
        this.threshold = threshold;
        driftSigma = policy.cusumDriftSigma();
        boundSigma = policy.cusumBoundSigma();
    }

    KpiThreshold threshold()
    {
        return threshold;
    }

    String series()
    {
        return threshold.series();
    }

    boolean isBaselineFrozen()
    {
        return baselineFrozen;
    }

    void freezeBaseline(final SeriesHistory history, final long changeStartNs)
    {
        int first = history.size();
        int count = 0;
        while (first > 0 && count < BASELINE_SAMPLES)
        {
            first--;
            if (history.timeNs(first) < changeStartNs && !Double.isNaN(history.forecast(first)))
            {
                count++;
            }
        }

        double forecastSum = 0.0;
        for (int i = first; i < history.size(); i++)
        {
            if (history.timeNs(i) < changeStartNs && !Double.isNaN(history.forecast(i)))
            {
                forecastSum += history.forecast(i);
                baselineValues.add(history.value(i));
            }
        }

        baselineFrozen = true;
        baselineSamples = count;
        hasBaseline = count >= MIN_BASELINE_SAMPLES;
        if (hasBaseline)
        {
            baseline = forecastSum / count;
            final double scatterSigma = SeriesModel.MAD_TO_SIGMA *
                baselineValues.medianAbsoluteDeviation(baselineValues.median());
            final double resolutionSigma = MIN_SIGMA_FRACTION_OF_HARM * threshold.harmfulDelta(baseline);
            sigma = Math.max(scatterSigma, Math.max(resolutionSigma, MIN_SIGMA));
            limit = threshold.limit(baseline);
            baselineWorstExcess = Double.NEGATIVE_INFINITY;
            for (int age = 0; age < baselineValues.size(); age++)
            {
                baselineWorstExcess = Math.max(baselineWorstExcess,
                    threshold.direction().worsening(baselineValues.newest(age), baseline));
            }
        }
    }

    void observe(final double value)
    {
        postChangeSamples++;
        if (hasBaseline)
        {
            recent.add(value);
            final double excessSigma = threshold.direction().worsening(value, baseline) / sigma;
            cusum = Math.max(0.0, cusum + Math.clamp(excessSigma, -EXCESS_CLIP_SIGMA, EXCESS_CLIP_SIGMA) - driftSigma);
            runSamples = cusum > 0.0 ? runSamples + 1 : 0;
        }
    }

    boolean isHarmful()
    {
        return hasBaseline && cusum >= boundSigma && levelBreaches();
    }

    boolean isClear(final int minSamples)
    {
        return hasBaseline && postChangeSamples >= minSamples && !isNearBound() && !levelBreaches();
    }

    private boolean isNearBound()
    {
        return cusum >= NEAR_BOUND_FRACTION * boundSigma;
    }

    boolean levelBreaches()
    {
        return (runSamples >= MIN_LEVEL_SAMPLES && threshold.isHarmful(baseline, level())) || isDecisive();
    }

    private boolean isDecisive()
    {
        if (runSamples < MIN_DECISIVE_SAMPLES)
        {
            return false;
        }
        final double decisiveDelta =
            Math.max(DECISIVE_HARM_MULTIPLE * threshold.harmfulDelta(baseline), baselineWorstExcess);
        for (int age = 0; age < MIN_DECISIVE_SAMPLES; age++)
        {
            if (threshold.direction().worsening(recent.newest(age), baseline) <= decisiveDelta)
            {
                return false;
            }
        }
        return true;
    }

    double concern()
    {
        if (!hasBaseline)
        {
            return Double.POSITIVE_INFINITY;
        }
        final double harmfulDelta = threshold.harmfulDelta(baseline);
        final double levelConcern = recent.size() > 0 && harmfulDelta > 0 ?
            threshold.direction().worsening(level(), baseline) / harmfulDelta : 0.0;
        return Math.max(cusum / boundSigma, levelConcern);
    }

    boolean hasBaseline()
    {
        return hasBaseline;
    }

    int baselineSamples()
    {
        return baselineSamples;
    }

    int postChangeSamples()
    {
        return postChangeSamples;
    }

    double cusum()
    {
        return cusum;
    }

    double boundSigma()
    {
        return boundSigma;
    }

    double baseline()
    {
        return baseline;
    }

    double limit()
    {
        return limit;
    }

    double level()
    {
        return recent.median(levelSamples());
    }

    double levelLower()
    {
        return Math.max(0.0, level() - levelHalfWidth());
    }

    double levelUpper()
    {
        return level() + levelHalfWidth();
    }

    private int levelSamples()
    {
        return runSamples > 0 ? runSamples : LEVEL_WINDOW_SAMPLES;
    }

    private double levelHalfWidth()
    {
        final int samples = Math.min(levelSamples(), recent.size());
        final double median = recent.median(samples);
        final double spread =
            Math.max(SeriesModel.MAD_TO_SIGMA * recent.medianAbsoluteDeviation(median, samples), sigma);
        return LEVEL_INTERVAL_QUANTILE * MEDIAN_STANDARD_ERROR_FACTOR * spread / Math.sqrt(samples);
    }
}
