package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Chooses the devices of the shadow network by weighted, stratified sampling of a profile, closed over the paths
 * its traffic takes, within a budget that counts every device of the shadow.
 * <ol>
 * <li>The smallest useful shadow comes first, the same for every seed: every {@link Criticality#HIGH} device, two
 * devices with host subnets (the ends of a flow) and one device of each role the profile has, each the one that
 * adds the fewest devices (the heavier, then the earlier in the profile, breaking ties). A budget smaller than this
 * shadow is an error that names the size it needs.</li>
 * <li>Every device gets an Efraimidis-Spirakis key {@code ln(u) / weight} from a {@link SplittableRandom} seeded
 * with the plan's seed, so heavy devices come first more often. Then, until the budget is spent, the role furthest
 * below its proportional share of the budget offers its next device by key; the device joins with the devices
 * that complete its flows' paths if they all fit in the budget, and is passed over otherwise.</li>
 * <li>A device joins with its closure: when it has host subnets, the devices on the paths of the flows between it
 * and every device of the shadow with host subnets, so every flow the shadow carries has its whole path in the
 * shadow.</li>
 * </ol>
 * Paths, loads and the plan's {@link Representativeness} and {@link ShadowScale} come from one traffic model, the
 * one the lab's traffic generator draws from:
 * <ul>
 * <li>Flows run between devices with host subnets. A flow starts at device {@code s} with probability
 * {@code w(s) / W} and ends at another device {@code t} with probability {@code w(t) / (W - w(s))}, where {@code w}
 * is the traffic weight and {@code W} the total weight of the devices with host subnets; so the demand share of the
 * pair is {@code w(s) w(t) / (W (W - w(s)))}, and all pairs sum to one.</li>
 * <li>Each flow follows the shortest path by total link latency, fewer hops breaking ties (the rule the fabrics
 * route by), then the profile's link order.</li>
 * <li>The load of a link direction is the sum of the demand shares of the flows that cross it; its utilisation is
 * that load over the link's capacity, reported in units where the whole network's busiest link direction is 1.</li>
 * </ul>
 * The same profile, budget, seed and mirror share always give the same plan.
 */
public final class ShadowPlanner
{
    private static final int LISTED_NAMES = 12;

    private final NetworkProfile profile;
    private final TrafficModel model;

    /**
     * Prepares a planner for a profile: routes every flow of its traffic model.
     *
     * @param profile the live network's profile.
     */
    public ShadowPlanner(final NetworkProfile profile)
    {
        this.profile = profile;
        this.model = new TrafficModel(profile);
    }

    /**
     * Plans a shadow fed with every flow (a mirror share of one).
     *
     * @param budget how many devices the shadow may hold.
     * @param seed   the sampling seed; the same seed gives the same plan.
     * @return the plan.
     * @throws ShadowPlanException when the network is not connected or the budget cannot hold the smallest shadow
     *                             in which a flow has its whole path.
     */
    public ShadowPlan plan(final ShadowBudget budget, final long seed) throws ShadowPlanException
    {
        return plan(budget, seed, 1.0);
    }

    /**
     * Plans a shadow.
     *
     * @param budget      how many devices the shadow may hold.
     * @param seed        the sampling seed; the same seed gives the same plan.
     * @param mirrorShare the share of flows mirrored into the shadow, above 0 and at most 1; part of the scale.
     * @return the plan.
     * @throws ShadowPlanException when the network is not connected or the budget cannot hold the smallest shadow
     *                             in which a flow has its whole path.
     */
    public ShadowPlan plan(final ShadowBudget budget, final long seed, final double mirrorShare)
        throws ShadowPlanException
    {
        requireConnected();
        final int budgetDevices = budget.deviceCount(profile.devices().size());
        final ShadowSelection selection = new ShadowSelection(model);
        addSmallestShadow(selection);
        if (selection.size() > budgetDevices)
        {
            throw new ShadowPlanException(String.format(Locale.ROOT,
                "a budget of %s allows %d of %d devices, but the smallest shadow in which a flow has its whole " +
                "path needs %d: every high-criticality device, two devices with host subnets, one device of each " +
                "role (%s) and the devices on the paths between them (%s); raise the budget to at least %d devices",
                budget, budgetDevices, profile.devices().size(), selection.size(), roles(),
                names(selection.members()), selection.size()));
        }
        sample(selection, budgetDevices, seed);
        return planOf(selection, budget, budgetDevices, seed, mirrorShare);
    }

    private void requireConnected() throws ShadowPlanException
    {
        final List<List<Integer>> components = model.components();
        if (components.size() > 1)
        {
            final List<Integer> main = components.getFirst();
            throw new ShadowPlanException(String.format(Locale.ROOT,
                "the network is not connected: %s cannot reach %s and the %d devices linked to it; link each part " +
                "to the rest", components.subList(1, components.size()).stream()
                    .map(component -> "[" + names(component) + "]")
                    .collect(Collectors.joining(" and ")),
                model.device(main.getFirst()).name(), main.size() - 1));
        }
    }

    private void addSmallestShadow(final ShadowSelection selection)
    {
        for (int device = 0; device < model.deviceCount(); device++)
        {
            if (Criticality.HIGH == model.device(device).criticality() && !selection.contains(device))
            {
                selection.add(selection.closureOf(device), ShadowPlan.Inclusion.HIGH_CRITICALITY);
            }
        }
        final int flowEnds = Math.min(2, model.hostOwners().length);
        while (selection.hostOwnerCount() < flowEnds)
        {
            selection.add(cheapest(selection, true, null), ShadowPlan.Inclusion.FLOW_END);
        }
        for (final DeviceRole role : strata().keySet())
        {
            if (selection.members().stream().noneMatch(device -> model.device(device).role() == role))
            {
                selection.add(cheapest(selection, false, role), ShadowPlan.Inclusion.ROLE);
            }
        }
    }

    private List<Integer> cheapest(final ShadowSelection selection, final boolean hostOwner, final DeviceRole role)
    {
        List<Integer> best = null;
        for (int device = 0; device < model.deviceCount(); device++)
        {
            final boolean eligible = !selection.contains(device) &&
                (!hostOwner || model.ownsHosts(device)) &&
                (null == role || model.device(device).role() == role);
            if (eligible)
            {
                final List<Integer> closure = selection.closureOf(device);
                if (null == best || closure.size() < best.size() || closure.size() == best.size() &&
                    model.device(device).trafficWeight() > model.device(best.getFirst()).trafficWeight())
                {
                    best = closure;
                }
            }
        }
        return best;
    }

    private void sample(final ShadowSelection selection, final int budgetDevices, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] keys = new double[model.deviceCount()];
        for (int device = 0; device < keys.length; device++)
        {
            keys[device] = Math.log(1.0 - random.nextDouble()) / model.device(device).trafficWeight();
        }
        final Map<DeviceRole, List<Integer>> candidates = new EnumMap<>(DeviceRole.class);
        for (final Map.Entry<DeviceRole, List<Integer>> stratum : strata().entrySet())
        {
            final List<Integer> ordered = new ArrayList<>(stratum.getValue().stream()
                .filter(device -> !selection.contains(device))
                .toList());
            ordered.sort(Comparator.comparingDouble((Integer device) -> -keys[device]).thenComparingInt(d -> d));
            candidates.put(stratum.getKey(), ordered);
        }
        final Map<DeviceRole, Integer> strataSizes = new EnumMap<>(DeviceRole.class);
        strata().forEach((role, devices) -> strataSizes.put(role, devices.size()));
        final Map<DeviceRole, Integer> cursors = new EnumMap<>(DeviceRole.class);
        while (selection.size() < budgetDevices)
        {
            DeviceRole neediest = null;
            double largestDeficit = Double.NEGATIVE_INFINITY;
            for (final Map.Entry<DeviceRole, List<Integer>> stratum : candidates.entrySet())
            {
                final DeviceRole role = stratum.getKey();
                final int cursor = skipMembers(selection, stratum.getValue(), cursors.getOrDefault(role, 0));
                cursors.put(role, cursor);
                final double deficit = (double)budgetDevices * strataSizes.get(role) / model.deviceCount() -
                    selection.count(role);
                if (cursor < stratum.getValue().size() && deficit > largestDeficit)
                {
                    neediest = role;
                    largestDeficit = deficit;
                }
            }
            if (null == neediest)
            {
                return;
            }
            final int cursor = cursors.get(neediest);
            final List<Integer> closure = selection.closureOf(candidates.get(neediest).get(cursor));
            if (selection.size() + closure.size() <= budgetDevices)
            {
                selection.add(closure, ShadowPlan.Inclusion.SAMPLED);
            }
            cursors.put(neediest, cursor + 1);
        }
    }

    private static int skipMembers(final ShadowSelection selection, final List<Integer> candidates, final int from)
    {
        int cursor = from;
        while (cursor < candidates.size() && selection.contains(candidates.get(cursor)))
        {
            cursor++;
        }
        return cursor;
    }

    private ShadowPlan planOf(
        final ShadowSelection selection,
        final ShadowBudget budget,
        final int budgetDevices,
        final long seed,
        final double mirrorShare)
    {
        final boolean[] inShadow = selection.membership();
        final List<NetworkProfile.Device> devices = new ArrayList<>();
        final Map<String, ShadowPlan.Inclusion> inclusions = new LinkedHashMap<>();
        for (int device = 0; device < model.deviceCount(); device++)
        {
            if (inShadow[device])
            {
                devices.add(model.device(device));
                inclusions.put(model.device(device).name(), selection.inclusion(device));
            }
        }
        final List<NetworkProfile.Link> links = profile.links().stream()
            .filter(link -> inShadow[model.indexOf(link.a().device())] && inShadow[model.indexOf(link.b().device())])
            .toList();
        final double[] shadowLoads = model.directedLoads(inShadow);
        final double carriedLoadShare = Representativeness.carriedLoadShare(model, inShadow, shadowLoads);
        final ShadowScale scale = new ShadowScale(mirrorShare, carriedLoadShare,
            Representativeness.linkCarriedShares(model, inShadow, shadowLoads, carriedLoadShare));
        return new ShadowPlan(
            devices,
            links,
            inclusions,
            countPerRole(devices),
            countPerRole(profile.devices()),
            Representativeness.measure(model, inShadow, shadowLoads, scale),
            scale,
            profile.devices().size(),
            profile.links().size(),
            budget,
            budgetDevices,
            seed);
    }

    private Map<DeviceRole, List<Integer>> strata()
    {
        final Map<DeviceRole, List<Integer>> strata = new EnumMap<>(DeviceRole.class);
        for (int device = 0; device < model.deviceCount(); device++)
        {
            strata.computeIfAbsent(model.device(device).role(), ignored -> new ArrayList<>()).add(device);
        }
        return strata;
    }

    private String roles()
    {
        return strata().keySet().stream()
            .map(role -> role.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    }

    private String names(final List<Integer> devices)
    {
        final String listed = devices.stream()
            .limit(LISTED_NAMES)
            .map(device -> model.device(device).name())
            .collect(Collectors.joining(", "));
        return devices.size() > LISTED_NAMES ? listed + " and " + (devices.size() - LISTED_NAMES) + " more" : listed;
    }

    private static Map<DeviceRole, Integer> countPerRole(final List<NetworkProfile.Device> devices)
    {
        final Map<DeviceRole, Integer> counts = new EnumMap<>(DeviceRole.class);
        for (final NetworkProfile.Device device : devices)
        {
            counts.merge(device.role(), 1, Integer::sum);
        }
        return counts;
    }
}
