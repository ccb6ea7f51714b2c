package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner on a generated campus of 240 devices at the budgets the fidelity benchmark uses.
 */
class GeneratedProfilePlanTest
{
    private static final List<Double> SHARES = List.of(0.10, 0.25, 0.50);

    private static NetworkProfile campus;
    private static ShadowPlanner planner;

    @BeforeAll
    static void generate()
    {
        campus = ProfileGenerator.generate(240, 5);
        planner = new ShadowPlanner(campus);
    }

    @Test
    void holdsAtMostTheBudgetAndRepresentsEveryRoleAtTenTwentyFiveAndFiftyPercent() throws ShadowPlanException
    {
        for (final double share : SHARES)
        {
            for (long seed = 0; seed < 3; seed++)
            {
                final ShadowPlan plan = planner.plan(new ShadowBudget.Share(share), seed);

                assertThat(plan.devices()).hasSizeLessThanOrEqualTo((int)Math.ceil(share * 240));
                assertThat(plan.shadowDevicesPerRole()).containsOnlyKeys(
                    DeviceRole.CORE, DeviceRole.DISTRIBUTION, DeviceRole.ACCESS, DeviceRole.FIREWALL);
                ShadowPlannerTest.assertPathsComplete(campus, plan);
            }
        }
    }

    @Test
    void fillsMostOfTheBudget() throws ShadowPlanException
    {
        for (final double share : SHARES)
        {
            final int budget = (int)Math.ceil(share * 240);

            assertThat(planner.plan(new ShadowBudget.Share(share), 9).devices()).hasSizeGreaterThan(budget * 9 / 10);
        }
    }

    @Test
    void aLargerBudgetCoversMoreTrafficAndDistributesPathLengthsCloserToTheWhole() throws ShadowPlanException
    {
        final ShadowPlan tenth = planner.plan(new ShadowBudget.Share(0.10), 2);
        final ShadowPlan half = planner.plan(new ShadowBudget.Share(0.50), 2);

        assertThat(half.representativeness().demandCovered())
            .isGreaterThan(tenth.representativeness().demandCovered());
        assertThat(half.representativeness().pathLengthHops().ksDistance())
            .isLessThan(tenth.representativeness().pathLengthHops().ksDistance());
        assertThat(half.scale().trafficSamplingRatio()).isGreaterThan(tenth.scale().trafficSamplingRatio());
    }

    @Test
    void theReportIsTheSameForTheSameSeed() throws ShadowPlanException
    {
        final String report = planner.plan(new ShadowBudget.Share(0.25), 17).report();

        assertThat(new ShadowPlanner(ProfileGenerator.generate(240, 5)).plan(new ShadowBudget.Share(0.25), 17).report())
            .isEqualTo(report);
        assertThat(report).startsWith("shadow plan: ").contains("of 240 devices", "budget 25% (at most 60 devices)");
    }
}
