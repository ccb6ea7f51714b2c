package io.netshadow.forecaster.suite;

import java.util.List;

/**
 * A spike placed before a scenario's change that has nothing to do with the change: a detector may flag it, a
 * decision must not blame the change for it.
 *
 * @param firstInterval the first interval the anomaly covers.
 * @param intervals     how many intervals it lasts.
 * @param kpis          the KPIs it moves.
 * @param onLive        whether the live network shows it.
 * @param onShadow      whether the shadow shows it.
 */
public record UnrelatedAnomaly(int firstInterval, int intervals, List<SuiteKpi> kpis, boolean onLive,
    boolean onShadow)
{
    /**
     * Copies the KPI list.
     *
     * @param firstInterval the first interval the anomaly covers.
     * @param intervals     how many intervals it lasts.
     * @param kpis          the KPIs it moves.
     * @param onLive        whether the live network shows it.
     * @param onShadow      whether the shadow shows it.
     */
    public UnrelatedAnomaly
    {
        kpis = List.copyOf(kpis);
    }

    /**
     * The interval after the anomaly's last.
     *
     * @return {@code firstInterval + intervals}.
     */
    public int endInterval()
    {
        return firstInterval + intervals;
    }
}
