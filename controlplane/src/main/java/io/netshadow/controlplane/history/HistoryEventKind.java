package io.netshadow.controlplane.history;

/**
 * What happened to a change; the kinds after {@link #VERDICT} are its outcomes.
 */
public enum HistoryEventKind
{
    /** The orchestrator began a change. */
    CHANGE_STARTED,
    /** One device took its edit. */
    DEVICE_APPLIED,
    /** One device refused or failed its edit. */
    DEVICE_FAILED,
    /** The forecaster judged the change from the shadow. */
    VERDICT,
    /** The change was confirmed on every device. */
    COMMITTED,
    /** The change was taken back. */
    ROLLED_BACK,
    /** The change was stopped before it finished. */
    ABORTED
}
