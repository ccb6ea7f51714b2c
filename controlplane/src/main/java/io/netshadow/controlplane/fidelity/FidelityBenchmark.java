package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.config.ForecasterConfig;
import io.netshadow.controlplane.config.KpiChange;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanException;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures how well shadows predict the whole network. The lab's traffic is generated once for a stretch of
 * virtual time; the whole network (every device of the profile on an
 * {@link io.netshadow.dataplane.fabric.EmulatedFabric}) and, per budget, the shadow {@link ShadowPlanner} samples
 * carry it, first unchanged and then with each change of {@link FidelityChanges} in place from the start, so every
 * change is compared with a baseline that saw exactly the same packets. A shadow carries the packets whose sending
 * and receiving devices it holds, as the appliance replays them.
 * <p>
 * Packets are stratified by service (protocol and destination port) and by the path they take through the whole
 * network without the change, written as the classes of the devices they enter and, on the devices a change
 * touches, the ports they enter and leave by: a device with high criticality (which every shadow holds) is a class
 * of its own, the others are classed by role. The appliance knows both: the
 * service from the packets, the paths from the profile's routing. The shadow predicts the whole network's KPIs
 * after a change from the whole network's own baseline per stratum (the live meters' figures) moved by what the
 * change did to the shadow's packets of the same stratum; a stratum the shadow does not carry moves by what the
 * change does to its packets' paths through the profile's routing ({@link PathModel}), plus what the shadow's run
 * showed beyond its own paths' change in the nearest coarser grouping it carries ({@link Prediction}, which says
 * which part comes from the model and which from the shadow, and lists every input taken from the whole network
 * and where the appliance gets it). A change's policers keep their live rate and burst and meet the live aggregate
 * on their port: the live packets the shadow does not carry whose paths through the whole network enter a policed
 * port of the shadow are fed to that policer as background by the appliance's own {@link
 * io.netshadow.dataplane.pipeline.PolicerFeed}, as the appliance does from the mirrored traffic of the whole network
 * and the profile's routing.
 * <p>
 * A change's effect on a KPI is expressed as its threshold in the forecaster's configuration is: an amount for an
 * absolute threshold (loss ratio +0.02), a share of the baseline for a relative one (p99 latency +50%). The
 * relative error of a prediction is |predicted − observed| over the larger of |observed| and a tenth of the
 * threshold, so a change that barely moves a KPI is judged on the threshold's scale rather than divided by zero.
 */
public final class FidelityBenchmark
{
    /** A prediction's error is measured against no less than this share of the KPI's threshold. */
    public static final double ERROR_FLOOR_SHARE_OF_THRESHOLD = 0.1;

    private static final long SERVICE_PRIME = 4_294_967_311L;

    private final Options options;
    private final PrintWriter progress;

    /**
     * What a fidelity run may be told.
     *
     * @param budgets        the shadow budgets to compare.
     * @param seed           seed of the traffic and of the sampling.
     * @param flowsPerSecond mean rate of new flows in the whole network.
     * @param warmupNs       virtual time before the measurement window, for flows to build up.
     * @param windowNs       length of the measurement window.
     * @param thresholds     the forecaster's thresholds, which give the verdicts.
     */
    public record Options(
        List<ShadowBudget> budgets,
        long seed,
        double flowsPerSecond,
        long warmupNs,
        long windowNs,
        ForecasterConfig.Thresholds thresholds)
    {
        /**
         * Copies the budgets.
         *
         * @param budgets        the budgets.
         * @param seed           the seed.
         * @param flowsPerSecond the flow rate.
         * @param warmupNs       the warm-up.
         * @param windowNs       the window.
         * @param thresholds     the thresholds.
         */
        public Options
        {
            budgets = List.copyOf(budgets);
        }
    }

