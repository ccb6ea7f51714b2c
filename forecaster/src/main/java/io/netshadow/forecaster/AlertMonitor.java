package io.netshadow.forecaster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches the KPI series for trouble while no change runs, and raises an {@link Alert} once per episode.
 * <p>
 * <b>Anomaly</b>: a series' episode begins when a value's anomaly grade reaches the raise grade, and ends after
 * {@value #ANOMALY_CLEAR_SAMPLES} values in a row below half of it.
 * <p>
 * <b>Divergence</b>: for each KPI seen on both sides ({@code live.<kpi>} and {@code shadow.<kpi>}), each pair of
 * values is turned into the departure of each side from its own baseline (a slow moving average), as a fraction of
 * that baseline; the difference, live less shadow, is standardized by its robust spread and fed to a two-sided
 * CUSUM with a slack of {@value #CUSUM_SLACK_SIGMA} sigma. Moves that both sides make in proportion cancel out; a
 * drift or a step of one side only accumulates. The episode begins when the CUSUM reaches the decision interval
 * (in sigmas) and ends when it falls below half of it; the CUSUM is capped at twice the interval, so an episode ends
 * a bounded number of pairs after the drift does. Baselines and spread learn only while the CUSUM is below half the
 * interval. The first {@value #WARM_UP_PAIRS} pairs set the baselines, the next as many the spread.
 * <p>
 * While a change is being evaluated on a KPI, nothing is raised for its series: an anomaly episode that begins then is
 * counted as suppressed and never raised, and the KPI's divergence CUSUM is held at zero.
 * <p>
 * {@link #onSample} is called by one thread; the other methods may be called from any thread. Steady state
 * allocates nothing; raising or ending an episode does.
 */
public final class AlertMonitor
{
    /**
     * Default anomaly grade from which a value begins an anomaly episode.
     */
    public static final double DEFAULT_ANOMALY_GRADE = 0.5;

    /**
     * Default CUSUM decision interval of the divergence test, in standard deviations of the standardized difference.
     */
    public static final double DEFAULT_DIVERGENCE_SIGMA = 10.0;

    static final int ANOMALY_CLEAR_SAMPLES = 10;
    static final double ANOMALY_CLEAR_FRACTION = 0.5;
    static final double CUSUM_SLACK_SIGMA = 0.5;
    static final double CUSUM_CLEAR_FRACTION = 0.5;
    static final double CUSUM_CAP_FRACTION = 2.0;
    static final int WARM_UP_PAIRS = 16;
    static final double BASELINE_ALPHA = 0.02;
    static final double SPREAD_ALPHA = 0.02;
    static final double MEAN_ABSOLUTE_TO_SIGMA = 1.2533;
    static final double MIN_SIGMA = 1e-3;
    static final double SPREAD_LEARNING_LIMIT_SIGMA = 4.0;
    static final double MIN_BASELINE = 1e-12;
    static final int RECENT_ALERTS = 64;
    static final String LIVE_PREFIX = "live.";
    static final String SHADOW_PREFIX = "shadow.";

    private final double raiseGrade;
    private final double clearGrade;
    private final double decisionSigma;
    private final Consumer<Alert> listener;
    private final Map<String, SeriesState> seriesStates = new HashMap<>();
    private final Map<String, KpiPair> pairs = new HashMap<>();
    private final Map<String, Alert> active = new ConcurrentHashMap<>();
    private final ArrayDeque<Alert> recent = new ArrayDeque<>(RECENT_ALERTS);
    private final AtomicLong anomalyAlerts = new AtomicLong();
    private final AtomicLong divergenceAlerts = new AtomicLong();
    private final AtomicLong suppressedEpisodes = new AtomicLong();

    /**
     * A monitor with the default anomaly grade and divergence interval.
     *
     * @param listener told of every alert as it is raised, on the sample thread.
     */
    public AlertMonitor(final Consumer<Alert> listener)
    {
        this(DEFAULT_ANOMALY_GRADE, DEFAULT_DIVERGENCE_SIGMA, listener);
    }

    /**
     * A monitor with given thresholds.
     *
     * @param raiseGrade    anomaly grade, in (0,1], from which a value begins an anomaly episode.
     * @param decisionSigma CUSUM decision interval of the divergence test, in sigmas, positive.
     * @param listener      told of every alert as it is raised, on the sample thread.
     */
    public AlertMonitor(final double raiseGrade, final double decisionSigma, final Consumer<Alert> listener)
    {
        if (!(raiseGrade > 0.0 && raiseGrade <= 1.0))
        {
            throw new IllegalArgumentException("anomaly grade must be in (0,1], not " + raiseGrade);
        }
        if (!(decisionSigma > 0.0 && Double.isFinite(decisionSigma)))
        {
            throw new IllegalArgumentException("divergence interval must be positive, not " + decisionSigma);
        }
        this.raiseGrade = raiseGrade;
        this.clearGrade = raiseGrade * ANOMALY_CLEAR_FRACTION;
        this.decisionSigma = decisionSigma;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Takes one sample of a series after its model has graded it.
     *
     * @param series        the series name, {@code <side>.<kpi>}.
     * @param timeNs        time of the sample, ns since the epoch.
     * @param value         the value.
     * @param anomalyGrade  the value's anomaly grade, 0 to 1.
     * @param changeRunning true while a change is being evaluated on the series' KPI.
     */
    public void onSample(
        final String series,
        final long timeNs,
        final double value,
        final double anomalyGrade,
        final boolean changeRunning)
    {
        SeriesState state = seriesStates.get(series);
        if (null == state)
        {
            state = newSeriesState(series);
        }
        state.onGrade(timeNs, value, anomalyGrade, changeRunning);
        if (null != state.pair)
        {
            state.pair.onValue(state.live, timeNs, value, changeRunning);
        }
    }

    /**
     * The alerts whose episodes have not ended.
     *
     * @return a copy, sorted by kind and subject.
     */
    public List<Alert> active()
    {
        return List.copyOf(new TreeMap<>(active).values());
    }

    /**
     * The latest alerts raised, whether or not their episodes have ended.
     *
     * @return up to {@value #RECENT_ALERTS}, newest first.
     */
    public List<Alert> recent()
    {
        synchronized (recent)
        {
            return List.copyOf(new ArrayList<>(recent).reversed());
        }
    }

    /**
     * Anomaly alerts raised since start.
     *
     * @return the count.
     */
    public long anomalyAlerts()
    {
        return anomalyAlerts.get();
    }

    /**
     * Divergence alerts raised since start.
     *
     * @return the count.
     */
    public long divergenceAlerts()
    {
        return divergenceAlerts.get();
    }

    /**
     * Anomaly episodes that began while a change was being evaluated on their KPI, and so were not raised.
     *
     * @return the count since start.
     */
    public long suppressedEpisodes()
    {
        return suppressedEpisodes.get();
    }

    /**
     * The counts, the number of active alerts, and the size of each active alert, for JMX.
     *
     * @return name to value, sorted by name.
     */
    public Map<String, Number> counters()
    {
        final Map<String, Number> counters = new TreeMap<>();
        counters.put("anomaly_alerts", anomalyAlerts.get());
        counters.put("divergence_alerts", divergenceAlerts.get());
        counters.put("suppressed_episodes", suppressedEpisodes.get());
        counters.put("active_alerts", (long)active.size());
        for (final Alert alert : active.values())
        {
            counters.put("active." + key(alert.kind(), alert.subject()), alert.size());
        }
        return counters;
    }

    private SeriesState newSeriesState(final String series)
    {
        final boolean live = series.startsWith(LIVE_PREFIX);
        final boolean shadow = series.startsWith(SHADOW_PREFIX);
        KpiPair pair = null;
        if (live || shadow)
        {
            final String kpi = series.substring(live ? LIVE_PREFIX.length() : SHADOW_PREFIX.length());
            pair = pairs.computeIfAbsent(kpi, KpiPair::new);
        }
        final SeriesState state = new SeriesState(series, live, pair);
        seriesStates.put(series, state);
        return state;
    }

    private void raise(final String key, final Alert alert)
    {
        active.put(key, alert);
        synchronized (recent)
        {
            if (recent.size() == RECENT_ALERTS)
            {
                recent.removeFirst();
            }
            recent.addLast(alert);
        }
        (AlertKind.ANOMALY == alert.kind() ? anomalyAlerts : divergenceAlerts).incrementAndGet();
        listener.accept(alert);
    }

    private static String key(final AlertKind kind, final String subject)
    {
        return (AlertKind.ANOMALY == kind ? "anomaly." : "divergence.") + subject;
    }

    private final class SeriesState
    {
        private final String series;
        private final String key;
        private final boolean live;
        private final KpiPair pair;
        private boolean inEpisode;
        private int calmSamples;

        SeriesState(final String series, final boolean live, final KpiPair pair)
        {
            this.series = series;
            this.key = key(AlertKind.ANOMALY, series);
            this.live = live;
            this.pair = pair;
        }

        void onGrade(final long timeNs, final double value, final double grade, final boolean changeRunning)
        {
            if (inEpisode)
            {
                calmSamples = grade < clearGrade ? calmSamples + 1 : 0;
                if (calmSamples >= ANOMALY_CLEAR_SAMPLES)
                {
                    inEpisode = false;
                    active.remove(key);
                }
            }
            else if (grade >= raiseGrade)
            {
                inEpisode = true;
                calmSamples = 0;
                if (changeRunning)
                {
                    suppressedEpisodes.incrementAndGet();
                }
                else
                {
                    raise(key, new Alert(AlertKind.ANOMALY, series, timeNs, grade, value));
                }
            }
        }
    }

    private final class KpiPair
    {
        private final String kpi;
        private final String key;
        private double liveValue;
        private double shadowValue;
        private boolean liveFresh;
        private boolean shadowFresh;
        private long pairCount;
        private double liveBaseline;
        private double shadowBaseline;
        private double meanAbsoluteDifference;
        private double upward;
        private double downward;
        private boolean inEpisode;

        KpiPair(final String kpi)
        {
            this.kpi = kpi;
            this.key = key(AlertKind.DIVERGENCE, kpi);
        }

        void onValue(final boolean live, final long timeNs, final double value, final boolean changeRunning)
        {
            if (live)
            {
                liveValue = value;
                liveFresh = true;
            }
            else
            {
                shadowValue = value;
                shadowFresh = true;
            }
            if (liveFresh && shadowFresh)
            {
                liveFresh = false;
                shadowFresh = false;
                step(timeNs, changeRunning);
            }
        }

        private void step(final long timeNs, final boolean changeRunning)
        {
            pairCount++;
            if (pairCount <= WARM_UP_PAIRS)
            {
                liveBaseline += (liveValue - liveBaseline) / pairCount;
                shadowBaseline += (shadowValue - shadowBaseline) / pairCount;
                return;
            }

            final double difference = departure(liveValue, liveBaseline) - departure(shadowValue, shadowBaseline);
            if (pairCount <= 2L * WARM_UP_PAIRS)
            {
                meanAbsoluteDifference += (Math.abs(difference) - meanAbsoluteDifference) / (pairCount - WARM_UP_PAIRS);
                learnBaselines();
                return;
            }

            final double sigma = Math.max(MEAN_ABSOLUTE_TO_SIGMA * meanAbsoluteDifference, MIN_SIGMA);
            final double z = difference / sigma;
            if (changeRunning)
            {
                upward = 0.0;
                downward = 0.0;
                endEpisode();
            }
            else
            {
                final double cap = CUSUM_CAP_FRACTION * decisionSigma;
                upward = Math.min(cap, Math.max(0.0, upward + z - CUSUM_SLACK_SIGMA));
                downward = Math.min(cap, Math.max(0.0, downward - z - CUSUM_SLACK_SIGMA));
                final double statistic = Math.max(upward, downward);
                if (!inEpisode && statistic >= decisionSigma)
                {
                    inEpisode = true;
                    raise(key, new Alert(AlertKind.DIVERGENCE, kpi, timeNs, difference, liveValue));
                }
                else if (statistic < CUSUM_CLEAR_FRACTION * decisionSigma)
                {
                    endEpisode();
                }
            }

            if (Math.max(upward, downward) < CUSUM_CLEAR_FRACTION * decisionSigma)
            {
                learnBaselines();
                if (Math.abs(z) < SPREAD_LEARNING_LIMIT_SIGMA)
                {
                    meanAbsoluteDifference += SPREAD_ALPHA * (Math.abs(difference) - meanAbsoluteDifference);
                }
            }
        }

        private void endEpisode()
        {
            if (inEpisode)
            {
                inEpisode = false;
                active.remove(key);
            }
        }

        private void learnBaselines()
        {
            liveBaseline += BASELINE_ALPHA * (liveValue - liveBaseline);
            shadowBaseline += BASELINE_ALPHA * (shadowValue - shadowBaseline);
        }

        private static double departure(final double value, final double baseline)
        {
            return (value - baseline) / Math.max(Math.abs(baseline), MIN_BASELINE);
        }
    }
}
