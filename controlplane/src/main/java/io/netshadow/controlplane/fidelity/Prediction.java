package io.netshadow.controlplane.fidelity;

import java.util.List;

/**
 * The whole network's KPIs after a change as a shadow predicts them: the whole network's own baseline, stratum by
 * stratum, moved by the change the shadow saw in the same stratum. In each stratum the loss ratio moves by the
 * shadow's change in loss ratio, each delivered packet's latency by the shadow's change in mean latency, and
 * delivered packets weigh the shadow's change in the share delivered. A stratum the shadow does not carry takes the
 * change of the first coarser grouping of strata that the shadow carries, such as the strata whose packets cross the
 * same high-criticality devices with the same service; with none, it is taken as unchanged.
 * <p>
 * Inputs that come from the whole network, and how the appliance obtains each in production:
 * <ol>
 * <li>Each stratum's packets delivered and lost without the change ({@code wholeBefore.delivered()},
 * {@code lost()}): the live meter, which matches a packet's copy mirrored at the host port where it enters the
 * network with its copy mirrored at the host port where it leaves, counted per stratum. The live network runs
 * unchanged while the shadow tries the change, so these are the same packets the shadow replays.</li>
 * <li>The latency of every delivered packet, with its stratum ({@code wholeBefore.latencyNs()},
 * {@code latencyStratum()}): the live meter's egress time minus ingress time of the two copies. The appliance would
 * keep a latency histogram per stratum rather than every packet.</li>
 * <li>Each packet's stratum: its service (protocol and destination port) from the packet's headers, and the path it
 * takes through the unchanged network, which the appliance computes from the profile's routing (shortest paths
 * over the profile's links with the devices' static routes) between the device whose mirror session saw it enter
 * and the device whose host subnet holds its destination.</li>
 * <li>Outside this class, the bytes entering each port at baseline, which size the benchmark's policer and scale it
 * for the shadow ({@link FidelityChange#scaledForShadow}): the devices' interface counters (input octets) over
 * the window.</li>
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
     * Predicts the whole network's KPIs after a change.
     *
     * @param wholeBefore  the whole network's run without the change.
     * @param shadowBefore the shadow's run without the change.
     * @param shadowAfter  the shadow's run with the change.
     * @param levels       groupings from the finest (every stratum alone) to the coarsest.
     * @return the predicted KPIs.
     */
    static Kpis predict(
        final RunResult wholeBefore,
        final RunResult shadowBefore,
        final RunResult shadowAfter,
        final List<Grouping> levels)
    {
        final int strata = wholeBefore.sent().length;
        final List<Changes> changes = levels.stream()
            .map(level -> new Changes(shadowBefore, shadowAfter, level.groupOfStratum(), level.groups()))
            .toList();
        final double[] lossChange = new double[strata];
        final double[] shiftNs = new double[strata];
        final double[] survival = new double[strata];
        for (int stratum = 0; stratum < strata; stratum++)
        {
            survival[stratum] = 1.0;
            for (int level = 0; level < levels.size(); level++)
            {
                final int group = levels.get(level).groupOfStratum()[stratum];
                final Changes source = changes.get(level);
                if (source.carries(group))
                {
                    lossChange[stratum] = source.lossChange(group);
                    shiftNs[stratum] = source.meanLatencyChangeNs(group);
                    survival[stratum] = source.survival(group);
                    break;
                }
            }
        }

        double lost = 0;
        double total = 0;
        for (int stratum = 0; stratum < strata; stratum++)
        {
            final double packets = wholeBefore.delivered()[stratum] + wholeBefore.lost()[stratum];
            lost += Math.clamp(wholeBefore.lost()[stratum] + lossChange[stratum] * packets, 0, packets);
            total += packets;
        }
        final long[] latencyShiftNs = new long[wholeBefore.latencyNs().length];
        for (int i = 0; i < latencyShiftNs.length; i++)
        {
            latencyShiftNs[i] = Math.round(shiftNs[wholeBefore.latencyStratum()[i]]);
        }
        return new Kpis(total > 0 ? lost / total : 0,
            Kpis.weightedP99(wholeBefore.latencyNs(), wholeBefore.latencyStratum(), latencyShiftNs, survival));
    }

    /**
     * What a change did to a shadow's packets, summed per group of strata.
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

        Changes(final RunResult before, final RunResult after, final int[] groupOfStratum, final int groups)
        {
            packetsBefore = new double[groups];
            lostBefore = new double[groups];
            deliveredBefore = new double[groups];
            latencySumBefore = new double[groups];
            packetsAfter = new double[groups];
            lostAfter = new double[groups];
            deliveredAfter = new double[groups];
            latencySumAfter = new double[groups];
            sum(before, groupOfStratum, packetsBefore, lostBefore, deliveredBefore, latencySumBefore);
            sum(after, groupOfStratum, packetsAfter, lostAfter, deliveredAfter, latencySumAfter);
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
