package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;

import java.util.Arrays;

/**
 * A canary judge in the manner of Kayenta's NetflixACAJudge. The live series after the change is the canary and the
 * same number of live intervals just before the change is the baseline. Every {@code analysisIntervals} post-change
 * intervals each live KPI with a threshold is compared (see {@link CanaryComparison}: Tukey fences at 1.5 IQR,
 * two-sided Mann-Whitney U at 98 % confidence, tolerance 0.25 of the baseline median in the worse direction); the
 * score is the share of KPIs that pass, times 100.
 * <p>
 * A score below the marginal threshold (75) at any analysis rolls back at once. At the end of the canary
 * ({@code canaryIntervals}, 60 by default) the change is kept when the score reaches the pass threshold (95) and
 * rolled back otherwise, as Spinnaker's canary stage fails a final score below its pass threshold. Between analyses,
 * and at an analysis scoring from 75 to below 95 before the end, the judge waits.
 */
public final class KayentaMethod implements DecisionMethod
{
    /** The method's name in tables and files. */
    public static final String NAME = "kayenta";

    private final int analysisIntervals;
    private final int canaryIntervals;
    private final double marginalScore;
    private final double passScore;
    private final CanaryComparison comparison;

    /**
     * The method with Kayenta's usual parameters: analysis every 10 intervals, a 60-interval canary, marginal 75,
     * pass 95, 1.5 IQR fences, 98 % confidence, tolerance 0.25.
     */
    public KayentaMethod()
    {
        this(10, 60, 75.0, 95.0, new CanaryComparison(1.5, 0.98, 0.25));
    }

    /**
     * The method with chosen parameters.
     *
     * @param analysisIntervals post-change intervals between analyses.
     * @param canaryIntervals   post-change intervals of the whole canary; its last analysis decides.
     * @param marginalScore     a score below this at any analysis rolls back.
     * @param passScore         the score the last analysis needs to keep the change.
     * @param comparison        how one metric's canary is compared with its baseline.
     */
    public KayentaMethod(
        final int analysisIntervals,
        final int canaryIntervals,
        final double marginalScore,
        final double passScore,
        final CanaryComparison comparison)
    {
        if (analysisIntervals < 1 || canaryIntervals < analysisIntervals || marginalScore > passScore)
        {
            throw new IllegalArgumentException("need 1 <= analysis interval <= canary length and marginal <= pass: " +
                analysisIntervals + ", " + canaryIntervals + ", " + marginalScore + ", " + passScore);
        }
        this.analysisIntervals = analysisIntervals;
        this.canaryIntervals = canaryIntervals;
        this.marginalScore = marginalScore;
        this.passScore = passScore;
        this.comparison = comparison;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public ScenarioJudge start(final Scenario scenario)
    {
        return new Judge(scenario.changeIndex(), new LiveMetrics(scenario, canaryIntervals));
    }

    private final class Judge implements ScenarioJudge
    {
        private final int changeIndex;
        private final LiveMetrics metrics;
        private final double[][] canary;
        private int canaryCount;

        Judge(final int changeIndex, final LiveMetrics metrics)
        {
            this.changeIndex = changeIndex;
            this.metrics = metrics;
            this.canary = new double[metrics.count()][canaryIntervals];
        }

        @Override
        public Decision onInterval(final int interval, final double[] live, final double[] shadow)
        {
            if (interval < changeIndex)
            {
                metrics.addPreChange(live);
                return Decision.PENDING;
            }
            for (int metric = 0; metric < metrics.count(); metric++)
            {
                canary[metric][canaryCount] = live[metrics.kpi(metric).ordinal()];
            }
            canaryCount++;
            final boolean last = canaryCount == canaryIntervals;
            if (!last && 0 != canaryCount % analysisIntervals)
            {
                return Decision.PENDING;
            }
            return analyse(last);
        }

        private Decision analyse(final boolean last)
        {
            final int baselineLength = Math.min(canaryCount, metrics.preChangeKept());
            final double[] baseline = new double[baselineLength];
            int passed = 0;
            int worst = -1;
            CanaryComparison.Result worstResult = null;
            for (int metric = 0; metric < metrics.count(); metric++)
            {
                metrics.lastPreChange(metric, baselineLength, baseline);
                final double[] samples = Arrays.copyOf(canary[metric], canaryCount);
                final CanaryComparison.Result result =
                    comparison.compare(baseline, samples, metrics.kpi(metric).direction());
                if (!result.failed())
                {
                    passed++;
                }
                else if (null == worstResult || result.pValue() < worstResult.pValue())
                {
                    worst = metric;
                    worstResult = result;
                }
            }
            final double score = 0 == metrics.count() ? 100.0 : 100.0 * passed / metrics.count();
            if (score < marginalScore || (last && score < passScore))
            {
                return rollBack(worst, worstResult);
            }
            return last ? Decision.keep() : Decision.PENDING;
        }

        private Decision rollBack(final int metric, final CanaryComparison.Result result)
        {
            final double allowed = comparison.tolerance() * metrics.kpi(metric).direction().worsening(1.0, 0.0);
            return new Decision(Decision.Kind.ROLL_BACK, metrics.threshold(metric).series(), result.location(),
                Double.NaN, Double.NaN, result.baselineMedian() * (1.0 + allowed));
        }
    }
}
