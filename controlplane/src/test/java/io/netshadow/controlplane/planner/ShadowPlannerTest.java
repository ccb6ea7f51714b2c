package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileException;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.fabric.FabricTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ShadowPlannerTest
{
    private static NetworkProfile profile;
    private static ShadowPlanner planner;

    @BeforeAll
    static void loadExample() throws ProfileException
    {
        profile = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        planner = new ShadowPlanner(profile);
    }

    @Test
    void sameSeedGivesTheSamePlan() throws ShadowPlanException
    {
        for (long seed = 0; seed < 20; seed++)
        {
            assertThat(planner.plan(new ShadowBudget.Share(0.5), seed))
                .isEqualTo(planner.plan(new ShadowBudget.Share(0.5), seed));
        }
    }

    @Test
    void differentSeedsSampleDifferentDevices() throws ShadowPlanException
    {
        final Set<List<String>> plans = new HashSet<>();
        for (long seed = 0; seed < 20; seed++)
        {
            plans.add(planner.plan(new ShadowBudget.Count(7), seed).deviceNames());
        }
        assertThat(plans).hasSizeGreaterThan(1);
    }

    @Test
    void samplesExactlyTheBudgetBeforeClosure() throws ShadowPlanException
    {
        for (final ShadowBudget budget : List.of(
            new ShadowBudget.Count(6),
            new ShadowBudget.Count(9),
            new ShadowBudget.Share(0.5),
            new ShadowBudget.Share(1)))
        {
            final ShadowPlan plan = planner.plan(budget, 3);

            assertThat(plan.budgetDeviceCount()).isEqualTo(budget.deviceCount(14));
            assertThat(plan.devices()).hasSize(plan.budgetDeviceCount() + plan.closureDevices().size());
        }
    }

    @Test
    void representsEveryRoleAndKeepsEveryHighCriticalityDevice() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Count(6), 11);

        assertThat(plan.shadowDevicesPerRole().keySet())
            .containsExactlyInAnyOrder(
                DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS, DeviceRole.FIREWALL);
        assertThat(plan.networkDevicesPerRole()).containsEntry(DeviceRole.ACCESS, 6).containsEntry(DeviceRole.CORE, 2);
        assertThat(plan.deviceNames()).contains("core1", "core2", "acc1", "fw-inet");
        assertThat(plan.contains("fw-inet")).isTrue();
        assertThat(plan.contains("dist9")).isFalse();
    }

    @Test
    void allocatesToRolesInProportionToTheirSize() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Share(1), 5);

        assertThat(plan.devices()).hasSameSizeAs(profile.devices());
        assertThat(plan.closureDevices()).isEmpty();
        assertThat(plan.links()).hasSameSizeAs(profile.links());
        assertThat(plan.coveredTrafficShare()).isEqualTo(1.0);
    }

    @Test
    void addsTheDevicesOnTheShortestPathBetweenSampledHostDevices() throws ShadowPlanException
    {
        LongStream.range(0, 30).forEach(seed ->
        {
            final ShadowPlan plan = plan(new ShadowBudget.Count(6), seed);
            final List<String> hostOwners = plan.devices().stream()
                .filter(device -> !device.hostSubnets().isEmpty())
                .filter(device -> !plan.closureDevices().contains(device.name()))
                .map(NetworkProfile.Device::name)
                .toList();
            for (final String from : hostOwners)
            {
                for (final String to : hostOwners)
                {
                    assertThat(plan.deviceNames()).containsAll(shortestPath(from, to));
                }
            }
            assertThat(plan.closureDevices()).allSatisfy(name -> assertThat(name).isIn(plan.deviceNames()));
        });
    }

    @Test
    void closesTheExamplePathFromTheTradingFloorToTheInternet() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Share(0.5), 1);

        assertThat(plan.deviceNames()).contains("acc1", "dist1", "core1", "fw-inet");
        assertThat(plan.links()).anySatisfy(link ->
            assertThat(link.a().toString() + " " + link.b()).isEqualTo("dist1:eth0 core1:eth2"));
    }

    @Test
    void keepsOnlyLinksBetweenShadowDevices() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Count(6), 2);

        assertThat(plan.links()).allSatisfy(link ->
            assertThat(plan.deviceNames()).contains(link.a().device(), link.b().device()));
        final FabricTopology topology = plan.topology();
        assertThat(topology.devices()).hasSameSizeAs(plan.devices());
        assertThat(topology.links()).hasSameSizeAs(plan.links());
    }

    @Test
    void reportsCoverageRolesDevicesAndLinks() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Share(0.5), 1);

        assertThat(plan.report())
            .contains("of 14 devices", "budget 50% (7 sampled)", "seed 1", "traffic weight covered:")
            .contains("distribution", "high criticality", "dist1:eth0 <-> core1:eth2  1G  200us");
        if (!plan.closureDevices().isEmpty())
        {
            assertThat(plan.report()).contains("completes a path");
        }
        assertThat(plan.coveredTrafficShare()).isBetween(0.0, 1.0);
    }

    @Test
    void rejectsABudgetTooSmallForOneDevicePerRole()
    {
        assertThatExceptionOfType(ShadowPlanException.class)
            .isThrownBy(() -> planner.plan(new ShadowBudget.Count(3), 1))
            .withMessage("a budget of 3 devices allows 3 of 14 devices, but one device per role (core, distribution, " +
                "access, firewall) and every high-criticality device need 5; raise the budget to at least 5 devices");
    }

    @Test
    void favoursHeavyDevicesWithinARole() throws ShadowPlanException
    {
        final Map<String, Integer> picks = new HashMap<>();
        for (long seed = 0; seed < 400; seed++)
        {
            for (final String name : planner.plan(new ShadowBudget.Count(6), seed).deviceNames())
            {
                picks.merge(name, 1, Integer::sum);
            }
        }
        assertThat(profile.device("acc6").orElseThrow().criticality()).isEqualTo(Criticality.LOW);
        assertThat(picks.getOrDefault("acc4", 0)).isGreaterThan(picks.getOrDefault("acc6", 0));
    }

    private static ShadowPlan plan(final ShadowBudget budget, final long seed)
    {
        try
        {
            return planner.plan(budget, seed);
        }
        catch (final ShadowPlanException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static List<String> shortestPath(final String from, final String to)
    {
        final Map<String, Long> best = new HashMap<>();
        final Map<String, String> previous = new HashMap<>();
        final ArrayDeque<String> queue = new ArrayDeque<>();
        best.put(from, 0L);
        queue.add(from);
        while (!queue.isEmpty())
        {
            final String device = queue.remove();
            for (final NetworkProfile.Link link : profile.links())
            {
                final boolean fromA = link.a().device().equals(device);
                if (fromA || link.b().device().equals(device))
                {
                    final String next = fromA ? link.b().device() : link.a().device();
                    final long latency = best.get(device) + link.latencyNs();
                    if (latency < best.getOrDefault(next, Long.MAX_VALUE))
                    {
                        best.put(next, latency);
                        previous.put(next, device);
                        queue.add(next);
                    }
                }
            }
        }
        final List<String> path = new ArrayList<>();
        for (String device = to; null != device; device = previous.get(device))
        {
            path.add(device);
        }
        return path;
    }
}
