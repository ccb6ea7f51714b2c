package io.netshadow.controlplane.report;

import io.netshadow.controlplane.history.HistoryJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistoryTrendsTest
{
    @TempDir
    Path dir;

    @Test
    void ranksDevicesRolesAndKindsByHowOftenTheirChangesFail()
    {
        final HistoryTrends trends = trends();

        assertThat(trends.changeCount()).isEqualTo(10);
        assertThat(trends.byDevice()).containsExactly(
            new HistoryTrends.FailureRow("core2", 2, 1, 0, 0),
            new HistoryTrends.FailureRow("dist1", 2, 0, 1, 1),
            new HistoryTrends.FailureRow("core1", 6, 0, 0, 0));
        assertThat(trends.byRole()).containsExactly(
            new HistoryTrends.FailureRow("DISTRIBUTION", 2, 0, 1, 1),
            new HistoryTrends.FailureRow("CORE", 8, 1, 0, 0));
        assertThat(trends.byKind()).containsExactly(
            new HistoryTrends.FailureRow("bgp", 2, 0, 1, 1),
            new HistoryTrends.FailureRow("interfaces", 5, 1, 0, 0),
            new HistoryTrends.FailureRow("acls", 3, 0, 0, 0));
        assertThat(trends.byRole().getFirst().failureRate()).isEqualTo(0.5);
    }

    @Test
    void countsVerdictsLaterContradictedPerWeekAndPerMonth()
    {
        final HistoryTrends trends = trends();

        assertThat(trends.accuracy(false)).containsExactly(
            new HistoryTrends.AccuracyRow("2026-W45", 2, 1),
            new HistoryTrends.AccuracyRow("2026-W46", 7, 2));
        assertThat(trends.accuracy(true)).containsExactly(new HistoryTrends.AccuracyRow("2026-11", 9, 3));
        assertThat(trends.accuracy(false).getFirst().accuracy()).isEqualTo(0.5);
    }

    @Test
    void gathersResidualRatiosOfCommittedChangesPerSeriesAndRole()
    {
        final Map<String, Map<String, List<Double>>> residuals = trends().intervalResiduals();

        assertThat(residuals).containsOnlyKeys("shadow.loss_ratio");
        assertThat(residuals.get("shadow.loss_ratio")).containsOnlyKeys("CORE");
        assertThat(residuals.get("shadow.loss_ratio").get("CORE")).hasSize(7)
            .satisfiesExactlyInAnyOrder(
                ratio -> assertThat(ratio).isCloseTo(0.5, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(2.0, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(0.5, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(0.0, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(0.2, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(0.2, within(1e-9)),
                ratio -> assertThat(ratio).isCloseTo(0.2, within(1e-9)));
    }

    @Test
    void baseIdDropsATrailingRunCounterOnly()
    {
        assertThat(HistoryTrends.baseId("shut-eth1.2")).isEqualTo("shut-eth1");
        assertThat(HistoryTrends.baseId("shut-eth1")).isEqualTo("shut-eth1");
        assertThat(HistoryTrends.baseId("mtu-3")).isEqualTo("mtu");
        assertThat(HistoryTrends.baseId("42")).isEqualTo("42");
    }

    @Test
    void reportsTablesAndAnHtmlPage()
    {
        final TrendsReport report = new TrendsReport(trends(), false);

        assertThat(report.text()).contains(
            "10 change(s) in the history",
            "DISTRIBUTION                    2            0       1        1         50.0%",
            "2026-W46",
            "shadow.loss_ratio            CORE                  7            2.00");
        assertThat(report.html()).startsWith("<!DOCTYPE html>").contains("<svg", "Verdict accuracy per week");
    }

    private HistoryTrends trends()
    {
        try (HistoryJournal history = HistoryJournal.open(dir.resolve("history")))
        {
            TrendsHistory.write(history);
            return HistoryTrends.of(history.query(HistoryTrends.query()), TrendsHistory.roles());
        }
    }
}
