package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.NetworkProfile;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How closely a shadow resembles the whole network under the planner's traffic model ({@link ShadowPlanner}): the
 * traffic it covers, and the Kolmogorov-Smirnov distance (the largest gap between the two empirical distribution
 * functions, 0 for the same distribution, 1 for disjoint ones) between the path lengths and between the link
 * utilisations of the shadow and of the whole.
 *
 * @param trafficWeightCovered the shadow devices' share of the network's total traffic weight, 0 to 1.
 * @param demandCovered        the share of the modelled traffic whose two ends are both in the shadow, 0 to 1.
 * @param pathLengthHops       hop counts, one per ordered pair of devices with host subnets: of every pair in the
 *                             whole, of the pairs with both ends in the shadow in the sample.
 * @param linkUtilisation      load over capacity of each link direction that carries live traffic, in units where
 *                             the whole network's busiest link direction is 1; in the shadow, its own flows' load
 *                             over its scaled capacity ({@link ShadowScale#linkScale}, the mirror share left out
 *                             as it thins load and capacity alike). Idle directions (standby links) are counted
 *                             apart.
 * @param wholeIdleDirections  link directions of the whole network that carry no modelled traffic.
 * @param shadowIdleDirections link directions of the shadow that carry no modelled traffic in the whole network.
 */
public record Representativeness(
    double trafficWeightCovered,
    double demandCovered,
    Comparison pathLengthHops,
    Comparison linkUtilisation,
    int wholeIdleDirections,
    int shadowIdleDirections)
{
    /**
     * One quantity's distribution in the sample and in the whole.
     *
     * @param wholeCount  values in the whole network.
     * @param wholeMean   their mean, 0 when there are none.
     * @param sampleCount values in the shadow.
     * @param sampleMean  their mean, 0 when there are none.
     * @param ksDistance  the two-sample Kolmogorov-Smirnov statistic, 0 to 1; 1 when the shadow has no values.
     */
    public record Comparison(int wholeCount, double wholeMean, int sampleCount, double sampleMean, double ksDistance)
    {
        /**
         * Compares two samples of a quantity.
         *
         * @param whole  the values in the whole network.
         * @param sample the values in the shadow.
         * @return the comparison.
         */
        public static Comparison of(final double[] whole, final double[] sample)
        {
            final double distance = 0 == whole.length || 0 == sample.length ?
                (whole.length == sample.length ? 0 : 1) :
                new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(whole, sample);
            return new Comparison(whole.length, mean(whole), sample.length, mean(sample), distance);
        }

        private static double mean(final double[] values)
        {
            return Arrays.stream(values).average().orElse(0);
        }
    }

    static Representativeness measure(
        final TrafficModel model, final boolean[] inShadow, final double[] shadowLoads, final ShadowScale scale)
    {
        double shadowWeight = 0;
        double totalWeight = 0;
        for (int i = 0; i < model.deviceCount(); i++)
        {
            totalWeight += model.device(i).trafficWeight();
            shadowWeight += inShadow[i] ? model.device(i).trafficWeight() : 0;
        }
        final double[] wholeLoads = model.wholeLoads();
        int wholeIdle = 0;
        int shadowIdle = 0;
        for (int direction = 0; direction < wholeLoads.length; direction++)
        {
            if (0 == wholeLoads[direction])
            {
                wholeIdle++;
                shadowIdle += inShadow(model, inShadow, direction) ? 1 : 0;
            }
        }
        return new Representativeness(
            shadowWeight / totalWeight,
            demandCovered(model, inShadow),
            pathLengths(model, inShadow),
            utilisation(model, inShadow, shadowLoads, scale),
            wholeIdle,
            shadowIdle);
    }

    static double carriedLoadShare(final TrafficModel model, final boolean[] inShadow, final double[] shadowLoads)
    {
        final double[] wholeLoads = model.wholeLoads();
        double whole = 0;
        double carried = 0;
        for (int direction = 0; direction < wholeLoads.length; direction++)
        {
            if (inShadow(model, inShadow, direction))
            {
                whole += wholeLoads[direction];
                carried += shadowLoads[direction];
            }
        }
        return share(carried, whole, 1.0);
    }

    static Map<NetworkProfile.Link, Double> linkCarriedShares(
        final TrafficModel model, final boolean[] inShadow, final double[] shadowLoads, final double carriedLoadShare)
    {
        final double[] wholeLoads = model.wholeLoads();
        final Map<NetworkProfile.Link, Double> shares = new LinkedHashMap<>();
        for (int link = 0; link < wholeLoads.length / 2; link++)
        {
            if (inShadow(model, inShadow, 2 * link))
            {
                shares.put(model.link(link), share(shadowLoads[2 * link] + shadowLoads[2 * link + 1],
                    wholeLoads[2 * link] + wholeLoads[2 * link + 1], carriedLoadShare));
            }
        }
        return shares;
    }

    private static double share(final double part, final double whole, final double otherwise)
    {
        return whole > 0 && part > 0 ? Math.min(1.0, part / whole) : otherwise;
    }

    private static double demandCovered(final TrafficModel model, final boolean[] inShadow)
    {
        double covered = 0;
        for (final int from : model.hostOwners())
        {
            for (final int to : model.hostOwners())
            {
                if (from != to && inShadow[from] && inShadow[to])
                {
                    covered += model.demandShare(from, to);
                }
            }
        }
        return covered;
    }

    private static Comparison pathLengths(final TrafficModel model, final boolean[] inShadow)
    {
        final int owners = model.hostOwners().length;
        final double[] whole = new double[owners * Math.max(0, owners - 1)];
        final double[] sample = new double[whole.length];
        int wholeCount = 0;
        int sampleCount = 0;
        for (final int from : model.hostOwners())
        {
            for (final int to : model.hostOwners())
            {
                if (from != to)
                {
                    final int hops = model.hops(from, to);
                    whole[wholeCount++] = hops;
                    if (inShadow[from] && inShadow[to])
                    {
                        sample[sampleCount++] = hops;
                    }
                }
            }
        }
        return Comparison.of(whole, Arrays.copyOf(sample, sampleCount));
    }

    private static Comparison utilisation(
        final TrafficModel model, final boolean[] inShadow, final double[] shadowLoads, final ShadowScale scale)
    {
        final double[] wholeLoads = model.wholeLoads();
        double busiest = 0;
        for (int direction = 0; direction < wholeLoads.length; direction++)
        {
            busiest = Math.max(busiest, wholeLoads[direction] / link(model, direction).capacityBps());
        }
        final double[] whole = new double[wholeLoads.length];
        final double[] sample = new double[wholeLoads.length];
        int wholeCount = 0;
        int sampleCount = 0;
        for (int direction = 0; direction < wholeLoads.length; direction++)
        {
            if (wholeLoads[direction] > 0)
            {
                final NetworkProfile.Link link = link(model, direction);
                whole[wholeCount++] = wholeLoads[direction] / link.capacityBps() / busiest;
                if (inShadow(model, inShadow, direction))
                {
                    final double shadowScale = scale.linkScale(link) / scale.mirrorShare();
                    sample[sampleCount++] = shadowLoads[direction] / (shadowScale * link.capacityBps()) / busiest;
                }
            }
        }
        return Comparison.of(Arrays.copyOf(whole, wholeCount), Arrays.copyOf(sample, sampleCount));
    }

    private static boolean inShadow(final TrafficModel model, final boolean[] inShadow, final int direction)
    {
        final NetworkProfile.Link link = link(model, direction);
        return inShadow[model.indexOf(link.a().device())] && inShadow[model.indexOf(link.b().device())];
    }

    private static NetworkProfile.Link link(final TrafficModel model, final int direction)
    {
        return model.link(direction / 2);
    }
}
