package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.SuiteKpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The live KPIs a baseline judges in a scenario, each with its threshold, and the last pre-change values of each:
 * the KPIs whose {@code live.*} series has a threshold in the scenario.
 */
final class LiveMetrics
{
    private final SuiteKpi[] kpis;
    private final KpiThreshold[] thresholds;
    private final double[][] preChange;
    private final int windowIntervals;
    private int preChangeCount;

    /**
     * The live metrics of a scenario, keeping up to {@code windowIntervals} pre-change values of each.
     */
    LiveMetrics(final Scenario scenario, final int windowIntervals)
    {
        final List<SuiteKpi> judged = new ArrayList<>();
        final List<KpiThreshold> judgedThresholds = new ArrayList<>();
        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            final KpiThreshold threshold = SuiteEvaluation.liveThreshold(scenario, kpi);
            if (null != threshold)
            {
                judged.add(kpi);
                judgedThresholds.add(threshold);
            }
        }
        this.kpis = judged.toArray(new SuiteKpi[0]);
        this.thresholds = judgedThresholds.toArray(new KpiThreshold[0]);
        this.windowIntervals = windowIntervals;
        this.preChange = new double[kpis.length][windowIntervals];
    }

    int count()
    {
        return kpis.length;
    }

    SuiteKpi kpi(final int metric)
    {
        return kpis[metric];
    }

    KpiThreshold threshold(final int metric)
    {
        return thresholds[metric];
    }

    /**
     * Keeps a pre-change interval's live values, dropping the oldest once the window is full.
     */
    void addPreChange(final double[] live)
    {
        final int slot = preChangeCount % windowIntervals;
        for (int metric = 0; metric < kpis.length; metric++)
        {
            preChange[metric][slot] = live[kpis[metric].ordinal()];
        }
        preChangeCount++;
    }

    /**
     * How many pre-change values are kept, at most the window.
     */
    int preChangeKept()
    {
        return Math.min(preChangeCount, windowIntervals);
    }

    /**
     * The mean of the kept pre-change values of a metric.
     */
    double preChangeMean(final int metric)
    {
        final int kept = preChangeKept();
        double sum = 0;
        for (int i = 0; i < kept; i++)
        {
            sum += preChange[metric][i];
        }
        return sum / kept;
    }

    /**
     * The last {@code length} pre-change values of a metric, oldest first, into {@code into}.
     */
    void lastPreChange(final int metric, final int length, final double[] into)
    {
        for (int i = 0; i < length; i++)
        {
            final int sequence = preChangeCount - length + i;
            into[i] = preChange[metric][sequence % windowIntervals];
        }
    }
}
