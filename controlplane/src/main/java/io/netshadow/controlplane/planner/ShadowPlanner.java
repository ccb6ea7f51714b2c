package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Chooses the devices of the shadow network by weighted, stratified sampling of a profile, then closes the sample
 * over the paths its traffic takes.
 * <ol>
 * <li>The budget's device count is split among the roles in proportion to each role's size (largest deficit
 * first), with at least one device per role present and every {@link Criticality#HIGH} device kept.</li>
 * <li>Within a role, the rest of its allocation is drawn without replacement, weighted by traffic weight, with
 * Efraimidis-Spirakis keys {@code ln(u) / weight} from a {@link SplittableRandom} seeded with the plan's seed.</li>
 * <li>For every pair of sampled devices that own host subnets, the devices on the shortest path between them by
 * latency (then by hop count) are added, so every sampled flow has its whole path in the shadow.</li>
 * </ol>
 * The same profile, budget and seed always give the same plan.
 */
public final class ShadowPlanner
{
    private final NetworkProfile profile;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<List<Adjacency>> adjacencies = new ArrayList<>();

    private record Adjacency(int device, long latencyNs)
    {
    }

    private record Reach(int device, long latencyNs, int hops)
    {
        static final Comparator<Reach> SHORTEST_FIRST =
            Comparator.comparingLong(Reach::latencyNs).thenComparingInt(Reach::hops);
    }

    private record Candidate(NetworkProfile.Device device, int index, double key)
    {
    }

    /**
     * Prepares a planner for a profile.
     *
     * @param profile the live network's profile.
     */
    public ShadowPlanner(final NetworkProfile profile)
    {
        this.profile = profile;
        for (int i = 0; i < profile.devices().size(); i++)
        {
            indexByName.put(profile.devices().get(i).name(), i);
            adjacencies.add(new ArrayList<>());
        }
        for (final NetworkProfile.Link link : profile.links())
        {
            final int a = indexByName.get(link.a().device());
            final int b = indexByName.get(link.b().device());
            adjacencies.get(a).add(new Adjacency(b, link.latencyNs()));
            adjacencies.get(b).add(new Adjacency(a, link.latencyNs()));
        }
    }

    /**
     * Plans a shadow.
     *
     * @param budget how many devices to sample before path closure.
     * @param seed   the sampling seed; the same seed gives the same plan.
     * @return the plan.
     * @throws ShadowPlanException when the budget cannot hold one device per role and every high-criticality
     *                             device.
     */
    public ShadowPlan plan(final ShadowBudget budget, final long seed) throws ShadowPlanException
    {
        final Map<DeviceRole, List<NetworkProfile.Device>> strata = strata();
        final int budgetDevices = budget.deviceCount(profile.devices().size());
        final Map<DeviceRole, Integer> allocation = allocate(strata, budget, budgetDevices);

        final SplittableRandom random = new SplittableRandom(seed);
        final Set<String> sampled = new LinkedHashSet<>();
        for (final Map.Entry<DeviceRole, List<NetworkProfile.Device>> stratum : strata.entrySet())
        {
            sampled.addAll(sample(stratum.getValue(), allocation.get(stratum.getKey()), random));
        }

        final Set<String> closure = closeOverPaths(sampled);
        final List<NetworkProfile.Device> devices = profile.devices().stream()
            .filter(device -> sampled.contains(device.name()) || closure.contains(device.name()))
            .toList();
        final Set<String> names = devices.stream().map(NetworkProfile.Device::name).collect(Collectors.toSet());
        final List<NetworkProfile.Link> links = profile.links().stream()
            .filter(link -> names.contains(link.a().device()) && names.contains(link.b().device()))
            .toList();

        final double shadowWeight = devices.stream().mapToDouble(NetworkProfile.Device::trafficWeight).sum();
        return new ShadowPlan(
            devices,
            links,
            profile.devices().stream().map(NetworkProfile.Device::name).filter(closure::contains).toList(),
            countPerRole(devices),
            countPerRole(profile.devices()),
            shadowWeight / profile.totalTrafficWeight(),
            profile.devices().size(),
            profile.links().size(),
            budget,
            sampled.size(),
            seed);
    }

    private Map<DeviceRole, List<NetworkProfile.Device>> strata()
    {
        final Map<DeviceRole, List<NetworkProfile.Device>> strata = new EnumMap<>(DeviceRole.class);
        for (final NetworkProfile.Device device : profile.devices())
        {
            strata.computeIfAbsent(device.role(), ignored -> new ArrayList<>()).add(device);
        }
        return strata;
    }

    private Map<DeviceRole, Integer> allocate(
        final Map<DeviceRole, List<NetworkProfile.Device>> strata,
        final ShadowBudget budget,
        final int budgetDevices) throws ShadowPlanException
    {
        final Map<DeviceRole, Integer> allocation = new EnumMap<>(DeviceRole.class);
        int allocated = 0;
        for (final Map.Entry<DeviceRole, List<NetworkProfile.Device>> stratum : strata.entrySet())
        {
            final int high = (int)stratum.getValue().stream()
                .filter(device -> Criticality.HIGH == device.criticality())
                .count();
            allocation.put(stratum.getKey(), Math.max(1, high));
            allocated += Math.max(1, high);
        }
        if (allocated > budgetDevices)
        {
            throw new ShadowPlanException(String.format(Locale.ROOT,
                "a budget of %s allows %d of %d devices, but one device per role (%s) and every high-criticality " +
                "device need %d; raise the budget to at least %d devices", budget, budgetDevices,
                profile.devices().size(), strata.keySet().stream()
                    .map(role -> role.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")), allocated, allocated));
        }
        final int networkDevices = profile.devices().size();
        while (allocated < budgetDevices)
        {
            DeviceRole neediest = null;
            double largestDeficit = Double.NEGATIVE_INFINITY;
            for (final Map.Entry<DeviceRole, List<NetworkProfile.Device>> stratum : strata.entrySet())
            {
                final int size = stratum.getValue().size();
                final int current = allocation.get(stratum.getKey());
                final double deficit = (double)budgetDevices * size / networkDevices - current;
                if (current < size && deficit > largestDeficit)
                {
                    neediest = stratum.getKey();
                    largestDeficit = deficit;
                }
            }
            allocation.merge(neediest, 1, Integer::sum);
            allocated++;
        }
        return allocation;
    }

    private static List<String> sample(
        final List<NetworkProfile.Device> stratum, final int count, final SplittableRandom random)
    {
        final List<String> chosen = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < stratum.size(); i++)
        {
            final NetworkProfile.Device device = stratum.get(i);
            if (Criticality.HIGH == device.criticality())
            {
                chosen.add(device.name());
            }
            else
            {
                final double uniform = 1.0 - random.nextDouble();
                candidates.add(new Candidate(device, i, Math.log(uniform) / device.trafficWeight()));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::key).reversed().thenComparingInt(Candidate::index));
        for (int i = 0; chosen.size() < count && i < candidates.size(); i++)
        {
            chosen.add(candidates.get(i).device().name());
        }
        return chosen;
    }

    private Set<String> closeOverPaths(final Set<String> sampled)
    {
        final List<Integer> hostOwners = sampled.stream()
            .map(indexByName::get)
            .filter(index -> !profile.devices().get(index).hostSubnets().isEmpty())
            .sorted()
            .toList();
        final Set<String> added = new LinkedHashSet<>();
        for (int i = 0; i < hostOwners.size(); i++)
        {
            final int[] previous = shortestPaths(hostOwners.get(i));
            for (int j = i + 1; j < hostOwners.size(); j++)
            {
                for (int hop = previous[hostOwners.get(j)]; hop >= 0 && hop != hostOwners.get(i); hop = previous[hop])
                {
                    final String name = profile.devices().get(hop).name();
                    if (!sampled.contains(name))
                    {
                        added.add(name);
                    }
                }
            }
        }
        return added;
    }

    private int[] shortestPaths(final int source)
    {
        final int size = profile.devices().size();
        final Reach[] best = new Reach[size];
        final int[] previous = new int[size];
        Arrays.fill(previous, -1);
        best[source] = new Reach(source, 0, 0);
        final PriorityQueue<Reach> queue = new PriorityQueue<>(Reach.SHORTEST_FIRST);
        queue.add(best[source]);
        while (!queue.isEmpty())
        {
            final Reach reach = queue.remove();
            if (reach != best[reach.device()])
            {
                continue;
            }
            for (final Adjacency adjacency : adjacencies.get(reach.device()))
            {
                final Reach next = new Reach(
                    adjacency.device(), reach.latencyNs() + adjacency.latencyNs(), reach.hops() + 1);
                final Reach known = best[next.device()];
                if (null == known || Reach.SHORTEST_FIRST.compare(next, known) < 0)
                {
                    best[next.device()] = next;
                    previous[next.device()] = reach.device();
                    queue.add(next);
                }
            }
        }
        return previous;
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
