package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.EvaluationPolicy;
import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.KpiThreshold;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates one scenario from its own seed: a network's true KPI state per interval (levels, daily and weekly
 * seasonality, heavy-tailed autocorrelated noise, bursts), unrelated anomalies before the change, the change's effect,
 * and what the live meter and the sampled shadow measure of it.
 * <p>
 * A harmful change's strength is solved for from the drawn series, so that the mean of the harmed live KPI from the
 * harm's onset on is worse than its pre-change mean by a drawn margin times the threshold's delta. A draw whose
 * ground truth comes out inconsistent (a harmless change near a threshold through seasonal drift, say) is drawn again
 * from the same stream, so the result still depends on the seed alone.
 */
final class ScenarioGenerator
{
    private static final int KPIS = SuiteKpi.values().length;
    private static final int THROUGHPUT = SuiteKpi.THROUGHPUT_BPS.ordinal();
    private static final int LOSS = SuiteKpi.LOSS_RATIO.ordinal();
    private static final int P50 = SuiteKpi.LATENCY_P50_NS.ordinal();
    private static final int P99 = SuiteKpi.LATENCY_P99_NS.ordinal();
    private static final int JITTER = SuiteKpi.JITTER_NS.ordinal();
    private static final int RETRANSMISSION = SuiteKpi.RETRANSMISSION_RATIO.ordinal();
    private static final int INTERVALS = ScenarioSuite.PRE_CHANGE_INTERVALS + ScenarioSuite.POST_CHANGE_INTERVALS;
    private static final int CHANGE = ScenarioSuite.PRE_CHANGE_INTERVALS;

    private static final int MAX_ATTEMPTS = 64;
    private static final int MAX_ONSET_ROUNDS = 16;
    private static final double HARMLESS_HEADROOM = 0.8;
    private static final double HARM_CONFIRMATION = 1.05;
    private static final double MIN_MARGIN = 1.1;
    private static final double MARGIN_SPAN = 2.9;
    private static final double THROUGHPUT_MARGIN_SPAN = 2.4;
    private static final double MIN_THROUGHPUT_FACTOR = 0.05;

    // Per KPI, in SuiteKpi order: the spread of the traffic's own log-noise, of the meters' errors, and the largest
    // bias of the shadow's measurement.
    private static final double[] TRAFFIC_NOISE = {0.04, 0.3, 0.03, 0.08, 0.06, 0.15};
    private static final double[] LIVE_METER_NOISE = {0.005, 0.0, 0.005, 0.02, 0.01, 0.0};
    private static final double[] SHADOW_METER_NOISE = {0.01, 0.0, 0.01, 0.04, 0.02, 0.0};
    private static final double[] SHADOW_BIAS = {0.02, 0.05, 0.03, 0.03, 0.03, 0.05};
    private static final double MAX_TAIL = 8.0;
    private static final double MAX_STRENGTH = 64.0;
    private static final int STRENGTH_BISECTIONS = 40;
    private static final double BURST_PROBABILITY = 0.02;

    private static final SuiteKpi[] STEP_KPIS = SuiteKpi.values();
    private static final SuiteKpi[] RAMP_KPIS =
        {SuiteKpi.LOSS_RATIO, SuiteKpi.LATENCY_P50_NS, SuiteKpi.LATENCY_P99_NS, SuiteKpi.JITTER_NS};
    private static final SuiteKpi[] ONE_CLASS_KPIS = {SuiteKpi.LOSS_RATIO, SuiteKpi.LATENCY_P99_NS};

    private final ScenarioShape shape;
    private final int index;
    private final long seed;
    private final boolean heldBack;
    private final SplittableRandom random;
    private final List<UnrelatedAnomaly> anomalies = new ArrayList<>();
    private final double[][] trueLive = new double[KPIS][INTERVALS];
    private final double[][] trueShadow = new double[KPIS][INTERVALS];
    private final double[][] trial = new double[KPIS][INTERVALS];
    private Meter liveMeter;
    private Meter shadowMeter;

    ScenarioGenerator(final ScenarioShape shape, final int index, final long seed, final boolean heldBack)
    {
        this.shape = shape;
        this.index = index;
        this.seed = seed;
        this.heldBack = heldBack;
        this.random = new SplittableRandom(seed);
    }

