package io.netshadow.forecaster;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongFunction;

public class TuningMain
{
    public static void main(String[] args)
    {
        int seeds = Integer.parseInt(args[0]);
        run("noChangeLatency", seeds, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, 1.0))
                .series(KpiThreshold.higherIsWorse("live.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, 1.0));
        });
        run("noChangeAll", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, 1.0))
                .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(0.001))
                .series(KpiThreshold.lowerIsWorse("shadow.throughput_bps", Double.NaN, 0.2), (s, a) -> k.throughputBps(s, 1.0))
                .series(KpiThreshold.higherIsWorse("live.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, 1.0))
                .series(KpiThreshold.higherIsWorse("live.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(0.001))
                .series(KpiThreshold.lowerIsWorse("live.throughput_bps", Double.NaN, 0.2), (s, a) -> k.throughputBps(s, 1.0));
        });
        run("noChangeLossZero", seeds, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(0.0))
                .series(KpiThreshold.higherIsWorse("live.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(0.0));
        });
        run("lossStepFromZero", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(a ? 0.1 : 0.0));
        });
        run("lossStep", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN), (s, a) -> k.lossRatio(a ? 0.3 : 0.001));
        });
        run("latencyDoubling", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, a ? 2.0 : 1.0));
        });
        run("throughputHalving", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.lowerIsWorse("shadow.throughput_bps", Double.NaN, 0.2), (s, a) -> k.throughputBps(s, a ? 0.5 : 1.0));
        });
        run("latencyImprovement", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, a ? 0.9 : 1.0));
        });
        run("latency30pct", seeds / 4, seed -> {
            SyntheticKpis k = new SyntheticKpis(seed);
            return new ChangeScenario()
                .series(KpiThreshold.higherIsWorse("shadow.latency_p99_ns", Double.NaN, 0.5), (s, a) -> k.latencyP99Ns(s, a ? 1.3 : 1.0));
        });
    }

    static void run(String name, int seeds, LongFunction<ChangeScenario> scenario)
    {
        long t0 = System.nanoTime();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int[] hist = new int[100];
        String example = null;
        for (int seed = 0; seed < seeds; seed++)
        {
            ChangeScenario.Result r = scenario.apply(seed).run();
            counts.merge(r.verdict().outcome(), 1, Integer::sum);
            hist[Math.min(99, r.postChangeSamples())]++;
            if (seed == 0 || (r.verdict().outcome() != Outcome.POSITIVE && name.startsWith("noChange")) || (!name.startsWith("noChange") && !name.endsWith("Improvement") && (r.verdict().outcome() != Outcome.NEGATIVE || r.postChangeSamples() > 6)))
            {
                System.out.println("  seed " + seed + " " + r.verdict().outcome() + " @" + r.postChangeSamples() + ": " + r.verdict().reason());
            }
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 100; i++) if (hist[i] > 0) h.append(i).append(':').append(hist[i]).append(' ');
        System.out.printf("%s: %s samples-to-verdict {%s} %.1f s%n", name, counts, h, (System.nanoTime() - t0) / 1e9);
    }
}
