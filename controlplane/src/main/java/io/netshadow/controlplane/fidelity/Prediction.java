package io.netshadow.controlplane.fidelity;

import java.util.List;

/**
 * The whole network's KPIs after a change as a shadow and the profile's routing predict them: the whole network's
 * own baseline, stratum by stratum, moved by the change.
 * <p>
 * A stratum the shadow carries moves by what the change did to the shadow's packets of the same stratum, as the
 * shadow measured it: the loss ratio by the shadow's change in loss ratio, each delivered packet's latency by the
 * shadow's change in mean latency, and delivered packets weigh the shadow's change in the share delivered. All of
 * this comes from the shadow's run, queueing and policing included.
 * <p>
 * A stratum the shadow does not carry moves by two parts. The part the model gives: each of its packets is traced
 * through the profile's routing with and without the change ({@link PathModel}: the emulated fabric's route
 * computation, ACLs, MTU and interface state, over the profile's links), its latency moves by the difference of
 * the two paths' propagation and serialization delays, and a packet the changed path drops (ACL, no route, MTU) is
 * lost. The part only a run shows: what the change did in the first coarser grouping of strata that the shadow
 * carries (such as the strata whose packets cross the same high-criticality devices with the same service) beyond
 * what the model gives for the shadow's own packets of that grouping, traced through the shadow's links the same
 * way: the rest of the change in loss ratio (a policer's drops), in mean latency (queueing) and in the share
 * delivered. With no such grouping, the model's part alone.
 * <p>
 * Inputs that come from the whole network, and how the appliance obtains each in production:
 * <ol>
 * <li>Each stratum's packets delivered and lost without the change ({@code wholeBefore.delivered()},
 * {@code lost()}): the live meter, which matches a packet's copy mirrored at the host port where it enters the
 * network with its copy mirrored at the host port where it leaves, counted per stratum. The live network runs
 * unchanged while the shadow tries the change, so these are the same packets the shadow replays.</li>
 * <li>The latency of every delivered packet, with its stratum ({@code wholeBefore.latencyNs()},
 * {@code latencyStratum()}): the live meter's egress time minus ingress time of the two copies. The appliance would
 * keep a latency histogram per stratum, and for the strata the shadow does not carry one per path within the
 * stratum, rather than every packet.</li>
 * <li>Each packet's stratum: its service (protocol and destination port) from the packet's headers, and the path it
 * takes through the unchanged network, which the appliance computes from the profile's routing (shortest paths
 * over the profile's links with the devices' static routes) between the device whose mirror session saw it enter
 * and the device whose host subnet holds its destination.</li>
 * <li>The model's paths with and without the change ({@code whole}): the profile (devices, links with latency and
 * capacity, host subnets) and the change's device configurations, both of which the appliance holds.</li>
 * <li>Outside this class, the bytes entering each port at baseline, which size the benchmark's policers: the
 * devices' interface counters (input octets) over the window.</li>
 * <li>Outside this class, the live packets the shadow does not carry whose paths enter a policed port of the shadow,
 * which the shadow's policer meets as background ({@link io.netshadow.dataplane.pipeline.PolicerFeed}): every mirrored packet that enters the
 * network, traced through the profile's routing with the change in place.</li>
 * </ol>
 * Where the benchmark knows more than the appliance could: it takes the paths from the whole network's baseline run
 * (the devices each packet entered), so a packet the unchanged network dropped has the path up to where it was
 * dropped, which the appliance cannot know (the live meter sees that a packet was lost, not where); with ECMP the
 * appliance would also need each device's flow hash to tell which of the equal paths a flow takes. The latencies are
 * exact virtual times, where the live meter's are the difference of two mirror copies' timestamps, exact only with
 * hardware timestamps (ERSPAN type III) and otherwise off by the difference of the two copies' trip to the
 * appliance; and the live meter counts a lost mirror copy as a lost packet. The live meter today keeps whole-network
 * figures per interval; the per-stratum counts and latencies are figures it would have to keep.
 */
final class Prediction
{
    private Prediction()
    {
    }

    /**
     * A grouping of strata.
     *
     * @param groupOfStratum each stratum's group.
     * @param groups         how many groups there are.
     */
    record Grouping(int[] groupOfStratum, int groups)
    {
        /**
         * Every stratum its own group.
         *
         * @param strata how many strata.
         * @return the grouping.
         */
        static Grouping identity(final int strata)
        {
            final int[] identity = new int[strata];
            for (int i = 0; i < strata; i++)
            {
                identity[i] = i;
            }
            return new Grouping(identity, strata);
        }
    }

