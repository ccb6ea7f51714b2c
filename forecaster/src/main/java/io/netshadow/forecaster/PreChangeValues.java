package io.netshadow.forecaster;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The values of a KPI's live and shadow series before a change, paired by interval from their models' histories,
 * each with whether its model found it anomalous.
 */
final class PreChangeValues
{
    static final double ANOMALY_GRADE_LIMIT = 0.5;

    private final TreeMap<Integer, double[]> byInterval = new TreeMap<>();

    /**
     * One interval's values: NaN for a side that did not report it.
     *
     * @param interval        the interval, negative before the change.
     * @param liveValue       the live value.
     * @param liveAnomalous   whether the live value was anomalous.
     * @param shadowValue     the shadow's value.
     * @param shadowAnomalous whether the shadow's value was anomalous.
     */
    record Pair(int interval, double liveValue, boolean liveAnomalous, double shadowValue, boolean shadowAnomalous)
    {
    }

    void add(
        final SeriesModel model,
        final boolean live,
        final long changeStartNs,
        final long intervalNs,
        final boolean deciding)
    {
        if (null == model || !deciding)
        {
            return;
        }
        final SeriesHistory history = model.history();
        final int offset = live ? 0 : 2;
        for (int i = 0; i < history.size(); i++)
        {
            final long timeNs = history.timeNs(i);
            if (timeNs < changeStartNs)
            {
                final int interval = (int)Math.max(Integer.MIN_VALUE + 1,
                    Math.floorDiv(timeNs - changeStartNs, intervalNs));
                final double[] values = byInterval.computeIfAbsent(interval,
                    ignored -> new double[] {Double.NaN, 0.0, Double.NaN, 0.0});
                values[offset] = history.value(i);
                values[offset + 1] = history.anomalyGrade(i);
            }
        }
    }

    List<Pair> inOrder()
    {
        final List<Pair> pairs = new ArrayList<>(byInterval.size());
        byInterval.forEach((interval, values) -> pairs.add(new Pair(interval, values[0],
            values[1] >= ANOMALY_GRADE_LIMIT, values[2], values[3] >= ANOMALY_GRADE_LIMIT)));
        return pairs;
    }
}
