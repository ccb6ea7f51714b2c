package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.Decision;
import io.netshadow.forecaster.suite.Scenario;

/**
 * A way of deciding whether a change stays, judged on the scenario suite: netshadow's forecaster, a static
 * threshold on live KPIs, or a canary judge in the manner of Kayenta's.
 */
public interface DecisionMethod
{
    /**
     * A short name for tables and files, such as {@code netshadow} or {@code kayenta}.
     *
     * @return the name.
     */
    String name();

    /**
     * Starts judging one scenario. The judge sees its intervals one at a time, in order, from the first; it must not
     * read the scenario's arrays, only what it is fed.
     *
     * @param scenario the scenario: its interval length, change index and thresholds.
     * @return a judge for that scenario alone.
     */
    ScenarioJudge start(Scenario scenario);

    /**
     * Judges one scenario, interval by interval.
     */
    interface ScenarioJudge
    {
        /**
         * Takes one interval's KPIs and says what the method decides after it.
         *
         * @param interval the interval's index, from 0.
         * @param live     the live KPIs of the interval, by {@code SuiteKpi} ordinal; valid only during the call.
         * @param shadow   the shadow's KPIs of the interval, likewise.
         * @return the decision; anything but pending before the change's interval is ignored.
         */
        Decision onInterval(int interval, double[] live, double[] shadow);
    }
}
