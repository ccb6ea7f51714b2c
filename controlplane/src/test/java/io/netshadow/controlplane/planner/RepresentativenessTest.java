package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.ManagementAddress;
import io.netshadow.controlplane.profile.NetworkProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The representativeness report worked by hand on a line of three access switches, h1 - h2 - h3, weighing 1, 1 and 2,
 * with links of 1G (h1 - h2) and 2G (h2 - h3).
 * <p>
 * Demand shares {@code w(s) w(t) / (W (W - w(s)))} with W = 4: h1 to h2 1/12, h1 to h3 2/12, h2 to h1 1/12, h2 to h3
 * 2/12, h3 to h1 3/12, h3 to h2 3/12. Link loads: h1 to h2 3/12, h2 to h1 4/12, h2 to h3 4/12, h3 to h2 6/12; over
 * capacity (in Gbps) 0.25, 0.333, 0.167, 0.25, so in units of the busiest: 0.75, 1, 0.5, 0.75.
 * <p>
 * The smallest shadow holds the heaviest device, h3, and the cheapest second end of a flow, h2. Its flows load
 * h2 to h3 with 2/12 and h3 to h2 with 3/12: 5/10 of that link's live load, so the link runs at half its capacity and
 * its utilisations are 0.5 and 0.75 of the busiest.
 */
class RepresentativenessTest
{
    private static final NetworkProfile LINE = new NetworkProfile(
        List.of(access("h1", 1, "10.1.0.0/24"), access("h2", 1, "10.2.0.0/24"), access("h3", 2, "10.3.0.0/24")),
        List.of(link("h1", "h2", 1_000_000_000L), link("h2", "h3", 2_000_000_000L)),
        List.of());

    @Test
    void measuresTheKolmogorovSmirnovDistanceOfPathLengthsAsWorkedByHand() throws ShadowPlanException
    {
        final ShadowPlan plan = new ShadowPlanner(LINE).plan(new ShadowBudget.Count(2), 1);

        assertThat(plan.deviceNames()).containsExactly("h2", "h3");
        final Representativeness.Comparison hops = plan.representativeness().pathLengthHops();
        assertThat(hops.wholeCount()).isEqualTo(6);
        assertThat(hops.wholeMean()).isCloseTo(8.0 / 6, within(1e-12));
        assertThat(hops.sampleCount()).isEqualTo(2);
        assertThat(hops.sampleMean()).isEqualTo(1.0);
        assertThat(hops.ksDistance()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void measuresTheKolmogorovSmirnovDistanceOfLinkUtilisationAsWorkedByHand() throws ShadowPlanException
    {
        final ShadowPlan plan = new ShadowPlanner(LINE).plan(new ShadowBudget.Count(2), 1);

        final Representativeness.Comparison utilisation = plan.representativeness().linkUtilisation();
        assertThat(utilisation.wholeCount()).isEqualTo(4);
        assertThat(utilisation.wholeMean()).isCloseTo(0.75, within(1e-12));
        assertThat(utilisation.sampleCount()).isEqualTo(2);
        assertThat(utilisation.sampleMean()).isCloseTo(0.625, within(1e-12));
        assertThat(utilisation.ksDistance()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void coversTheDemandOfTheFlowsWithBothEndsInTheShadowAndScalesTheLinkByItsCarriedShare()
        throws ShadowPlanException
    {
        final ShadowPlan plan = new ShadowPlanner(LINE).plan(new ShadowBudget.Count(2), 1, 0.5);

        assertThat(plan.coveredTrafficShare()).isEqualTo(0.75);
        assertThat(plan.representativeness().demandCovered()).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(plan.representativeness().wholeIdleDirections()).isZero();
        final NetworkProfile.Link link = plan.links().getFirst();
        assertThat(plan.scale().carriedLoadShare()).isCloseTo(0.5, within(1e-12));
        assertThat(plan.scale().linkScale(link)).isCloseTo(0.25, within(1e-12));
        assertThat(plan.scale().capacityBps(link)).isEqualTo(500_000_000L);
        assertThat(plan.scale().queueBytes(link)).isEqualTo(link.queueBytes() / 4);
    }

    @Test
    void comparesSamplesWithTiesByTheLargestGapBetweenTheirDistributionFunctions()
    {
        final Representativeness.Comparison comparison =
            Representativeness.Comparison.of(new double[]{1, 2, 2, 3}, new double[]{2, 2, 3, 3});

        assertThat(comparison.ksDistance()).isCloseTo(0.25, within(1e-12));
        assertThat(comparison.wholeMean()).isEqualTo(2.0);
        assertThat(comparison.sampleMean()).isEqualTo(2.5);
        assertThat(Representativeness.Comparison.of(new double[]{1, 2}, new double[0]).ksDistance()).isEqualTo(1.0);
        assertThat(Representativeness.Comparison.of(new double[0], new double[0]).ksDistance()).isZero();
    }

    private static NetworkProfile.Device access(final String name, final double weight, final String subnet)
    {
        return new NetworkProfile.Device(name, DeviceRole.ACCESS, new ManagementAddress("10.255.0.1", 830), weight,
            Criticality.MEDIUM, List.of(subnet));
    }

    private static NetworkProfile.Link link(final String a, final String b, final long capacityBps)
    {
        return new NetworkProfile.Link(new NetworkProfile.Endpoint(a, "to-" + b),
            new NetworkProfile.Endpoint(b, "to-" + a), capacityBps, 100_000L, 1_000_000L);
    }
}
