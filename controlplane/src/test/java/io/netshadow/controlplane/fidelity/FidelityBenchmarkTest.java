package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.config.ForecasterConfig;
import io.netshadow.controlplane.config.KpiChange;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileGenerator;
import io.netshadow.controlplane.profile.ProfileLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FidelityBenchmarkTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final double FLOWS_PER_SECOND = 40;
    private static final double FLOWS_PER_SECOND_PER_EDGE = 2;

    private static NetworkProfile profile;
    private static FidelityResult result;

    @TempDir
    Path directory;

    @BeforeAll
    static void runTheExample() throws Exception
    {
        profile = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        result = run(profile, List.of(new ShadowBudget.Share(0.1), new ShadowBudget.Share(0.25)), FLOWS_PER_SECOND);
    }

    @Test
    void everyChangeOfTheSetRunsOnTheWholeNetworkAndEveryShadow()
    {
        assertThat(result.changes()).extracting(FidelityChange::id)
            .containsExactly("acl-drop-voice", "policer-below-traffic", "policer-above-traffic", "mtu-cut",
                "route-change", "firewall-detour",
                "harmless-acl");
        final FidelityResult.Budget quarter = result.budgets().get(1);
        assertThat(quarter.error()).isEmpty();
        assertThat(quarter.rows()).extracting(FidelityRow::changeId)
            .containsExactlyElementsOf(result.changes().stream().map(FidelityChange::id).toList());
        assertThat(quarter.rows()).allMatch(row -> row.note().isEmpty());
    }

    @Test
    void harmfulChangesAreHarmfulOnTheWholeNetworkAndTheHarmlessOneMovesNothing()
    {
        final FidelityResult.Budget quarter = result.budgets().get(1);
        assertThat(row(quarter, "acl-drop-voice").harmfulOnWhole()).isTrue();
        assertThat(row(quarter, "policer-below-traffic").harmfulOnWhole()).isTrue();
        assertThat(row(quarter, "policer-above-traffic").harmfulOnWhole()).isFalse();
        assertThat(row(quarter, "mtu-cut").harmfulOnWhole()).isTrue();
        assertThat(row(quarter, "firewall-detour").harmfulOnWhole()).isTrue();
        final FidelityRow harmless = row(quarter, "harmless-acl");
        assertThat(harmless.harmfulOnWhole()).isFalse();
        assertThat(harmless.observedLoss()).isZero();
        assertThat(harmless.observedP99()).isZero();
        assertThat(harmless.predictedLoss()).isZero();
    }

    @Test
    void theDetourMovesTheWholeNetworksP99PastItsThresholdAndNotItsLoss()
    {
        final FidelityRow detour = row(result.budgets().get(1), "firewall-detour");

        assertThat(detour.changeId()).isEqualTo("firewall-detour");
        assertThat(detour.observedP99()).isGreaterThan(ForecasterConfig.Thresholds.DEFAULT.latencyP99().amount());
        assertThat(detour.observedLoss()).isZero();
    }

    @Test
    void aQuarterOfAGeneratedCampusPredictsTheDetoursP99ChangeWithinTenPercentAndEveryVerdict()
    {
        final NetworkProfile generated = ProfileGenerator.generate(60, 1);
        final long edges = generated.devices().stream().filter(device -> !device.hostSubnets().isEmpty()).count();
        final FidelityResult campus =
            run(generated, List.of(new ShadowBudget.Share(0.25)), FLOWS_PER_SECOND_PER_EDGE * edges);
        final FidelityResult.Budget quarter = campus.budgets().getFirst();
        final FidelityRow detour = row(quarter, "firewall-detour");

        assertThat(quarter.error()).isEmpty();
        assertThat(detour.changeId()).isEqualTo("firewall-detour");
        assertThat(detour.observedP99()).isGreaterThan(1.5 * ForecasterConfig.Thresholds.DEFAULT.latencyP99().amount());
        assertThat(detour.p99Error()).isLessThanOrEqualTo(0.1);
        assertThat(quarter.agreeingVerdicts()).isEqualTo(quarter.rows().size());
    }

    @Test
    void aShadowOfAQuarterOfTheExampleGivesTheWholeNetworksVerdictForEveryChangeWithinTenPercentAtTheMedian()
    {
        final FidelityResult.Budget quarter = result.budgets().get(1);

        assertThat(quarter.shadowDevices()).isLessThanOrEqualTo(profile.devices().size() / 4);
        assertThat(quarter.rows()).allMatch(FidelityRow::verdictsAgree);
        assertThat(quarter.medianLossError()).isLessThanOrEqualTo(0.1);
        assertThat(quarter.medianP99Error()).isLessThanOrEqualTo(0.1);
        assertThat(quarter.rows().getFirst().predictedLoss()).isCloseTo(quarter.rows().getFirst().observedLoss(),
            within(0.1 * quarter.rows().getFirst().observedLoss()));
    }

    @Test
    void aShadowOfAQuarterOfTheExamplePredictsTheDetourWithinTenPercentFromThePathsItDoesNotCarry()
    {
        final FidelityRow detour = row(result.budgets().get(1), "firewall-detour");

        assertThat(detour.predictedP99()).isGreaterThan(ForecasterConfig.Thresholds.DEFAULT.latencyP99().amount());
        assertThat(detour.p99Error()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void aBudgetTooSmallForAPlanIsReportedWithThePlannersReason()
    {
        final FidelityResult.Budget tenth = result.budgets().getFirst();

        assertThat(tenth.error()).contains("raise the budget");
        assertThat(tenth.rows()).isEmpty();
        assertThat(FidelityReport.table(result)).anyMatch(line -> line.startsWith("10%     no plan: "));
    }

    @Test
    void theSameSeedGivesTheSameTable() throws Exception
    {
        final FidelityResult again =
            run(profile, List.of(new ShadowBudget.Share(0.1), new ShadowBudget.Share(0.25)), FLOWS_PER_SECOND);

        assertThat(FidelityReport.table(again)).isEqualTo(FidelityReport.table(result));
        assertThat(FidelityReport.csv(again)).isEqualTo(FidelityReport.csv(result));
    }

    @Test
    void reportHoldsTheTableAndAnSvgPlotPerKpiAndTheCsvARowPerBudgetAndChange() throws Exception
    {
        FidelityReport.write(directory, result);

        final String html = Files.readString(directory.resolve(FidelityReport.HTML_FILE));
        assertThat(html).contains("<svg", "Loss ratio change", "p99 latency change", "Median relative error",
            "acl-drop-voice");
        final List<String> csv = Files.readAllLines(directory.resolve(FidelityReport.CSV_FILE));
        assertThat(csv.getFirst()).startsWith("budget,sampled,shadow_devices,network_devices,change,");
        assertThat(csv).hasSize(1 + 1 + result.changes().size());
    }

    @Test
    void relativeErrorIsMeasuredAgainstATenthOfTheThresholdWhenTheObservedChangeIsSmaller()
    {
        final KpiChange loss = new KpiChange(0.02, false);

        assertThat(FidelityBenchmark.relativeError(loss, 0.11, 0.10)).isCloseTo(0.1, within(1e-9));
        assertThat(FidelityBenchmark.relativeError(loss, 0.001, 0.0)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aChangeCrossesAThresholdInTheDirectionOfItsSign()
    {
        assertThat(FidelityBenchmark.crosses(new KpiChange(0.5, true), 0.5)).isTrue();
        assertThat(FidelityBenchmark.crosses(new KpiChange(0.5, true), 0.49)).isFalse();
        assertThat(FidelityBenchmark.crosses(new KpiChange(-0.3, true), -0.31)).isTrue();
        assertThat(FidelityBenchmark.crosses(KpiChange.OFF, 10)).isFalse();
        assertThat(FidelityBenchmark.delta(new KpiChange(0.5, true), 2.0, 3.0)).isEqualTo(0.5);
        assertThat(FidelityBenchmark.delta(new KpiChange(0.02, false), 0.01, 0.04)).isCloseTo(0.03, within(1e-12));
    }

    private static FidelityResult run(
        final NetworkProfile network, final List<ShadowBudget> budgets, final double flowsPerSecond)
    {
        final FidelityBenchmark benchmark = new FidelityBenchmark(new FidelityBenchmark.Options(budgets, 1,
            flowsPerSecond,
            2 * SECOND_NS, 6 * SECOND_NS, ForecasterConfig.Thresholds.DEFAULT), new PrintWriter(new StringWriter()));
        return benchmark.run(network, "example", "test");
    }

    private static FidelityRow row(final FidelityResult.Budget budget, final String changeId)
    {
        return budget.rows().stream().filter(row -> row.changeId().equals(changeId)).findFirst().orElseThrow();
    }
}
