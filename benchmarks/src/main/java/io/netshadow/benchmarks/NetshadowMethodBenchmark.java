package io.netshadow.benchmarks;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.SeriesModel;
import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.evaluation.NetshadowMethod;
import io.netshadow.forecaster.suite.ScenarioSuite;
import io.netshadow.forecaster.suite.SuiteKpi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Microseconds per interval of the netshadow decision method learning a change's baselines: one
 * {@link NetshadowMethod.Judge#onInterval} call with the six KPIs of live and shadow, that is twelve series, each
 * through its thresholded Random Cut Forest (anomaly grade), its clean-value line fit and, per KPI, the
 * live-versus-shadow divergence CUSUM. The change lies so far ahead that every interval is learned, which is the
 * dearer phase: after the change a series only evaluates its frozen line and adds to its CUSUMs. The cost of one
 * sample update across all models of a series is the score divided by {@link #SERIES_PER_INTERVAL}.
 * <p>
 * For comparison, {@link #seriesModelUpdate} is one value through the daemon's {@link SeriesModel} (a Random Cut
 * Forest caster that also forecasts, with its conformal calibration), one series per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class NetshadowMethodBenchmark
{
    /** Series judged per interval: six KPIs on live and on the shadow. */
    public static final int SERIES_PER_INTERVAL = 2 * SuiteKpi.values().length;

    static final long INTERVAL_NS = 1_000_000_000L;
    static final int FIRST_INTERVAL = Integer.MAX_VALUE - (1 << 30);
    static final double[] LEVELS = {1e9, 0.002, 200_000.0, 1_000_000.0, 50_000.0, 0.003};
    static final double NOISE = 0.05;
    static final double SHADOW_SHARE = 0.1;
    static final int NOISE_TABLE_SIZE = 4096;
    static final int WARM_UP_INTERVALS = 128;

    private final double[] live = new double[SuiteKpi.values().length];
    private final double[] shadow = new double[SuiteKpi.values().length];
    private final double[] noise = new double[NOISE_TABLE_SIZE];
    private NetshadowMethod.Judge judge;
    private SeriesModel seriesModel;
    private int interval;
    private long seriesModelTimeNs;
    private int noiseIndex;

    /**
     * Creates the judge and learns one window of intervals, so the forests are past their warm-up.
     */
    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < NOISE_TABLE_SIZE; i++)
        {
            noise[i] = Math.exp(NOISE * gaussian(random));
        }
        judge = newJudge();
        interval = FIRST_INTERVAL;
        seriesModel = new SeriesModel("live.latency_p99_ns");
        for (int i = 0; i < WARM_UP_INTERVALS; i++)
        {
            learnInterval();
            seriesModelUpdate();
        }
    }

    /**
     * One interval of twelve series learned.
     *
     * @return the decision, pending.
     */
    @Benchmark
    public Decision learnInterval()
    {
        for (int k = 0; k < live.length; k++)
        {
            live[k] = LEVELS[k] * noise[noiseIndex++ & (NOISE_TABLE_SIZE - 1)];
            shadow[k] = live[k] * (k == 0 ? SHADOW_SHARE : 1.0) * noise[noiseIndex++ & (NOISE_TABLE_SIZE - 1)];
        }
        return judge.onInterval(interval++, live, shadow);
    }

    /**
     * One value of one series through the daemon's series model.
     *
     * @return the model's view of the value.
     */
    @Benchmark
    public SeriesModel.Sample seriesModelUpdate()
    {
        seriesModelTimeNs += INTERVAL_NS;
        return seriesModel.update(seriesModelTimeNs, LEVELS[3] * noise[noiseIndex++ & (NOISE_TABLE_SIZE - 1)]);
    }

    /**
     * A judge whose change never comes, with the thresholds of every KPI on both sides.
     *
     * @return the judge.
     */
    static NetshadowMethod.Judge newJudge()
    {
        return new NetshadowMethod.Judge(INTERVAL_NS, Integer.MAX_VALUE, thresholds(), ScenarioSuite.DAY_INTERVALS);
    }

    static List<KpiThreshold> thresholds()
    {
        final List<KpiThreshold> thresholds = new ArrayList<>();
        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            thresholds.addAll(KpiThreshold.onBothSides(kpi.seriesName(), kpi.direction(), Double.NaN, 0.3));
        }
        return thresholds;
    }

    private static double gaussian(final SplittableRandom random)
    {
        return Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}