    GeneratedScenario generate()
    {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
        {
            final GeneratedScenario generated = attempt();
            if (null != generated)
            {
                return generated;
            }
        }
        throw new IllegalStateException(id() + ": no consistent draw in " + MAX_ATTEMPTS + " attempts");
    }

    private GeneratedScenario attempt()
    {
        anomalies.clear();
        final Traffic traffic = Traffic.draw(random);
        final double[][] noise = trafficNoise();
        if (ScenarioShape.VARIANCE_RISE == shape)
        {
            final double volatility = uniform(3.0, 6.0);
            scaleAfterChange(noise[P99], volatility);
            scaleAfterChange(noise[JITTER], volatility);
        }
        composeTrueState(traffic, seasonalLoad(), bursts(), noise);
        applyHarmlessChange();
        for (int k = 0; k < KPIS; k++)
        {
            System.arraycopy(trueLive[k], 0, trueShadow[k], 0, INTERVALS);
        }
        placeAnomalies();
        liveMeter = new Meter(random, INTERVALS, 1.0, traffic.packetBytes, LIVE_METER_NOISE, new double[KPIS]);
        shadowMeter = new Meter(random, INTERVALS, traffic.shadowShare, traffic.packetBytes, SHADOW_METER_NOISE,
            SHADOW_BIAS);

        final List<Harm> harms = drawHarms();
        int harmOnset = Integer.MAX_VALUE;
        for (final Harm harm : harms)
        {
            if (SuiteKpi.RETRANSMISSION_RATIO != harm.kpi)
            {
                harmOnset = Math.min(harmOnset, applyHarm(harm));
            }
        }
        deriveRetransmissions(trueLive, traffic, noise[RETRANSMISSION]);
        deriveRetransmissions(trueShadow, traffic, noise[RETRANSMISSION]);
        for (final Harm harm : harms)
        {
            if (SuiteKpi.RETRANSMISSION_RATIO == harm.kpi)
            {
                harmOnset = Math.min(harmOnset, applyHarm(harm));
            }
        }
        if (harmOnset < 0)
        {
            return null;
        }

        final double[][] live = liveMeter.readAll(trueLive);
        final double[][] shadow = shadowMeter.readAll(trueShadow);
        final int onset = harms.isEmpty() ? -1 : harmOnset;
        final List<SuiteKpi> harmedKpis = groundTruth(live, shadow, harms, onset);
        if (null == harmedKpis)
        {
            return null;
        }
        final Scenario scenario = new Scenario(id(), seed, shape, heldBack, ScenarioSuite.INTERVAL_NS, CHANGE, onset,
            harmedKpis, live, shadow, ScenarioSuite.thresholds());
        return new GeneratedScenario(scenario, List.copyOf(anomalies));
    }

    private String id()
    {
        return shape.name().toLowerCase(Locale.ROOT).replace('_', '-') + String.format(Locale.ROOT, "-%04d", index);
    }

    private double[] seasonalLoad()
    {
        final double phase = random.nextInt(ScenarioSuite.WEEK_INTERVALS);
        final double daily = uniform(0.1, 0.25);
        final double eveningShare = uniform(0.1, 0.3);
        final double weekly = uniform(0.03, 0.1);
        final double[] load = new double[INTERVALS];
        for (int t = 0; t < INTERVALS; t++)
        {
            final double day = 2.0 * Math.PI * (t + phase) / ScenarioSuite.DAY_INTERVALS;
            final double week = 2.0 * Math.PI * (t + phase) / ScenarioSuite.WEEK_INTERVALS;
            load[t] = 1.0 + daily * ((1.0 - eveningShare) * Math.sin(day) + eveningShare * Math.sin(2.0 * day)) +
                weekly * Math.sin(week);
        }
        return load;
    }

    private double[] bursts()
    {
        final double[] bursts = new double[INTERVALS];
        int t = 0;
        while (t < INTERVALS)
        {
            if (random.nextDouble() < BURST_PROBABILITY)
            {
                final int length = 1 + random.nextInt(3);
                final double intensity = uniform(0.2, 0.6);
                for (int i = t; i < Math.min(INTERVALS, t + length); i++)
                {
                    bursts[i] = intensity;
                }
                t += length;
            }
            else
            {
                t++;
            }
        }
        return bursts;
    }

