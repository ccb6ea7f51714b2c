package io.netshadow.controlplane.fidelity;

import java.util.List;

/**
 * The whole network's KPIs after a change as a shadow predicts them: the whole network's own baseline, stratum by
 * stratum (the live meters know it), moved by the change the shadow saw in the same stratum. In each stratum the
 * loss ratio moves by the shadow's change in loss ratio, each delivered packet's latency by the shadow's change in
 * mean latency, and delivered packets weigh the shadow's change in the share delivered. A stratum the shadow does
 * not carry takes the change of the first coarser grouping of strata that the shadow carries, such as the strata
 * whose packets cross the same high-criticality devices with the same service; with none, it is taken as
 * unchanged.
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
