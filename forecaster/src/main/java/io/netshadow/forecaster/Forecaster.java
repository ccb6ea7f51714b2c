package io.netshadow.forecaster;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayList;
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

    private final Map<String, SeriesModel> models = new ConcurrentHashMap<>();
    private final ManyToOneConcurrentArrayQueue<ChangeEvaluation> pendingEvaluations =
        new ManyToOneConcurrentArrayQueue<>(PENDING_EVALUATIONS_CAPACITY);
    private final ArrayList<ChangeEvaluation> activeEvaluations = new ArrayList<>();
    private final AtomicLong droppedSamples = new AtomicLong();

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
            evaluation.onSample(series, model, timeNs, value);
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
        final ChangeEvaluation evaluation = new ChangeEvaluation(changeId, changeStartNs, thresholds, policy);
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