    private double[][] trafficNoise()
    {
        final double[][] noise = new double[KPIS][INTERVALS];
        for (int k = 0; k < KPIS; k++)
        {
            final double persistence = uniform(0.3, 0.7);
            final double innovation = TRAFFIC_NOISE[k] * Math.sqrt(1.0 - persistence * persistence);
            double previous = TRAFFIC_NOISE[k] * studentT4();
            for (int t = 0; t < INTERVALS; t++)
            {
                previous = persistence * previous + innovation * studentT4();
                noise[k][t] = previous;
            }
        }
        return noise;
    }

    private static void scaleAfterChange(final double[] series, final double factor)
    {
        for (int t = CHANGE; t < INTERVALS; t++)
        {
            series[t] *= factor;
        }
    }

    private void composeTrueState(final Traffic traffic, final double[] load, final double[] bursts,
        final double[][] noise)
    {
        for (int t = 0; t < INTERVALS; t++)
        {
            final double busy = load[t] - 1.0;
            final double burst = bursts[t];
            trueLive[THROUGHPUT][t] = traffic.throughputBps * load[t] * Math.exp(noise[THROUGHPUT][t]) * (1.0 + burst);
            trueLive[P50][t] = traffic.latencyP50Ns * (1.0 + 0.4 * busy) * Math.exp(noise[P50][t]) *
                (1.0 + 0.3 * burst);
            trueLive[P99][t] = traffic.latencyP50Ns * traffic.tailRatio * (1.0 + 0.8 * busy) *
                Math.exp(noise[P99][t]) * (1.0 + 2.0 * burst);
            trueLive[JITTER][t] = traffic.latencyP50Ns * traffic.jitterRatio * (1.0 + 0.5 * busy) *
                Math.exp(noise[JITTER][t]) * (1.0 + 1.5 * burst);
            trueLive[LOSS][t] = traffic.lossRatio * Math.max(0.2, 1.0 + 1.5 * busy) * Math.exp(noise[LOSS][t]) *
                (1.0 + 5.0 * burst);
            trueLive[RETRANSMISSION][t] = 0.0;
        }
    }

    private void applyHarmlessChange()
    {
        if (ScenarioShape.SMALL_IMPROVEMENT == shape)
        {
            final int[] kpis = {THROUGHPUT, LOSS, P50, P99, JITTER};
            final int improved = 1 + random.nextInt(2);
            for (int i = 0; i < improved; i++)
            {
                final int pick = i + random.nextInt(kpis.length - i);
                final int kpi = kpis[pick];
                kpis[pick] = kpis[i];
                kpis[i] = kpi;
                scaleAfterChange(trueLive[kpi], improvement(kpi));
            }
        }
        else if (ScenarioShape.BENIGN_TRAFFIC_SHIFT == shape)
        {
            final double shift = uniform(0.92, 1.4) - 1.0;
            scaleAfterChange(trueLive[THROUGHPUT], 1.0 + shift);
            scaleAfterChange(trueLive[P50], 1.0 + 0.3 * shift);
            scaleAfterChange(trueLive[P99], 1.0 + 0.6 * shift);
            scaleAfterChange(trueLive[JITTER], 1.0 + 0.4 * shift);
            scaleAfterChange(trueLive[LOSS], 1.0 + shift);
        }
    }

    private double improvement(final int kpi)
    {
        if (THROUGHPUT == kpi)
        {
            return uniform(1.02, 1.1);
        }
        if (LOSS == kpi)
        {
            return uniform(0.4, 0.9);
        }
        if (P50 == kpi)
        {
            return uniform(0.8, 0.97);
        }
        return uniform(0.7, 0.95);
    }

