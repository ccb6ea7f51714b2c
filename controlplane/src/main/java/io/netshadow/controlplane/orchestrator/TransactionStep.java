package io.netshadow.controlplane.orchestrator;

/**
 * One step of a device's change transaction, as recorded in the history and shown in a plan: what the orchestrator
 * sends to the device, in NETCONF's words.
 */
public enum TransactionStep
{
    /** Open a session and read the device's capabilities (hello). */
    CONNECT("connect and read the capabilities"),
    /** {@code <lock>} the datastore edits go to. */
    LOCK("lock"),
    /** {@code <get-config>} of running, kept for the rollback. */
    SAVE_RUNNING("get-config running, saved for the rollback"),
    /** {@code <edit-config>} with the change's edit. */
    EDIT("edit-config"),
    /** {@code <validate>} the candidate. */
    VALIDATE("validate candidate"),
    /** {@code <commit><confirmed/>} with a timeout and a persist-id. */
    COMMIT_CONFIRMED("commit confirmed"),
    /** {@code <commit>} of the candidate. */
    COMMIT("commit"),
    /** {@code <commit>} with the persist-id: the confirming commit. */
    CONFIRM("commit with persist-id (confirm)"),
    /** {@code <cancel-commit>} with the persist-id. */
    CANCEL_COMMIT("cancel-commit with persist-id"),
    /** {@code <discard-changes>} of the candidate. */
    DISCARD_CHANGES("discard-changes"),
    /** Replace the configuration with the one saved before the change, and commit it. */
    RESTORE("restore the saved running configuration"),
    /** {@code <unlock>}. */
    UNLOCK("unlock");

    private final String description;

    TransactionStep(final String description)
    {
        this.description = description;
    }

    /**
     * The step in words, as a plan prints it.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }
}
