package io.netshadow.controlplane.profile;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.ingest.MirrorSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    void refusesASizeOutOfRange()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileGenerator.generate(7, 1))
            .withMessage("a generated profile has 8 to 25000 devices, got 7");
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
