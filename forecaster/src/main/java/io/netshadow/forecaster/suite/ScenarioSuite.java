package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.EvaluationPolicy;
import io.netshadow.forecaster.KpiThreshold;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The scenario suite: changes with known answers, generated from a seed, each with paired live and shadow KPI
 * series, and a held-back part that tuning never sees.
 * <p>
 * Scenario {@code i} of a seed is the same whatever the count: its shape, its held-back flag and its series come
 * from the seed and {@code i} alone. Shapes are dealt from shuffled blocks of {@value #SHAPE_BLOCK} scenarios, 40 %
 * harmless and 60 % harmful, each shape equally often within its half.
 * <p>
 * Time: an interval is {@value #INTERVAL_SECONDS} s on the decision clock, while seasonality is compressed: a day's
 * cycle spans {@value #DAY_INTERVALS} intervals (each interval moves the daily cycle on by 12 minutes) and a week's
 * {@value #WEEK_INTERVALS}, so the {@value #PRE_CHANGE_INTERVALS} intervals before the change hold two daily cycles
 * and a scenario starts at a random point of its week.
 * <p>
 * Ground truth: a series is harmed when the mean of its live values from the harm's onset to the end is worse than
 * the mean of its live values before the change by more than its threshold ({@link #thresholds()}). Harmful
 * scenarios are generated to pass that test on every harmed KPI, harmless ones to stay within 80 % of every
 * threshold.
 */
public final class ScenarioSuite
{
    /** Scenarios in a suite unless told otherwise. */
    public static final int DEFAULT_COUNT = 500;
    /** The seed of the suite the project reports on. */
    public static final long DEFAULT_SEED = 20_261_127L;
    /** The share of scenarios held back from tuning. */
    public static final double HELD_BACK_SHARE = 0.3;
    /** Seconds in one interval. */
    public static final int INTERVAL_SECONDS = 10;
    /** Nanoseconds in one interval. */
    public static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
    /** Intervals before the change; the change takes effect at this interval. */
    public static final int PRE_CHANGE_INTERVALS = 240;
    /** Intervals from the change to the end of a scenario. */
    public static final int POST_CHANGE_INTERVALS = 120;
    /** Intervals in one compressed day. */
    public static final int DAY_INTERVALS = 120;
    /** Intervals in one compressed week. */
    public static final int WEEK_INTERVALS = 7 * DAY_INTERVALS;
    /** Scenarios per block from which shapes are dealt. */
    public static final int SHAPE_BLOCK = 105;

    /** Tolerated rise of the loss ratio: half a percentage point. */
    public static final double LOSS_RATIO_DELTA = 0.005;
    /** Tolerated rise of the retransmission ratio: half a percentage point. */
    public static final double RETRANSMISSION_RATIO_DELTA = 0.005;
    /** Tolerated relative rise of the median latency. */
    public static final double LATENCY_P50_RELATIVE_DELTA = 0.3;
    /** Tolerated relative rise of the 99th percentile latency. */
    public static final double LATENCY_P99_RELATIVE_DELTA = 0.5;
    /** Tolerated relative rise of jitter. */
    public static final double JITTER_RELATIVE_DELTA = 0.5;
    /** Tolerated relative fall of throughput. */
    public static final double THROUGHPUT_RELATIVE_DELTA = 0.2;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long HELD_BACK_SALT = 0xD1B54A32D192ED03L;
    private static final long SHAPE_SALT = 0xA0761D6478BD642FL;
    private static final int HARMLESS_PER_SHAPE = 14;
    private static final int HARMFUL_PER_SHAPE = 9;
    private static final double UNSET = Double.NaN;
    private static final List<KpiThreshold> THRESHOLDS = Stream.of(SuiteKpi.values())
        .flatMap(kpi -> KpiThreshold.onBothSides(kpi.seriesName(), kpi.direction(), absoluteDelta(kpi),
            relativeDelta(kpi)).stream())
        .toList();

    private ScenarioSuite()
    {
    }

    /**
     * The default suite: {@link #DEFAULT_COUNT} scenarios of {@link #DEFAULT_SEED}.
     *
     * @return the scenarios, in index order.
     */
    public static List<Scenario> generate()
    {
        return generate(DEFAULT_SEED, DEFAULT_COUNT);
    }

    /**
     * Generates the first {@code count} scenarios of a seed.
     *
     * @param seed  the suite's seed.
     * @param count how many scenarios.
     * @return the scenarios, in index order.
     */
    public static List<Scenario> generate(final long seed, final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("scenario count " + count + " is negative");
        }
        final List<Scenario> scenarios = new ArrayList<>(count);
        for (int index = 0; index < count; index++)
        {
            scenarios.add(scenario(seed, index));
        }
        return List.copyOf(scenarios);
    }

    /**
     * Generates one scenario of a suite.
     *
     * @param seed  the suite's seed.
     * @param index the scenario's index, from 0.
     * @return the scenario.
     */
    public static Scenario scenario(final long seed, final int index)
    {
        return generator(seed, index).generate().scenario();
    }

    /**
     * The unrelated anomalies placed before the change of one scenario: spikes a detector may flag that are not the
     * change.
     *
     * @param seed  the suite's seed.
     * @param index the scenario's index, from 0.
     * @return the anomalies, in the order they were placed.
     */
    public static List<UnrelatedAnomaly> unrelatedAnomalies(final long seed, final int index)
    {
        return generator(seed, index).generate().anomalies();
    }

    /**
     * The shape of scenario {@code index} of a seed.
     *
     * @param seed  the suite's seed.
     * @param index the scenario's index, from 0.
     * @return the shape.
     */
    public static ScenarioShape shape(final long seed, final int index)
    {
        if (index < 0)
        {
            throw new IllegalArgumentException("scenario index " + index + " is negative");
        }
        final int block = index / SHAPE_BLOCK;
        final SplittableRandom random = new SplittableRandom(mix(seed ^ SHAPE_SALT, block));
        final ScenarioShape[] deck = deck();
        for (int i = deck.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final ScenarioShape swapped = deck[i];
            deck[i] = deck[j];
            deck[j] = swapped;
        }
        return deck[index % SHAPE_BLOCK];
    }

    /**
     * Whether scenario {@code index} of a seed is held back from tuning; a hash of the seed and index, so the same
     * scenarios are held back whatever the count.
     *
     * @param seed  the suite's seed.
     * @param index the scenario's index, from 0.
     * @return true for about {@link #HELD_BACK_SHARE} of the indices.
     */
    public static boolean isHeldBack(final long seed, final int index)
    {
        final double uniform = (mix(seed ^ HELD_BACK_SALT, index) >>> 11) * 0x1.0p-53;
        return uniform < HELD_BACK_SHARE;
    }

    /**
     * The scenarios tuning may see.
     *
     * @param scenarios a suite.
     * @return those not held back, in order.
     */
    public static List<Scenario> tuning(final List<Scenario> scenarios)
    {
        return scenarios.stream().filter(scenario -> !scenario.heldBack()).toList();
    }

    /**
     * The scenarios held back from tuning.
     *
     * @param scenarios a suite.
     * @return those held back, in order.
     */
    public static List<Scenario> heldBack(final List<Scenario> scenarios)
    {
        return scenarios.stream().filter(Scenario::heldBack).toList();
    }

    /**
     * The thresholds every scenario is held to, the same on the live and the shadow series of a KPI: loss and
     * retransmission ratio may rise by half a percentage point, median latency by 30 %, p99 latency and jitter by
     * 50 %, and throughput may fall by 20 %.
     *
     * @return for each KPI in {@link SuiteKpi} order, the shadow threshold, then the live one.
     */
    public static List<KpiThreshold> thresholds()
    {
        return THRESHOLDS;
    }

    /**
     * The threshold of one KPI on one side.
     *
     * @param side {@code live} or {@code shadow}.
     * @param kpi  the KPI.
     * @return the threshold on the series {@code side.kpi}.
     */
    public static KpiThreshold threshold(final String side, final SuiteKpi kpi)
    {
        final int offset = EvaluationPolicy.LIVE_SIDE.equals(side) ? 1 : 0;
        if (offset == 0 && !EvaluationPolicy.SHADOW_SIDE.equals(side))
        {
            throw new IllegalArgumentException("side " + side + " is neither live nor shadow");
        }
        return THRESHOLDS.get(2 * kpi.ordinal() + offset);
    }

    /**
     * The pre-change baseline of a series, as the ground truth uses it: the mean of the intervals before the change.
     *
     * @param series      one KPI series of a scenario.
     * @param changeIndex the scenario's change index.
     * @return the mean of {@code series[0, changeIndex)}.
     */
    public static double baseline(final double[] series, final int changeIndex)
    {
        return mean(series, 0, changeIndex);
    }

    /**
     * The mean of a range of a series.
     *
     * @param series the series.
     * @param from   the first interval, inclusive.
     * @param to     the last interval, exclusive.
     * @return the mean, NaN for an empty range.
     */
    public static double mean(final double[] series, final int from, final int to)
    {
        double sum = 0.0;
        for (int t = from; t < to; t++)
        {
            sum += series[t];
        }
        return sum / (to - from);
    }

    static long scenarioSeed(final long seed, final int index)
    {
        return mix(seed, index);
    }

    private static ScenarioGenerator generator(final long seed, final int index)
    {
        final ScenarioShape shape = shape(seed, index);
        return new ScenarioGenerator(shape, index, scenarioSeed(seed, index), isHeldBack(seed, index));
    }

    private static ScenarioShape[] deck()
    {
        final ScenarioShape[] deck = new ScenarioShape[SHAPE_BLOCK];
        int next = 0;
        for (final ScenarioShape shape : ScenarioShape.values())
        {
            final int copies = shape.harmful() ? HARMFUL_PER_SHAPE : HARMLESS_PER_SHAPE;
            for (int i = 0; i < copies; i++)
            {
                deck[next++] = shape;
            }
        }
        return deck;
    }

    private static long mix(final long seed, final long index)
    {
        long z = seed + GOLDEN_GAMMA * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double absoluteDelta(final SuiteKpi kpi)
    {
        return switch (kpi)
        {
            case LOSS_RATIO -> LOSS_RATIO_DELTA;
            case RETRANSMISSION_RATIO -> RETRANSMISSION_RATIO_DELTA;
            default -> UNSET;
        };
    }

    private static double relativeDelta(final SuiteKpi kpi)
    {
        return switch (kpi)
        {
            case THROUGHPUT_BPS -> THROUGHPUT_RELATIVE_DELTA;
            case LATENCY_P50_NS -> LATENCY_P50_RELATIVE_DELTA;
            case LATENCY_P99_NS -> LATENCY_P99_RELATIVE_DELTA;
            case JITTER_NS -> JITTER_RELATIVE_DELTA;
            default -> UNSET;
        };
    }
}
