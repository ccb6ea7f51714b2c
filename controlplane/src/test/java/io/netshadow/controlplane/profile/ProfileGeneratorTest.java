package io.netshadow.controlplane.profile;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.ingest.MirrorSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfileGeneratorTest
{
    @Test
    void generatesExactlyTheAskedNumberOfDevicesInEveryRole()
    {
        for (final int devices : List.of(ProfileGenerator.MIN_DEVICES, 50, 200, 201, 1000))
        {
            final NetworkProfile profile = ProfileGenerator.generate(devices, 7);

            assertThat(profile.devices()).hasSize(devices);
            assertThat(profile.devices()).extracting(NetworkProfile.Device::role)
                .contains(DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS, DeviceRole.FIREWALL);
        }
    }

    @Test
    void theYamlLoadsIntoTheSameProfileForEverySize() throws ProfileException
    {
        for (final int devices : List.of(ProfileGenerator.MIN_DEVICES, 14, 200, 257))
        {
            final NetworkProfile loaded =
                ProfileLoader.parse(Path.of("generated.yaml"), ProfileGenerator.generateYaml(devices, 3));

            assertThat(loaded).isEqualTo(ProfileGenerator.generate(devices, 3));
        }
    }

    @Test
    void sameSizeAndSeedGiveTheSameYamlAndOtherSeedsOtherYaml()
    {
        assertThat(ProfileGenerator.generateYaml(200, 5)).isEqualTo(ProfileGenerator.generateYaml(200, 5))
            .startsWith("# Generated campus: 200 devices, seed 5 ");
        assertThat(ProfileGenerator.generateYaml(200, 5)).isNotEqualTo(ProfileGenerator.generateYaml(200, 6));
    }

    @Test
    void bothCoresAndTheInternetFirewallHaveHighCriticality()
    {
        final NetworkProfile profile = ProfileGenerator.generate(200, 1);

        assertThat(profile.devices().stream().filter(device -> Criticality.HIGH == device.criticality())
            .map(NetworkProfile.Device::name)).containsExactly("core1", "core2", "fw-inet");
    }

    @Test
    void linksHaveTheExampleProfilesCapacitiesAndEveryAccessSwitchIsDualHomed()
    {
        final NetworkProfile profile = ProfileGenerator.generate(200, 1);

        assertThat(profile.links()).filteredOn(link -> link.a().device().equals("core1") &&
            link.b().device().equals("core2")).singleElement().extracting(NetworkProfile.Link::capacityBps)
            .isEqualTo(10_000_000_000L);
        for (final NetworkProfile.Device device : profile.devices())
        {
            final List<NetworkProfile.Link> links = profile.links().stream()
                .filter(link -> link.a().device().equals(device.name()))
                .toList();
            final long expectedBps = DeviceRole.ACCESS == device.role() ? 100_000_000L : 1_000_000_000L;
            if (DeviceRole.CORE != device.role())
            {
                assertThat(links).as(device.name()).hasSize(2)
                    .allSatisfy(link -> assertThat(link.capacityBps()).isEqualTo(expectedBps));
            }
        }
    }

    @Test
    void sameSizeAndSeedGiveTheSameProfileAndOtherSeedsOtherWeights()
    {
        assertThat(ProfileGenerator.generate(200, 3)).isEqualTo(ProfileGenerator.generate(200, 3));
        assertThat(ProfileGenerator.generate(200, 4)).isNotEqualTo(ProfileGenerator.generate(200, 3));
    }

    @Test
    void generatesAConnectedNetworkWithUniqueNamesPortsSubnetsAndVnis()
    {
        final NetworkProfile profile = ProfileGenerator.generate(250, 1);

        assertThat(profile.devices()).extracting(NetworkProfile.Device::name).doesNotHaveDuplicates();
        assertThat(profile.links().stream().flatMap(link -> List.of(link.a().toString(), link.b().toString()).stream()))
            .doesNotHaveDuplicates();
        final List<Ipv4Prefix> prefixes = profile.devices().stream()
            .flatMap(device -> device.hostSubnets().stream())
            .map(Ipv4Prefix::parse)
            .toList();
        assertThat(prefixes).hasSize((int)profile.devices().stream()
            .filter(device -> DeviceRole.ACCESS == device.role() || DeviceRole.FIREWALL == device.role()).count());
        for (final Ipv4Prefix prefix : prefixes)
        {
            assertThat(prefixes).filteredOn(other -> other.contains(prefix.address())).containsExactly(prefix);
        }
        assertThat(profile.mirrorSessions()).extracting(MirrorSession::vni).doesNotHaveDuplicates();
        assertThat(profile.mirrorSessions()).hasSize(2 * prefixes.size());
        assertThat(reachableFrom(profile, "core1")).hasSize(250);
        assertThat(profile.devices()).allSatisfy(device -> assertThat(device.trafficWeight()).isPositive());
    }

    @Test
    void everyShortestPathBetweenTwoDevicesIsUnique()
    {
        final NetworkProfile profile = ProfileGenerator.generate(200, 1);

        for (final NetworkProfile.Device device : profile.devices())
        {
            final Map<String, Long> shortestPaths = shortestPathCounts(profile, device.name());

            assertThat(shortestPaths).as(device.name()).hasSize(200).containsOnlyKeys(
                profile.devices().stream().map(NetworkProfile.Device::name).toList());
            assertThat(shortestPaths.values()).as(device.name()).containsOnly(1L);
        }
    }

    @Test
    void refusesASizeOutOfRange()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileGenerator.generate(7, 1))
            .withMessage("a generated profile has 8 to 25000 devices, got 7");
    }

    /**
     * Dijkstra over link latencies from one device, counting the paths of least latency to every device.
     */
    private static Map<String, Long> shortestPathCounts(final NetworkProfile profile, final String start)
    {
        final Map<String, List<NetworkProfile.Link>> linksOf = new HashMap<>();
        for (final NetworkProfile.Link link : profile.links())
        {
            linksOf.computeIfAbsent(link.a().device(), ignored -> new ArrayList<>()).add(link);
            linksOf.computeIfAbsent(link.b().device(), ignored -> new ArrayList<>()).add(link);
        }
        final Map<String, Long> distanceNs = new HashMap<>(Map.of(start, 0L));
        final Map<String, Long> paths = new HashMap<>(Map.of(start, 1L));
        final Set<String> settled = new HashSet<>();
        final PriorityQueue<Map.Entry<String, Long>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        queue.add(Map.entry(start, 0L));
        while (!queue.isEmpty())
        {
            final String device = queue.remove().getKey();
            if (!settled.add(device))
            {
                continue;
            }
            for (final NetworkProfile.Link link : linksOf.getOrDefault(device, List.of()))
            {
                final String far = link.a().device().equals(device) ? link.b().device() : link.a().device();
                final long candidateNs = distanceNs.get(device) + link.latencyNs();
                final long knownNs = distanceNs.getOrDefault(far, Long.MAX_VALUE);
                if (candidateNs < knownNs)
                {
                    distanceNs.put(far, candidateNs);
                    paths.put(far, paths.get(device));
                    queue.add(Map.entry(far, candidateNs));
                }
                else if (candidateNs == knownNs)
                {
                    paths.merge(far, paths.get(device), Long::sum);
                }
            }
        }
        return paths;
    }

    private static Set<String> reachableFrom(final NetworkProfile profile, final String start)
    {
        final Map<String, List<String>> neighbours = new HashMap<>();
        for (final NetworkProfile.Link link : profile.links())
        {
            neighbours.computeIfAbsent(link.a().device(), ignored -> new ArrayList<>()).add(link.b().device());
            neighbours.computeIfAbsent(link.b().device(), ignored -> new ArrayList<>()).add(link.a().device());
        }
        final Set<String> reached = new HashSet<>(List.of(start));
        final ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty())
        {
            for (final String next : neighbours.getOrDefault(queue.remove(), List.of()))
            {
                if (reached.add(next))
                {
                    queue.add(next);
                }
            }
        }
        return reached;
    }
}
