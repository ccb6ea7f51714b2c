package io.netshadow.controlplane.orchestrator;

/**
 * Where a change stands, as the operator interface reports it.
 */
public enum ChangeState
{
    /** Being applied, judged, confirmed or rolled back right now. */
    RUNNING,
    /** Left in flight (by an appliance that stopped, or by a rollback that could not reach a device); aborting it
     * finishes it from its history. */
    UNFINISHED,
    /** Confirmed on every device. */
    COMMITTED,
    /** Taken back after a verdict. */
    ROLLED_BACK,
    /** Failed on a device and taken back. */
    FAILED,
    /** Stopped by an operator and taken back. */
    ABORTED;

    /**
     * The state of a change that ended.
     *
     * @param outcome how it ended.
     * @return the state.
     */
    public static ChangeState of(final ChangeOutcome outcome)
    {
        return switch (outcome)
        {
            case COMMITTED -> COMMITTED;
            case ROLLED_BACK -> ROLLED_BACK;
            case FAILED -> FAILED;
            case ABORTED -> ABORTED;
        };
    }

    /**
     * Whether the change has ended for good.
     *
     * @return false for {@link #RUNNING} and {@link #UNFINISHED}.
     */
    public boolean isFinal()
    {
        return this != RUNNING && this != UNFINISHED;
    }
}