    /**
     * The model's delay of every packet's path through one network, without and with a change.
     *
     * @param beforeNs per packet, the delay without the change, {@link PathModel#DROPPED} or
     *                 {@link PathModel#NOT_CARRIED}.
     * @param afterNs  per packet, the same with the change.
     */
    record Modelled(long[] beforeNs, long[] afterNs)
    {
    }

    /**
     * Predicts the whole network's KPIs after a change.
     *
     * @param wholeBefore     the whole network's run without the change.
     * @param whole           the model's paths through the whole network.
     * @param shadowBefore    the shadow's run without the change.
     * @param shadowAfter     the shadow's run with the change.
     * @param shadow          the model's paths through the shadow.
     * @param stratumOfPacket each packet's stratum.
     * @param levels          groupings from the finest (every stratum alone) to the coarsest.
     * @return the predicted KPIs.
     */
    static Kpis predict(
        final RunResult wholeBefore,
        final Modelled whole,
        final RunResult shadowBefore,
        final RunResult shadowAfter,
        final Modelled shadow,
        final int[] stratumOfPacket,
        final List<Grouping> levels)
    {
        final int strata = wholeBefore.sent().length;
        final List<Changes> changes = levels.stream()
            .map(level -> new Changes(shadowBefore, shadowAfter, shadow, stratumOfPacket, level.groupOfStratum(),
                level.groups()))
            .toList();
        final boolean[] measured = new boolean[strata];
        final double[] lossChange = new double[strata];
        final double[] shiftNs = new double[strata];
        final double[] survival = new double[strata];
        for (int stratum = 0; stratum < strata; stratum++)
        {
            survival[stratum] = 1.0;
            measured[stratum] = changes.getFirst().carries(levels.getFirst().groupOfStratum()[stratum]);
            for (int level = 0; level < levels.size(); level++)
            {
                final int group = levels.get(level).groupOfStratum()[stratum];
                final Changes source = changes.get(level);
                if (source.carries(group))
                {
                    lossChange[stratum] = measured[stratum] ? source.lossChange(group) : source.runLossChange(group);
                    shiftNs[stratum] =
                        measured[stratum] ? source.meanLatencyChangeNs(group) : source.runLatencyChangeNs(group);
                    survival[stratum] = measured[stratum] ? source.survival(group) : source.runSurvival(group);
                    break;
                }
            }
        }

        final int count = wholeBefore.latencyNs().length;
        final long[] latencyShiftNs = new long[count];
        final double[] weight = new double[count];
        final double[] modelLost = new double[strata];
        for (int i = 0; i < count; i++)
        {
            final int stratum = wholeBefore.latencyStratum()[i];
            final int packet = wholeBefore.latencyPacket()[i];
            double modelShiftNs = 0;
            weight[i] = survival[stratum];
            if (!measured[stratum] && whole.beforeNs()[packet] >= 0)
            {
                if (PathModel.DROPPED == whole.afterNs()[packet])
                {
                    modelLost[stratum]++;
                    weight[i] = 0;
                }
                else
                {
                    modelShiftNs = whole.afterNs()[packet] - whole.beforeNs()[packet];
                }
            }
            latencyShiftNs[i] = Math.round(shiftNs[stratum] + modelShiftNs);
        }

        double lost = 0;
        double total = 0;
        for (int stratum = 0; stratum < strata; stratum++)
        {
            final double packets = wholeBefore.delivered()[stratum] + wholeBefore.lost()[stratum];
            lost += Math.clamp(wholeBefore.lost()[stratum] + modelLost[stratum] + lossChange[stratum] * packets,
                0, packets);
            total += packets;
        }
        return new Kpis(total > 0 ? lost / total : 0,
            Kpis.weightedP99(wholeBefore.latencyNs(), latencyShiftNs, weight));
    }

    /**
     * What a change did to a shadow's packets, summed per group of strata, as the shadow's runs measured it and as
     * the model traces the same packets through the shadow's links.
     */
    private static final class Changes
    {
        private final double[] packetsBefore;
        private final double[] lostBefore;
        private final double[] deliveredBefore;
        private final double[] latencySumBefore;
        private final double[] packetsAfter;
        private final double[] lostAfter;
        private final double[] deliveredAfter;
        private final double[] latencySumAfter;
        private final double[] modelPackets;
        private final double[] modelDeliveredBefore;
        private final double[] modelDeliveredAfter;
        private final double[] modelDeliveredBoth;
        private final double[] modelShiftSumNs;

