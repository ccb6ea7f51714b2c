package io.netshadow.controlplane.orchestrator;

/**
 * What the orchestrator decided to do with a change, recorded before it acts on it.
 */
enum Decision
{
    /** Make the change permanent on every device. */
    CONFIRM,
    /** Take the change back on every device. */
    ROLLBACK
}
