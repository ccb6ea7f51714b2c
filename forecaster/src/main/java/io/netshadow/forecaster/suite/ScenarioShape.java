package io.netshadow.forecaster.suite;

/**
 * What a change does to the network in a scenario: the ground truth a decision is judged against.
 */
public enum ScenarioShape
{
    /** The change has no effect on any KPI. */
    NO_EFFECT(false),
    /** The change improves a KPI a little. */
    SMALL_IMPROVEMENT(false),
    /** The traffic mix shifts at the change (more or fewer flows) with no harm: rate moves, quality does not. */
    BENIGN_TRAFFIC_SHIFT(false),
    /** A KPI steps past its threshold at the change and stays there. */
    STEP(true),
    /** A KPI ramps past its threshold over many intervals, as a queue that fills. */
    RAMP(true),
    /** Loss comes and goes in bursts after the change. */
    INTERMITTENT_LOSS(true),
    /** The latency tail (p99) rises while the median stays. */
    TAIL_LATENCY(true),
    /** The variance of a KPI rises while its mean stays. */
    VARIANCE_RISE(true),
    /** The harm begins some intervals after the change. */
    DELAYED_ONSET(true),
    /** Only one traffic class is harmed, so the aggregate KPIs move by a fraction of the class's harm. */
    ONE_CLASS(true);

    private final boolean harmful;

    ScenarioShape(final boolean harmful)
    {
        this.harmful = harmful;
    }

    /**
     * Whether a change of this shape should be rolled back.
     *
     * @return true for the harmful shapes.
     */
    public boolean harmful()
    {
        return harmful;
    }
}