    /**
     * Prepares a run.
     *
     * @param options  the options.
     * @param progress where to say what is running, such as standard error.
     */
    public FidelityBenchmark(final Options options, final PrintWriter progress)
    {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Runs the whole network and every budget's shadow through the baseline and the changes.
     *
     * @param profile     the whole network.
     * @param profileName where it came from, for the report.
     * @param command     the options as a command line, for the report.
     * @return the figures.
     */
    public FidelityResult run(final NetworkProfile profile, final String profileName, final String command)
    {
        final long windowStartNs = options.warmupNs();
        final long windowEndNs = options.warmupNs() + options.windowNs();
        final RecordedTraffic traffic =
            RecordedTraffic.generate(profile, options.flowsPerSecond(), options.seed(), windowEndNs);
        final FabricTopology wholeTopology = profile.topology();
        final Set<String> touched = FidelityChanges.touchedDevices(profile);
        final boolean[] high = new boolean[profile.devices().size()];
        final boolean[] touchedDevice = new boolean[profile.devices().size()];
        for (int i = 0; i < high.length; i++)
        {
            high[i] = Criticality.HIGH == profile.devices().get(i).criticality();
            touchedDevice[i] = touched.contains(profile.devices().get(i).name());
        }
        final NetworkRun.PathSignatures paths =
            NetworkRun.pathSignatures(wholeTopology, traffic, classes(profile), high, touchedDevice, windowStartNs,
                windowEndNs);
        final Map<Long, Integer> stratumOfKey = new HashMap<>();
        final List<Integer> firstPacketOfStratum = new ArrayList<>();
        final int[] stratumOfPacket = new int[traffic.count()];
        for (int i = 0; i < traffic.count(); i++)
        {
            final int stratum = stratumOfKey.computeIfAbsent(
                (paths.everyDevice()[i] * SERVICE_PRIME + paths.exposure()[i]) * SERVICE_PRIME + traffic.service(i),
                ignored -> stratumOfKey.size());
            if (stratum == firstPacketOfStratum.size())
            {
                firstPacketOfStratum.add(i);
            }
            stratumOfPacket[i] = stratum;
        }
        final int strata = stratumOfKey.size();
        final int[] first = firstPacketOfStratum.stream().mapToInt(Integer::intValue).toArray();
        final long[] highAndExposure = new long[traffic.count()];
        Arrays.setAll(highAndExposure, i -> paths.highDevices()[i] * SERVICE_PRIME + paths.exposure()[i]);
        final Prediction.Grouping parent = grouping(first, traffic, highAndExposure, true);
        final Prediction.Grouping exposure = grouping(first, traffic, paths.exposure(), true);
        final Prediction.Grouping ingress = grouping(first, traffic, paths.ingress(), true);
        final Prediction.Grouping egress = grouping(first, traffic, paths.egress(), true);
        final Prediction.Grouping ingressPort = grouping(first, traffic, paths.ingress(), false);
        final Prediction.Grouping egressPort = grouping(first, traffic, paths.egress(), false);
        final Prediction.Grouping alone = Prediction.Grouping.identity(strata);
        final Strata stratification = new Strata(stratumOfPacket, strata,
            List.of(alone, parent, exposure, ingress, ingressPort),
            List.of(alone, parent, exposure, egress, egressPort));
        final int[] everyDevice = new int[profile.devices().size()];
        Arrays.setAll(everyDevice, i -> i);
        final Runner whole = (configs, tap) -> NetworkRun.run(wholeTopology, everyDevice,
            indexed(wholeTopology, configs), traffic, stratumOfPacket, strata, windowStartNs, windowEndNs, tap, null);

        progress.printf(Locale.ROOT, "whole network: %d devices, %,d packets generated; baseline%n",
            profile.devices().size(), traffic.count());
        final RunResult wholeBaseline = whole.run(Map.of(), false);
        final List<FidelityChange> changes = FidelityChanges.of(profile, paths.ingressBytes(), options.windowNs());
        final Kpis wholeBefore = Kpis.of(wholeBaseline);
        final List<Kpis> wholeAfter = new ArrayList<>();
        final long[] wholeModelBefore =
            PathModel.delaysNs(wholeTopology, everyDevice, Map.of(), traffic, windowStartNs, windowEndNs);
        final List<Prediction.Modelled> wholeModel = new ArrayList<>();
        for (final FidelityChange change : changes)
        {
            progress.println("whole network: " + change.id());
            wholeAfter.add(Kpis.of(whole.run(change.configs(), false)));
            wholeModel.add(new Prediction.Modelled(wholeModelBefore, PathModel.delaysNs(wholeTopology, everyDevice,
                indexed(wholeTopology, change.configs()), traffic, windowStartNs, windowEndNs)));
        }

        final List<FidelityResult.Budget> budgets = new ArrayList<>();
        for (final ShadowBudget budget : options.budgets())
        {
            budgets.add(shadow(profile, budget, stratification, traffic, wholeBaseline, wholeModel, wholeBefore,
                changes, wholeAfter));
        }
        return new FidelityResult(profileName, profile.devices().size(), Arrays.stream(wholeBaseline.sent()).sum(),
            wholeBefore, changes, budgets, command);
    }

    private FidelityResult.Budget shadow(
        final NetworkProfile profile,
        final ShadowBudget budget,
        final Strata strata,
        final RecordedTraffic traffic,
        final RunResult wholeBaseline,
        final List<Prediction.Modelled> wholeModel,
        final Kpis wholeBefore,
        final List<FidelityChange> changes,
        final List<Kpis> wholeAfter)
    {
        final ShadowPlan plan;
        try
        {
            plan = new ShadowPlanner(profile).plan(budget, options.seed());
        }
        catch (final ShadowPlanException ex)
        {
            progress.println("shadow at " + budget + ": no plan: " + ex.getMessage());
            return new FidelityResult.Budget(budget.toString(), 0, 0, 0, null, List.of(), ex.getMessage());
        }
        final FabricTopology topology = plan.topology();
        final int[] deviceOfProfile = new int[profile.devices().size()];
        for (int i = 0; i < deviceOfProfile.length; i++)
        {
            deviceOfProfile[i] = topology.deviceIndex(profile.devices().get(i).name());
        }
        final FabricTopology wholeTopology = profile.topology();
        final Runner shadow = (configs, tap) -> NetworkRun.run(topology, deviceOfProfile, indexed(topology, configs),
            traffic, strata.ofPacket(), strata.count(), options.warmupNs(), options.warmupNs() + options.windowNs(),
            tap, wholeTopology);
        progress.printf(Locale.ROOT, "shadow at %s: %d of %d devices; baseline%n", budget, plan.devices().size(),
            profile.devices().size());
        final RunResult baseline = shadow.run(Map.of(), true);
        final long[] modelBefore = PathModel.delaysNs(topology, deviceOfProfile, Map.of(), traffic,
            options.warmupNs(), options.warmupNs() + options.windowNs());
        final Kpis plainBefore = Kpis.of(baseline);
        final Set<String> names = new HashSet<>(plan.deviceNames());
        final List<FidelityRow> rows = new ArrayList<>();
        for (int c = 0; c < changes.size(); c++)
        {
            final FidelityChange change = changes.get(c);
            final double observedLoss = delta(options.thresholds().lossRatio(), wholeBefore.lossRatio(),
                wholeAfter.get(c).lossRatio());
            final double observedP99 = delta(options.thresholds().latencyP99(), wholeBefore.latencyP99Ns(),
                wholeAfter.get(c).latencyP99Ns());
            final boolean harmfulOnWhole = harmful(observedLoss, observedP99);
            if (!change.fitsIn(names))
            {
                rows.add(new FidelityRow(change.id(), observedLoss, Double.NaN, Double.NaN, observedP99, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, harmfulOnWhole, false,
                    "a device the change touches is outside the shadow"));
                continue;
            }
            progress.println("shadow at " + budget + ": " + change.id());
            final Map<String, DeviceConfig> configs = change.configs();
            final RunResult after = shadow.run(configs, false);
            final Prediction.Modelled model = new Prediction.Modelled(modelBefore, PathModel.delaysNs(topology,
                deviceOfProfile, indexed(topology, configs), traffic, options.warmupNs(),
                options.warmupNs() + options.windowNs()));
            final Kpis predicted = Prediction.predict(wholeBaseline, wholeModel.get(c), baseline, after, model,
                strata.ofPacket(), strata.levelsFor(change));
            final Kpis plain = Kpis.of(after);
            final double predictedLoss =
                delta(options.thresholds().lossRatio(), wholeBefore.lossRatio(), predicted.lossRatio());
            final double predictedP99 =
                delta(options.thresholds().latencyP99(), wholeBefore.latencyP99Ns(), predicted.latencyP99Ns());
            rows.add(new FidelityRow(change.id(), observedLoss, predictedLoss,
                delta(options.thresholds().lossRatio(), plainBefore.lossRatio(), plain.lossRatio()),
                observedP99, predictedP99,
                delta(options.thresholds().latencyP99(), plainBefore.latencyP99Ns(), plain.latencyP99Ns()),
                relativeError(options.thresholds().lossRatio(), predictedLoss, observedLoss),
                relativeError(options.thresholds().latencyP99(), predictedP99, observedP99),
                harmfulOnWhole, harmful(predictedLoss, predictedP99), ""));
        }
        return new FidelityResult.Budget(budget.toString(), plan.budgetDeviceCount(), plan.devices().size(),
            Arrays.stream(baseline.sent()).sum(), plainBefore, rows, "");
    }

    private boolean harmful(final double lossDelta, final double p99Delta)
    {
        return crosses(options.thresholds().lossRatio(), lossDelta) ||
            crosses(options.thresholds().latencyP99(), p99Delta);
    }

    /**
     * A KPI's change in the form of its threshold: a share of the baseline when the threshold is relative, an
     * amount otherwise.
     *
     * @param threshold the KPI's threshold.
     * @param before    the baseline.
     * @param after     the value with the change.
     * @return the change.
     */
    static double delta(final KpiChange threshold, final double before, final double after)
    {
        if (threshold.relative())
        {
            return before > 0 ? (after - before) / before : 0;
        }
        return after - before;
    }

    /**
     * Whether a KPI's change crosses its threshold, in the direction the threshold's sign gives.
     *
     * @param threshold the threshold.
     * @param delta     the change, in the threshold's form.
     * @return true when the change is harmful by this KPI.
     */
    static boolean crosses(final KpiChange threshold, final double delta)
    {
        if (threshold.isOff())
        {
            return false;
        }
        return threshold.amount() >= 0 ? delta >= threshold.amount() : delta <= threshold.amount();
    }

    /**
     * The relative error of a predicted change: |predicted − observed| over the larger of |observed| and
     * {@link #ERROR_FLOOR_SHARE_OF_THRESHOLD} of the threshold.
     *
     * @param threshold the KPI's threshold.
     * @param predicted the shadow's change.
     * @param observed  the whole network's change.
     * @return the error, 0.1 for 10%.
     */
    static double relativeError(final KpiChange threshold, final double predicted, final double observed)
    {
        final double floor = threshold.isOff() ? Double.MIN_NORMAL :
            Math.abs(threshold.amount()) * ERROR_FLOOR_SHARE_OF_THRESHOLD;
        return Math.abs(predicted - observed) / Math.max(Math.abs(observed), floor);
    }

    private static int[] classes(final NetworkProfile profile)
    {
        final Map<String, Integer> classOfKey = new HashMap<>();
        final int[] classes = new int[profile.devices().size()];
        for (int i = 0; i < classes.length; i++)
        {
            final NetworkProfile.Device device = profile.devices().get(i);
            final String key = Criticality.HIGH == device.criticality() ? "device " + device.name() :
                "role " + device.role();
            classes[i] = classOfKey.computeIfAbsent(key, ignored -> classOfKey.size());
        }
        return classes;
    }

    private static Map<Integer, DeviceConfig> indexed(
        final FabricTopology topology, final Map<String, DeviceConfig> configs)
    {
        final Map<Integer, DeviceConfig> indexed = new HashMap<>();
        configs.forEach((name, config) -> indexed.put(topology.deviceIndex(name), config));
        return indexed;
    }

    private static Prediction.Grouping grouping(
        final int[] firstPacketOfStratum, final RecordedTraffic traffic, final long[] signature, final boolean service)
    {
        final Map<Long, Integer> groupOfKey = new HashMap<>();
        final int[] groupOf = new int[firstPacketOfStratum.length];
        for (int stratum = 0; stratum < groupOf.length; stratum++)
        {
            final int packet = firstPacketOfStratum[stratum];
            final long key = signature[packet] * SERVICE_PRIME + (service ? traffic.service(packet) : 0);
            groupOf[stratum] = groupOfKey.computeIfAbsent(key, ignored -> groupOfKey.size());
        }
        return new Prediction.Grouping(groupOf, groupOfKey.size());
    }

    /**
     * How the packets are stratified, by path (with the ports by which it enters and leaves each device a change
     * touches) and service, with coarser groupings from which the strata a shadow lacks borrow what only a run shows
     * (queueing, policing): by service, the high-criticality devices crossed and those ports; by service and those
     * ports; by service and the port each touched device is entered by (or the link it is left by); by that port
     * (or link) alone. No grouping mixes packets that cross a touched device by different ports: what a policer on
     * one port does says nothing of the packets that enter by another.
     *
     * @param ofPacket       each packet's stratum.
     * @param count          how many strata.
     * @param ingressFirst   the groupings, finest first, ending with the port a touched device is entered by.
     * @param egressFirst    the groupings, finest first, ending with the link a touched device is left by.
     */
    private record Strata(
        int[] ofPacket, int count, List<Prediction.Grouping> ingressFirst, List<Prediction.Grouping> egressFirst)
    {
        /**
         * The groupings for a change: when it polices or filters what enters a port, where a packet comes from
         * decides what the change does to it; otherwise (routes, MTU, egress filters) where it goes.
         */
        List<Prediction.Grouping> levelsFor(final FidelityChange change)
        {
            final boolean ingress = change.configs().values().stream().anyMatch(config ->
                !config.ingressPolicers().isEmpty() ||
                config.aclAttachments().values().stream().anyMatch(attachment ->
                    !attachment.ingressAclNames().isEmpty()));
            return ingress ? ingressFirst : egressFirst;
        }
    }

    @FunctionalInterface
    private interface Runner
    {
        RunResult run(Map<String, DeviceConfig> configs, boolean tapPorts);
    }
}
