package io.netshadow.controlplane.history;

/**
 * What happened to a change. A change begins with {@link #CHANGE_STARTED} and ends with one outcome
 * ({@link #isOutcome()}); a change without an outcome is in flight, or was left in flight by an appliance that
 * stopped, and is finished by recovery.
 */
public enum HistoryEventKind
{
    /** The orchestrator began a change. */
    CHANGE_STARTED,
    /** The orchestrator reached every device of the change and chose the sequence of steps for each. */
    PLANNED,
    /** A wave of devices began. */
    WAVE_STARTED,
    /** A transaction step is about to be sent to a device: written before it is sent. */
    STEP_INTENT,
    /** A device completed a transaction step. */
    STEP_DONE,
    /** One device took its edit. */
    DEVICE_APPLIED,
    /** One device refused or failed a step, or could not be reached. */
    DEVICE_FAILED,
    /** The forecaster judged a wave of the change from the shadow and live KPIs. */
    VERDICT,
    /** The orchestrator decided to confirm or to roll back the change. */
    DECISION,
    /** An operator asked for the change to be stopped and rolled back. */
    ABORT_REQUESTED,
    /** One device's change was made permanent. */
    DEVICE_CONFIRMED,
    /** One device runs the configuration it had before the change again. */
    DEVICE_RESTORED,
    /** A restarted appliance found the change in flight in its history and is finishing it. */
    RECOVERY_STARTED,
    /** Some live device could not be restored; the change stays in flight until recovery restores it. */
    ROLLBACK_INCOMPLETE,
    /** Outcome: the change was confirmed on every device. */
    COMMITTED,
    /** Outcome: the verdict (or its absence) took the change back; every device runs its previous configuration. */
    ROLLED_BACK,
    /** Outcome: a device failed the change; every device runs its previous configuration. */
    FAILED,
    /** Outcome: an operator stopped the change; every device runs its previous configuration. */
    ABORTED;

    /**
     * Whether this kind ends a change.
     *
     * @return true for {@link #COMMITTED}, {@link #ROLLED_BACK}, {@link #FAILED} and {@link #ABORTED}.
     */
    public boolean isOutcome()
    {
        return this == COMMITTED || this == ROLLED_BACK || this == FAILED || this == ABORTED;
    }

    /**
     * Whether this kind is one of the write-ahead records of a transaction step, which readers usually skip.
     *
     * @return true for {@link #STEP_INTENT} and {@link #STEP_DONE}.
     */
    public boolean isStep()
    {
        return this == STEP_INTENT || this == STEP_DONE;
    }
}
