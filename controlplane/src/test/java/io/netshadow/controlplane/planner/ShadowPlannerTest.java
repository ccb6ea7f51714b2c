package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.ManagementAddress;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileException;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.fabric.FabricTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

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
    void sameSeedGivesTheSamePlanAndReport() throws ShadowPlanException
    {
        for (long seed = 0; seed < 20; seed++)
        {
            final ShadowPlan plan = planner.plan(new ShadowBudget.Share(0.5), seed);
            final ShadowPlan again = new ShadowPlanner(profile).plan(new ShadowBudget.Share(0.5), seed);

            assertThat(again).isEqualTo(plan);
            assertThat(again.report()).isEqualTo(plan.report());
        }
    }

    @Test
    void differentSeedsSampleDifferentDevices() throws ShadowPlanException
    {
        final Set<List<String>> plans = new HashSet<>();
        for (long seed = 0; seed < 20; seed++)
        {
            plans.add(planner.plan(new ShadowBudget.Count(8), seed).deviceNames());
        }
        assertThat(plans).hasSizeGreaterThan(1);
    }

    @Test
    void neverHoldsMoreDevicesThanTheBudgetCountingThoseThatCompletePaths() throws ShadowPlanException
    {
        for (final ShadowBudget budget : List.of(
            new ShadowBudget.Count(5),
            new ShadowBudget.Count(6),
            new ShadowBudget.Count(9),
            new ShadowBudget.Share(0.25),
            new ShadowBudget.Share(0.5),
            new ShadowBudget.Share(0.75)))
        {
            for (long seed = 0; seed < 30; seed++)
            {
                final ShadowPlan plan = planner.plan(budget, seed);

                assertThat(plan.budgetDeviceCount()).isEqualTo(budget.deviceCount(profile.devices().size()));
                assertThat(plan.devices()).hasSizeLessThanOrEqualTo(plan.budgetDeviceCount());
            }
        }
    }

    @Test
    void representsEveryRoleAndKeepsEveryHighCriticalityDeviceAtTheSmallestBudget() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Count(5), 11);

        assertThat(plan.shadowDevicesPerRole().keySet())
            .containsExactlyInAnyOrder(
                DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS, DeviceRole.FIREWALL);
        assertThat(plan.networkDevicesPerRole()).containsEntry(DeviceRole.ACCESS, 18).containsEntry(DeviceRole.CORE, 2);
        assertThat(plan.deviceNames()).containsExactly("core1", "core2", "dist1", "acc1", "fw-inet");
        assertThat(plan.inclusions()).containsEntry("fw-inet", ShadowPlan.Inclusion.HIGH_CRITICALITY)
            .containsEntry("dist1", ShadowPlan.Inclusion.PATH);
        assertThat(plan.contains("dist9")).isFalse();
    }

    @Test
    void everyRoleIsRepresentedForEverySeedAndBudget() throws ShadowPlanException
    {
        for (int devices = 5; devices <= profile.devices().size(); devices++)
        {
            for (long seed = 0; seed < 10; seed++)
            {
                assertThat(planner.plan(new ShadowBudget.Count(devices), seed).shadowDevicesPerRole())
                    .containsOnlyKeys(DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS,
                        DeviceRole.FIREWALL);
            }
        }
    }

    @Test
    void theWholeBudgetTakesTheWholeNetworkAtFullScale() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Share(1), 5);

        assertThat(plan.devices()).hasSameSizeAs(profile.devices());
        assertThat(plan.links()).hasSameSizeAs(profile.links());
        assertThat(plan.coveredTrafficShare()).isEqualTo(1.0);
        assertThat(plan.representativeness().demandCovered()).isCloseTo(1.0, within(1e-12));
        assertThat(plan.representativeness().pathLengthHops().ksDistance()).isZero();
        assertThat(plan.representativeness().linkUtilisation().ksDistance()).isZero();
        assertThat(plan.scale().trafficSamplingRatio()).isEqualTo(1.0);
        assertThat(plan.links()).allSatisfy(link -> assertThat(plan.scale().capacityBps(link))
            .isEqualTo(link.capacityBps()));
    }

    @Test
    void everyFlowBetweenShadowDevicesHasItsWholePathInTheShadow() throws ShadowPlanException
    {
        for (long seed = 0; seed < 30; seed++)
        {
            for (final ShadowBudget budget : List.of(new ShadowBudget.Count(6), new ShadowBudget.Share(0.5)))
            {
                assertPathsComplete(profile, planner.plan(budget, seed));
            }
        }
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
    void keepsOnlyLinksBetweenShadowDevicesAndBuildsTheFabricAndItsPortsPolicersAtEachLinksScale()
        throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Count(8), 2, 0.5);

        assertThat(plan.links()).allSatisfy(link ->
            assertThat(plan.deviceNames()).contains(link.a().device(), link.b().device()));
        final FabricTopology topology = plan.topology();
        assertThat(topology.devices()).hasSameSizeAs(plan.devices());
        assertThat(topology.links()).hasSameSizeAs(plan.links());
        final double rateScale = plan.scale().trafficSamplingRatio();
        for (int i = 0; i < plan.links().size(); i++)
        {
            final NetworkProfile.Link link = plan.links().get(i);
            final FabricTopology.Link built = topology.links().get(i);
            assertThat((double)Math.round(built.capacityBps() * rateScale))
                .isCloseTo(plan.scale().capacityBps(link), within(2.0));
            assertThat((double)Math.round(built.queueBytes() * rateScale))
                .isCloseTo(plan.scale().queueBytes(link), within(2.0));
            assertThat(built.rateFactor() * rateScale).isCloseTo(plan.scale().linkScale(link), within(1e-12));
        }
    }

    @Test
    void scalesByTheMirrorShareTimesTheShareOfLiveLoadTheShadowCarries() throws ShadowPlanException
    {
        final ShadowPlan full = planner.plan(new ShadowBudget.Share(0.5), 3, 1.0);
        final ShadowPlan quarter = planner.plan(new ShadowBudget.Share(0.5), 3, 0.25);

        assertThat(quarter.deviceNames()).isEqualTo(full.deviceNames());
        assertThat(full.scale().carriedLoadShare()).isBetween(0.0, 1.0);
        assertThat(quarter.scale().trafficSamplingRatio())
            .isCloseTo(0.25 * full.scale().carriedLoadShare(), within(1e-12));
        final NetworkProfile.Link primaryUplink = full.links().stream()
            .filter(link -> "dist1:eth0".equals(link.a().toString()))
            .findFirst().orElseThrow();
        assertThat(quarter.scale().linkScale(primaryUplink))
            .isCloseTo(0.25 * full.scale().linkScale(primaryUplink), within(1e-12));
        assertThat(quarter.representativeness()).isEqualTo(full.representativeness());
    }

    @Test
    void reportsCoverageDistributionsRolesScaleDevicesAndLinks() throws ShadowPlanException
    {
        final ShadowPlan plan = planner.plan(new ShadowBudget.Share(0.5), 1);

        assertThat(plan.report())
            .contains("of 28 devices", "budget 50% (at most 14 devices)", "seed 1")
            .contains("traffic weight", "flow demand, both ends", "path length (hops)", "link utilisation",
                "KS distance", "idle link directions")
            .contains("distribution", "high criticality", "completes a path")
            .contains("mirror share", "carried load share", "traffic sampling ratio", "link scale")
            .containsPattern("dist1:eth0 +<-> core1:eth2 +200us +1G +\\S+M");
        assertThat(plan.coveredTrafficShare()).isBetween(0.0, 1.0);
    }

    @Test
    void rejectsABudgetTooSmallForAnyCompletePathNamingTheMinimum()
    {
        assertThatExceptionOfType(ShadowPlanException.class)
            .isThrownBy(() -> planner.plan(new ShadowBudget.Count(4), 1))
            .withMessage("a budget of 4 devices allows 4 of 28 devices, but the smallest shadow in which a flow has " +
                "its whole path needs 5: every high-criticality device, two devices with host subnets, one device " +
                "of each role (core, distribution, access, firewall) and the devices on the paths between them " +
                "(core1, core2, dist1, acc1, fw-inet); raise the budget to at least 5 devices");
    }

    @Test
    void rejectsANetworkThatIsNotConnectedNamingThePartsThatCannotBeReached()
    {
        final NetworkProfile split = new NetworkProfile(
            List.of(
                device("core1", DeviceRole.CORE, List.of()),
                device("acc1", DeviceRole.ACCESS, List.of("10.1.0.0/24")),
                device("acc2", DeviceRole.ACCESS, List.of("10.2.0.0/24")),
                device("acc3", DeviceRole.ACCESS, List.of("10.3.0.0/24")),
                device("fw9", DeviceRole.FIREWALL, List.of())),
            List.of(link("acc1", "core1"), link("acc2", "core1"), link("acc3", "fw9")),
            List.of());

        assertThatExceptionOfType(ShadowPlanException.class)
            .isThrownBy(() -> new ShadowPlanner(split).plan(new ShadowBudget.Share(1), 1))
            .withMessage("the network is not connected: [acc3, fw9] cannot reach core1 and the 2 devices linked to " +
                "it; link each part to the rest");
    }

    @Test
    void favoursHeavyDevicesWithinARole() throws ShadowPlanException
    {
        final Map<String, Integer> picks = new HashMap<>();
        for (long seed = 0; seed < 400; seed++)
        {
            for (final String name : planner.plan(new ShadowBudget.Count(8), seed).deviceNames())
            {
                picks.merge(name, 1, Integer::sum);
            }
        }
        assertThat(profile.device("acc6").orElseThrow().criticality()).isEqualTo(Criticality.LOW);
        assertThat(picks.getOrDefault("acc4", 0)).isGreaterThan(picks.getOrDefault("acc6", 0));
    }

    static void assertPathsComplete(final NetworkProfile network, final ShadowPlan plan)
    {
        final ShortestPathOracle oracle = new ShortestPathOracle(network);
        final List<String> hostOwners = plan.devices().stream()
            .filter(device -> !device.hostSubnets().isEmpty())
            .map(NetworkProfile.Device::name)
            .toList();
        for (final String from : hostOwners)
        {
            final Map<String, String> previous = oracle.previousFrom(from);
            for (final String to : hostOwners)
            {
                for (String device = to; !device.equals(from); device = previous.get(device))
                {
                    assertThat(plan.contains(device)).as("%s on the path %s -> %s", device, from, to).isTrue();
                }
            }
        }
    }

    private static NetworkProfile.Device device(final String name, final DeviceRole role, final List<String> subnets)
    {
        return new NetworkProfile.Device(name, role, new ManagementAddress("10.255.0.1", 830), 1.0,
            Criticality.MEDIUM, subnets);
    }

    private static NetworkProfile.Link link(final String a, final String b)
    {
        return new NetworkProfile.Link(new NetworkProfile.Endpoint(a, "eth-" + b),
            new NetworkProfile.Endpoint(b, "eth-" + a), 1_000_000_000L, 100_000L, 625_000L);
    }
}