    private void placeAnomalies()
    {
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++)
        {
            final int length = 1 + random.nextInt(4);
            final int first = 24 + random.nextInt(CHANGE - 12 - length - 24);
            final double sides = random.nextDouble();
            final boolean onLive = sides < 0.85;
            final boolean onShadow = sides < 0.5 || sides >= 0.85;
            final int kind = random.nextInt(3);
            final List<SuiteKpi> kpis;
            if (0 == kind)
            {
                final double addedLoss = uniform(0.004, 0.015);
                kpis = List.of(SuiteKpi.LOSS_RATIO, SuiteKpi.RETRANSMISSION_RATIO);
                disturb(LOSS, first, length, onLive, onShadow, 1.0, addedLoss);
            }
            else if (1 == kind)
            {
                kpis = List.of(SuiteKpi.LATENCY_P50_NS, SuiteKpi.LATENCY_P99_NS, SuiteKpi.JITTER_NS);
                disturb(P50, first, length, onLive, onShadow, uniform(1.3, 2.0), 0.0);
                disturb(P99, first, length, onLive, onShadow, uniform(2.0, 4.0), 0.0);
                disturb(JITTER, first, length, onLive, onShadow, uniform(1.5, 3.0), 0.0);
            }
            else
            {
                kpis = List.of(SuiteKpi.THROUGHPUT_BPS);
                disturb(THROUGHPUT, first, length, onLive, onShadow, uniform(0.25, 0.5), 0.0);
            }
            anomalies.add(new UnrelatedAnomaly(first, length, kpis, onLive, onShadow));
        }
    }

    private void disturb(final int kpi, final int first, final int length, final boolean onLive,
        final boolean onShadow, final double factor, final double added)
    {
        for (int t = first; t < first + length; t++)
        {
            if (onLive)
            {
                trueLive[kpi][t] = trueLive[kpi][t] * factor + added;
            }
            if (onShadow)
            {
                trueShadow[kpi][t] = trueShadow[kpi][t] * factor + added;
            }
        }
    }

    private List<Harm> drawHarms()
    {
        return switch (shape)
        {
            case NO_EFFECT, SMALL_IMPROVEMENT, BENIGN_TRAFFIC_SHIFT -> List.of();
            case STEP -> List.of(harm(pick(STEP_KPIS), step(CHANGE)));
            case RAMP -> List.of(harm(pick(RAMP_KPIS), ramp(15 + random.nextInt(66))));
            case INTERMITTENT_LOSS -> List.of(harm(SuiteKpi.LOSS_RATIO, intermittent()));
            case TAIL_LATENCY -> List.of(harm(SuiteKpi.LATENCY_P99_NS, step(CHANGE)));
            case VARIANCE_RISE -> List.of(harm(SuiteKpi.LATENCY_P99_NS, step(CHANGE)),
                harm(SuiteKpi.JITTER_NS, step(CHANGE)));
            case DELAYED_ONSET -> List.of(harm(pick(STEP_KPIS), step(CHANGE + 5 + random.nextInt(36))));
            case ONE_CLASS -> List.of(harm(pick(ONE_CLASS_KPIS), oneClass(uniform(0.1, 0.3))));
        };
    }

    private Harm harm(final SuiteKpi kpi, final double[] profile)
    {
        final double span = SuiteKpi.THROUGHPUT_BPS == kpi ? THROUGHPUT_MARGIN_SPAN : MARGIN_SPAN;
        final double u = random.nextDouble();
        return new Harm(kpi, profile, MIN_MARGIN + span * u * u, uniform(0.85, 1.15));
    }

    private SuiteKpi pick(final SuiteKpi[] kpis)
    {
        return kpis[random.nextInt(kpis.length)];
    }

    private static double[] step(final int from)
    {
        final double[] profile = new double[INTERVALS];
        for (int t = from; t < INTERVALS; t++)
        {
            profile[t] = 1.0;
        }
        return profile;
    }

    private static double[] ramp(final int lengthIntervals)
    {
        final double[] profile = new double[INTERVALS];
        for (int t = CHANGE; t < INTERVALS; t++)
        {
            profile[t] = Math.min(1.0, (t - CHANGE + 1.0) / lengthIntervals);
        }
        return profile;
    }

    private double[] intermittent()
    {
        final double[] profile = new double[INTERVALS];
        final double duty = uniform(0.25, 0.6);
        int t = CHANGE + random.nextInt(6);
        boolean on = true;
        while (t < INTERVALS)
        {
            final int length = on ? 1 + random.nextInt(4) : 1 + random.nextInt(Math.max(1, (int)(4 / duty)));
            for (int i = t; i < Math.min(INTERVALS, t + length); i++)
            {
                profile[i] = on ? uniform(0.6, 1.4) : 0.0;
            }
            t += length;
            on = !on;
        }
        return profile;
    }

    private double[] oneClass(final double classShare)
    {
        // The class carries share(t) of the traffic and takes strength / classShare thresholds of harm, so the
        // aggregate moves by strength times share(t) / classShare: a strong harm on a few flows, diluted.
        final double[] profile = new double[INTERVALS];
        for (int t = CHANGE; t < INTERVALS; t++)
        {
            final double share = classShare * Math.clamp(1.0 + 0.25 * random.nextGaussian(), 0.5, 1.5);
            profile[t] = share / classShare;
        }
        return profile;
    }

    private int applyHarm(final Harm harm)
    {
        final int k = harm.kpi.ordinal();
        int onset = firstAbove(harm.profile, 0.0);
        double strength = Double.NaN;
        for (int round = 0; round < MAX_ONSET_ROUNDS && onset >= 0; round++)
        {
            strength = strength(harm, onset);
            final int next = firstAbove(harm.profile, 1.0 / strength);
            if (next == onset)
            {
                break;
            }
            onset = next;
        }
        if (onset < 0 || !(strength > 0.0))
        {
            return -1;
        }
        worsen(trueLive, trueLive, harm, k, strength);
        worsen(trueShadow, trueShadow, harm, k, strength * harm.shadowFidelity);
        return onset;
    }

    private double strength(final Harm harm, final int from)
    {
        final int k = harm.kpi.ordinal();
        final KpiThreshold threshold = ScenarioSuite.threshold(EvaluationPolicy.LIVE_SIDE, harm.kpi);
        double baseline = 0.0;
        for (int t = 0; t < CHANGE; t++)
        {
            baseline += liveMeter.read(trueLive, k, t);
        }
        baseline /= CHANGE;
        final double target = harm.margin * threshold.harmfulDelta(baseline);
        double low = 0.0;
        double high = MAX_STRENGTH;
        if (measuredWorsening(harm, high, from, baseline) < target)
        {
            return Double.NaN;
        }
        for (int i = 0; i < STRENGTH_BISECTIONS; i++)
        {
            final double middle = 0.5 * (low + high);
            if (measuredWorsening(harm, middle, from, baseline) < target)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high;
    }

    private double measuredWorsening(final Harm harm, final double strength, final int from, final double baseline)
    {
        final int k = harm.kpi.ordinal();
        for (final int j : new int[] {k, THROUGHPUT, P99})
        {
            System.arraycopy(trueLive[j], 0, trial[j], 0, INTERVALS);
        }
        worsen(trueLive, trial, harm, k, strength);
        double sum = 0.0;
        for (int t = from; t < INTERVALS; t++)
        {
            sum += liveMeter.read(trial, k, t);
        }
        return harm.kpi.direction().worsening(sum / (INTERVALS - from), baseline);
    }

    private static double unit(final double[][] state, final KpiThreshold threshold, final int k, final int t)
    {
        return Double.isNaN(threshold.relativeDelta()) ? threshold.absoluteDelta() :
            threshold.relativeDelta() * state[k][t];
    }

    private static void worsen(final double[][] from, final double[][] state, final Harm harm, final int k,
        final double strength)
    {
        final KpiThreshold threshold = ScenarioSuite.threshold(EvaluationPolicy.LIVE_SIDE, harm.kpi);
        final double sign = KpiDirection.HIGHER_IS_WORSE == harm.kpi.direction() ? 1.0 : -1.0;
        for (int t = CHANGE; t < INTERVALS; t++)
        {
            final double before = from[k][t];
            final double change = sign * strength * harm.profile[t] * unit(from, threshold, k, t);
            final double after = THROUGHPUT == k ? Math.max(MIN_THROUGHPUT_FACTOR * before, before + change) :
                before + change;
            state[k][t] = LOSS == k || RETRANSMISSION == k ? Math.min(1.0, after) : after;
            if (P50 == k)
            {
                state[P99][t] = from[P99][t] + after - before;
            }
        }
    }

    private static int firstAbove(final double[] profile, final double above)
    {
        for (int t = CHANGE; t < INTERVALS; t++)
        {
            if (profile[t] > above)
            {
                return t;
            }
        }
        return -1;
    }

    private void deriveRetransmissions(final double[][] state, final Traffic traffic, final double[] noise)
    {
        for (int t = 0; t < INTERVALS; t++)
        {
            state[RETRANSMISSION][t] = Math.min(1.0,
                traffic.retransmissionsPerLoss * state[LOSS][t] + traffic.spuriousRetransmissionRatio *
                    Math.exp(noise[t]));
        }
    }

    private List<SuiteKpi> groundTruth(final double[][] live, final double[][] shadow, final List<Harm> harms,
        final int onset)
    {
        final Set<SuiteKpi> primary = EnumSet.noneOf(SuiteKpi.class);
        final Set<SuiteKpi> derived = EnumSet.noneOf(SuiteKpi.class);
        for (final Harm harm : harms)
        {
            primary.add(harm.kpi);
            if (SuiteKpi.LOSS_RATIO == harm.kpi)
            {
                derived.add(SuiteKpi.RETRANSMISSION_RATIO);
            }
            if (SuiteKpi.LATENCY_P50_NS == harm.kpi)
            {
                derived.add(SuiteKpi.LATENCY_P99_NS);
            }
        }
        final int from = onset < 0 ? CHANGE : onset;
        final List<SuiteKpi> harmed = new ArrayList<>();
        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            final double worsening = worseningInThresholds(live[kpi.ordinal()], EvaluationPolicy.LIVE_SIDE, kpi, from);
            if (primary.contains(kpi))
            {
                if (worsening < HARM_CONFIRMATION)
                {
                    return null;
                }
                harmed.add(kpi);
            }
            else if (worsening > 1.0 && derived.contains(kpi))
            {
                harmed.add(kpi);
            }
            else if (worsening > HARMLESS_HEADROOM && !derived.contains(kpi))
            {
                return null;
            }
            if (harms.isEmpty() &&
                worseningInThresholds(shadow[kpi.ordinal()], EvaluationPolicy.SHADOW_SIDE, kpi, from) > 1.0)
            {
                return null;
            }
        }
        return harmed;
    }

    private static double worseningInThresholds(final double[] series, final String side, final SuiteKpi kpi,
        final int from)
    {
        final KpiThreshold threshold = ScenarioSuite.threshold(side, kpi);
        final double baseline = ScenarioSuite.baseline(series, CHANGE);
        final double after = ScenarioSuite.mean(series, from, series.length);
        return kpi.direction().worsening(after, baseline) / threshold.harmfulDelta(baseline);
    }

    private double studentT4()
    {
        final double chiSquare4 = 2.0 * (random.nextExponential() + random.nextExponential());
        final double t = random.nextGaussian() / Math.sqrt(chiSquare4 / 4.0);
        return Math.clamp(t, -MAX_TAIL, MAX_TAIL) / Math.sqrt(2.0);
    }

    private double uniform(final double from, final double to)
    {
        return from + (to - from) * random.nextDouble();
    }

    private record Harm(SuiteKpi kpi, double[] profile, double margin, double shadowFidelity)
    {
    }

    /**
     * The levels of one network before seasonality and noise.
     */
    private record Traffic(
        double throughputBps,
        double packetBytes,
        double lossRatio,
        double latencyP50Ns,
        double tailRatio,
        double jitterRatio,
        double retransmissionsPerLoss,
        double spuriousRetransmissionRatio,
        double shadowShare)
    {
        static Traffic draw(final SplittableRandom random)
        {
            return new Traffic(
                logUniform(random, 1e9, 40e9),
                400.0 + 800.0 * random.nextDouble(),
                logUniform(random, 1e-4, 1e-3),
                logUniform(random, 0.2e6, 2e6),
                3.0 + 7.0 * random.nextDouble(),
                0.1 + 0.4 * random.nextDouble(),
                1.2 + 1.3 * random.nextDouble(),
                logUniform(random, 2e-5, 2e-4),
                0.1 + 0.4 * random.nextDouble());
        }

        private static double logUniform(final SplittableRandom random, final double from, final double to)
        {
            return from * Math.exp(Math.log(to / from) * random.nextDouble());
        }
    }
}