        Changes(
            final RunResult before,
            final RunResult after,
            final Modelled model,
            final int[] stratumOfPacket,
            final int[] groupOfStratum,
            final int groups)
        {
            packetsBefore = new double[groups];
            lostBefore = new double[groups];
            deliveredBefore = new double[groups];
            latencySumBefore = new double[groups];
            packetsAfter = new double[groups];
            lostAfter = new double[groups];
            deliveredAfter = new double[groups];
            latencySumAfter = new double[groups];
            modelPackets = new double[groups];
            modelDeliveredBefore = new double[groups];
            modelDeliveredAfter = new double[groups];
            modelDeliveredBoth = new double[groups];
            modelShiftSumNs = new double[groups];
            sum(before, groupOfStratum, packetsBefore, lostBefore, deliveredBefore, latencySumBefore);
            sum(after, groupOfStratum, packetsAfter, lostAfter, deliveredAfter, latencySumAfter);
            for (int packet = 0; packet < model.beforeNs().length; packet++)
            {
                final long beforeNs = model.beforeNs()[packet];
                if (PathModel.NOT_CARRIED == beforeNs)
                {
                    continue;
                }
                final long afterNs = model.afterNs()[packet];
                final int group = groupOfStratum[stratumOfPacket[packet]];
                modelPackets[group]++;
                modelDeliveredBefore[group] += beforeNs >= 0 ? 1 : 0;
                modelDeliveredAfter[group] += afterNs >= 0 ? 1 : 0;
                if (beforeNs >= 0 && afterNs >= 0)
                {
                    modelDeliveredBoth[group]++;
                    modelShiftSumNs[group] += afterNs - beforeNs;
                }
            }
        }

        boolean carries(final int group)
        {
            return packetsBefore[group] > 0 && packetsAfter[group] > 0 && deliveredBefore[group] > 0;
        }

        double lossChange(final int group)
        {
            return lostAfter[group] / packetsAfter[group] - lostBefore[group] / packetsBefore[group];
        }

        double meanLatencyChangeNs(final int group)
        {
            return deliveredAfter[group] > 0 ?
                latencySumAfter[group] / deliveredAfter[group] - latencySumBefore[group] / deliveredBefore[group] : 0;
        }

        double survival(final int group)
        {
            return deliveredAfter[group] / packetsAfter[group] / (deliveredBefore[group] / packetsBefore[group]);
        }

        /**
         * The change in loss ratio beyond the packets the model's paths drop.
         */
        double runLossChange(final int group)
        {
            final double modelLossChange = modelPackets[group] > 0 ?
                (modelDeliveredBefore[group] - modelDeliveredAfter[group]) / modelPackets[group] : 0;
            return lossChange(group) - modelLossChange;
        }

        /**
         * The change in mean latency beyond the model's change of the paths' delays.
         */
        double runLatencyChangeNs(final int group)
        {
            final double modelShiftNs =
                modelDeliveredBoth[group] > 0 ? modelShiftSumNs[group] / modelDeliveredBoth[group] : 0;
            return meanLatencyChangeNs(group) - modelShiftNs;
        }

        /**
         * The change in the share delivered beyond the model's.
         */
        double runSurvival(final int group)
        {
            final double modelSurvival = modelDeliveredBefore[group] > 0 && modelDeliveredAfter[group] > 0 ?
                modelDeliveredAfter[group] / modelDeliveredBefore[group] : 1.0;
            return survival(group) / modelSurvival;
        }

        private static void sum(
            final RunResult run,
            final int[] groupOfStratum,
            final double[] packets,
            final double[] lost,
            final double[] delivered,
            final double[] latencySum)
        {
            for (int stratum = 0; stratum < run.sent().length; stratum++)
            {
                final int group = groupOfStratum[stratum];
                packets[group] += run.delivered()[stratum] + run.lost()[stratum];
                lost[group] += run.lost()[stratum];
                delivered[group] += run.delivered()[stratum];
            }
            for (int i = 0; i < run.latencyNs().length; i++)
            {
                latencySum[groupOfStratum[run.latencyStratum()[i]]] += run.latencyNs()[i];
            }
        }
    }
}
