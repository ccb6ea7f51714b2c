package io.netshadow.forecaster.suite;

import io.netshadow.forecaster.KpiThreshold;

import java.util.List;
import java.util.Objects;

/**
 * One change with known answer: paired live and shadow KPI series per interval, before and after the change, the
 * thresholds a decision is held to, and the ground truth.
 * <p>
 * {@code live[k][t]} and {@code shadow[k][t]} hold KPI {@code SuiteKpi.values()[k]} in interval {@code t}; the change
 * takes effect at the start of interval {@code changeIndex}. The arrays are the scenario's own; do not change them.
 *
 * @param id          a stable name, such as {@code ramp-0042}.
 * @param seed        the seed the scenario was generated from.
 * @param shape       what the change does.
 * @param heldBack    true when the scenario belongs to the held-back part that tuning never sees.
 * @param intervalNs  the length of one interval.
 * @param changeIndex the first interval after the change.
 * @param harmOnset   the first interval the harm shows on live, or -1 for a harmless change.
 * @param harmedKpis  the KPIs the change harms; empty for a harmless change.
 * @param live        the live network's KPIs, [kpi][interval].
 * @param shadow      the shadow's KPIs, [kpi][interval].
 * @param thresholds  the thresholds per series ({@code live.*} and {@code shadow.*}).
 */
public record Scenario(
    String id,
    long seed,
    ScenarioShape shape,
    boolean heldBack,
    long intervalNs,
    int changeIndex,
    int harmOnset,
    List<SuiteKpi> harmedKpis,
    double[][] live,
    double[][] shadow,
    List<KpiThreshold> thresholds)
{
    /**
     * Checks the shapes of the arrays.
     *
     * @throws IllegalArgumentException when the arrays do not hold every KPI over the same intervals, or the change
     *                                  lies outside them.
     */
    public Scenario
    {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shape, "shape");
        harmedKpis = List.copyOf(harmedKpis);
        thresholds = List.copyOf(thresholds);
        final int kpis = SuiteKpi.values().length;
        if (live.length != kpis || shadow.length != kpis)
        {
            throw new IllegalArgumentException(id + ": live and shadow need " + kpis + " KPI series each");
        }
        final int intervals = live[0].length;
        for (int k = 0; k < kpis; k++)
        {
            if (live[k].length != intervals || shadow[k].length != intervals)
            {
                throw new IllegalArgumentException(id + ": every series needs " + intervals + " intervals");
            }
        }
        if (changeIndex < 1 || changeIndex >= intervals)
        {
            throw new IllegalArgumentException(id + ": change at interval " + changeIndex + " outside 1.." +
                (intervals - 1));
        }
    }

    /**
     * Whether the change should be rolled back.
     *
     * @return the shape's ground truth.
     */
    public boolean harmful()
    {
        return shape.harmful();
    }

    /**
     * Intervals in the scenario, before and after the change.
     *
     * @return the count.
     */
    public int intervals()
    {
        return live[0].length;
    }
}
