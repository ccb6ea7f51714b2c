package io.netshadow.controlplane.orchestrator;

/**
 * The end state of a change on the live network.
 */
public enum ChangeOutcome
{
    /** The verdict allowed the change and it was made permanent. */
    COMMITTED,
    /** The verdict (or its absence) rolled the change back; live runs its previous configuration. */
    ROLLED_BACK,
    /** A device refused the change or could not be reached; every device already changed was restored, unless the
     * result's message says the rollback is incomplete. */
    FAILED,
    /** An operator stopped the change; every device already changed was restored. */
    ABORTED
}
