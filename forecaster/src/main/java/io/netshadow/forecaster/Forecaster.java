package io.netshadow.forecaster;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The forecaster: a {@link SeriesModel} per KPI series, created on the series' first sample, and the change
 * evaluations that those samples feed.
 * <p>
 * {@link #onSample} is called by one thread. {@link #begin}, {@link #snapshot()}, {@link #status(String)} and
 * {@link #droppedSamples()} may be called from any thread: evaluations begun elsewhere are handed to the sample
 * thread, which attaches them before its next sample and drops them once decided or cancelled.
 */
public final class Forecaster implements ChangeEvaluator
{
    static final int PENDING_EVALUATIONS_CAPACITY = 64;
    /**
     * Fewest past residual ratios from which {@link #calibrate} sets an interval scale.
     */
    public static final int MIN_CALIBRATION_RATIOS = 5;

    private final Map<String, SeriesModel> models = new ConcurrentHashMap<>();
    private final ManyToOneConcurrentArrayQueue<ChangeEvaluation> pendingEvaluations =
        new ManyToOneConcurrentArrayQueue<>(PENDING_EVALUATIONS_CAPACITY);
    private final ArrayList<ChangeEvaluation> activeEvaluations = new ArrayList<>();
    private final AtomicLong droppedSamples = new AtomicLong();
    private final Map<String, Double> intervalScales = new ConcurrentHashMap<>();

    /**
     * Takes one KPI sample: updates the series' model, then every evaluation that watches the series. A value that
     * is not finite is dropped and counted.
     *
     * @param series the series name, {@code <side>.<kpi>}.
     * @param timeNs time of the sample, ns since the epoch; increasing per series.
     * @param value  the value.
     */
    public void onSample(final String series, final long timeNs, final double value)
    {
        attachPendingEvaluations();
        if (!Double.isFinite(value))
        {
            droppedSamples.incrementAndGet();
            return;
        }

        SeriesModel model = models.get(series);
        if (null == model)
        {
            model = new SeriesModel(series);
            models.put(series, model);
        }
        model.update(timeNs, value);

        final ArrayList<ChangeEvaluation> evaluations = activeEvaluations;
        for (int i = evaluations.size() - 1; i >= 0; i--)
        {
            final ChangeEvaluation evaluation = evaluations.get(i);
            evaluation.onSample(series, models, timeNs, value);
            if (evaluation.isDecided())
            {
                evaluations.remove(i);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when {@value #PENDING_EVALUATIONS_CAPACITY} evaluations already wait for the
     *                               sample thread.
     */
    @Override
    public ChangeEvaluation begin(
        final String changeId,
        final long changeStartNs,
        final List<KpiThreshold> thresholds,
        final EvaluationPolicy policy)
    {
        return begin(changeId, changeStartNs, thresholds, policy, "");
    }

    /**
     * Starts judging a change on devices of one role, whose prediction intervals past changes on that role have
     * calibrated ({@link #calibrate}); otherwise as {@link #begin(String, long, List, EvaluationPolicy)}.
     *
     * @param changeId      the change.
     * @param changeStartNs when the change took effect, ns since the epoch, on the samples' clock.
     * @param thresholds    what harm means, one per series.
     * @param policy        how the change is judged.
     * @param role          the device role of the change, e.g. {@code CORE}; empty when unknown.
     * @return the evaluation, whose verdict is pending until decided.
     * @throws IllegalStateException when {@value #PENDING_EVALUATIONS_CAPACITY} evaluations already wait for the
     *                               sample thread.
     */
    public ChangeEvaluation begin(
        final String changeId,
        final long changeStartNs,
        final List<KpiThreshold> thresholds,
        final EvaluationPolicy policy,
        final String role)
    {
        final ChangeEvaluation evaluation = new ChangeEvaluation(changeId, changeStartNs, thresholds, policy,
            series -> intervalScale(series, role));
        if (!pendingEvaluations.offer(evaluation))
        {
            throw new IllegalStateException(changeId + ": too many evaluations waiting for samples");
        }
        return evaluation;
    }

    /**
     * The latest state of every series seen, by name.
     *
     * @return an immutable, sorted copy.
     */
    public Map<String, SeriesStatus> snapshot()
    {
        final TreeMap<String, SeriesStatus> snapshot = new TreeMap<>();
        for (final SeriesModel model : models.values())
        {
            snapshot.put(model.series(), model.status());
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * The latest state of one series.
     *
     * @param series the series name.
     * @return its state, or null when no sample of it has been seen.
     */
    public SeriesStatus status(final String series)
    {
        final SeriesModel model = models.get(series);
        return null == model ? null : model.status();
    }

    /**
     * Records the calibration that past changes give a KPI series' predicted intervals for changes on devices of
     * one role, for {@link #intervalScale} to answer with: each ratio is how far the value observed after a committed change fell from the verdict's predicted
     * level, as a multiple of the interval's half-width on that side. The scale is their split-conformal quantile at
     * {@link SeriesModel#INTERVAL_COVERAGE}: intervals widened (or narrowed) by it would have covered that share of
     * past outcomes. Fewer than {@value #MIN_CALIBRATION_RATIOS} ratios leave the series and role uncalibrated.
     *
     * @param series the series, {@code <side>.<kpi>}.
     * @param role   the device role, e.g. {@code CORE}.
     * @param ratios the non-negative, finite residual ratios.
     * @return the interval scale now in force for the series and role, 1 when uncalibrated.
     */
    public double calibrate(final String series, final String role, final double[] ratios)
    {
        final double[] usable = Arrays.stream(ratios)
            .filter(ratio -> Double.isFinite(ratio) && ratio >= 0.0).toArray();
        if (usable.length < MIN_CALIBRATION_RATIOS)
        {
            return intervalScale(series, role);
        }
        final double scale = ConformalCalibrator.quantile(usable, usable.length, SeriesModel.INTERVAL_COVERAGE);
        intervalScales.put(series + '/' + role, scale);
        return scale;
    }

    /**
     * The scale by which past changes say a series' predicted intervals should be widened for devices of a role.
     *
     * @param series the series.
     * @param role   the device role.
     * @return the scale from {@link #calibrate}, or 1 when the series and role are uncalibrated.
     */
    public double intervalScale(final String series, final String role)
    {
        return intervalScales.getOrDefault(series + '/' + role, 1.0);
    }

    /**
     * The anomaly grade of a series' latest value. Called on the sample thread, it reads without copying.
     *
     * @param series the series name.
     * @return 0 (normal) to 1 (anomalous), or NaN when no sample of the series has been seen.
     */
    public double anomalyGrade(final String series)
    {
        final SeriesModel model = models.get(series);
        return null == model ? Double.NaN : model.latestAnomalyGrade();
    }

    /**
     * Whether a change is being evaluated on the KPI of a series, on either side: an evaluation watches
     * {@code live.<kpi>} or {@code shadow.<kpi>}. Called on the sample thread, after {@link #onSample}.
     *
     * @param series the series name, {@code <side>.<kpi>}.
     * @return true while an undecided evaluation watches the KPI.
     */
    public boolean isEvaluating(final String series)
    {
        final int kpiStart = series.indexOf('.') + 1;
        final int kpiLength = series.length() - kpiStart;
        final ArrayList<ChangeEvaluation> evaluations = activeEvaluations;
        for (int i = 0, size = evaluations.size(); i < size; i++)
        {
            final ChangeEvaluation evaluation = evaluations.get(i);
            if (evaluation.isDecided())
            {
                continue;
            }
            final List<String> watched = evaluation.series();
            for (int j = 0, count = watched.size(); j < count; j++)
            {
                final String other = watched.get(j);
                final int otherStart = other.indexOf('.') + 1;
                if (other.length() - otherStart == kpiLength &&
                    other.regionMatches(otherStart, series, kpiStart, kpiLength))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Samples dropped because their value was not finite.
     *
     * @return the count since start.
     */
    public long droppedSamples()
    {
        return droppedSamples.get();
    }

    private void attachPendingEvaluations()
    {
        ChangeEvaluation evaluation;
        while (null != (evaluation = pendingEvaluations.poll()))
        {
            evaluation.catchUp(models);
            if (!evaluation.isDecided())
            {
                activeEvaluations.add(evaluation);
            }
        }
    }
}
