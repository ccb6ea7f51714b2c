package io.netshadow.forecaster.suite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioCsvTest
{
    @Test
    void writesAHeaderThenOneRowPerIntervalSideAndKpi()
    {
        final Scenario scenario = ScenarioSuite.scenario(ScenarioSuite.DEFAULT_SEED, 3);
        final StringBuilder out = new StringBuilder();

        ScenarioCsv.write(scenario, out);

        final List<String> lines = out.toString().lines().toList();
        final int kpis = SuiteKpi.values().length;
        assertEquals(1 + scenario.intervals() * 2 * kpis, lines.size());
        assertEquals("interval,side,kpi,value", lines.getFirst());
        assertEquals("0,live,throughput_bps," + scenario.live()[0][0], lines.get(1));
        assertEquals("0,shadow,loss_ratio," + scenario.shadow()[1][0], lines.get(2 + kpis));
        final int last = scenario.intervals() - 1;
        assertEquals(last + ",shadow,retransmission_ratio," + scenario.shadow()[kpis - 1][last], lines.getLast());
    }
}
