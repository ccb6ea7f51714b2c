package io.netshadow.controlplane.orchestrator;

import java.util.ArrayList;
import java.util.List;

/**
 * The sequence of steps a device's change takes: the safest one its capabilities allow. A plan names it for every
 * device before anything is sent, with what the device cannot do.
 */
public enum CommitSequence
{
    /**
     * Lock the candidate, save running, edit and validate the candidate, commit it confirmed with a timeout and a
     * persist-id; the verdict confirms it or cancels it, and the device reverts by itself if nobody does. Live
     * devices with {@code :candidate} and {@code :confirmed-commit}.
     */
    CONFIRMED_COMMIT("confirmed commit on the candidate"),
    /**
     * Lock the candidate, save running, edit and validate the candidate, commit it; a rollback restores the saved
     * configuration. Shadow devices, and live devices with {@code :candidate} but without {@code :confirmed-commit}.
     */
    CANDIDATE_COMMIT("commit of the candidate, restore on rollback"),
    /**
     * Lock running, save it, edit running (with rollback-on-error where offered); a rollback restores the saved
     * configuration. Devices without {@code :candidate}.
     */
    RUNNING("edit of running under lock, restore on rollback");

    private final String description;

    CommitSequence(final String description)
    {
        this.description = description;
    }

    /**
     * The safest sequence for a device.
     *
     * @param capabilities what the device offers.
     * @param live         true for a live device, false for a shadow copy (never committed confirmed: it lives and
     *                     dies with the appliance).
     * @return the sequence.
     */
    public static CommitSequence of(final DeviceCapabilities capabilities, final boolean live)
    {
        if (!capabilities.candidate())
        {
            return RUNNING;
        }
        return live && capabilities.confirmedCommit() ? CONFIRMED_COMMIT : CANDIDATE_COMMIT;
    }

    /**
     * The sequence in words.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * Whether the edit goes to a candidate datastore that a commit makes real.
     *
     * @return false for {@link #RUNNING}.
     */
    public boolean usesCandidate()
    {
        return this != RUNNING;
    }

    /**
     * The steps sent to the device until its edit is in force, in order.
     *
     * @param capabilities what the device offers.
     * @return the steps.
     */
    public List<TransactionStep> applySteps(final DeviceCapabilities capabilities)
    {
        final List<TransactionStep> steps = new ArrayList<>(
            List.of(TransactionStep.LOCK, TransactionStep.SAVE_RUNNING, TransactionStep.EDIT));
        if (usesCandidate() && capabilities.validate())
        {
            steps.add(TransactionStep.VALIDATE);
        }
        if (this == CONFIRMED_COMMIT)
        {
            steps.add(TransactionStep.COMMIT_CONFIRMED);
        }
        else if (this == CANDIDATE_COMMIT)
        {
            steps.add(TransactionStep.COMMIT);
        }
        return steps;
    }

    /**
     * What a live device with these capabilities cannot do for the change, one line each, for the plan.
     *
     * @param capabilities what the device offers.
     * @return the limitations; empty for a device that offers everything.
     */
    public List<String> limitations(final DeviceCapabilities capabilities)
    {
        final List<String> notes = new ArrayList<>();
        if (this == RUNNING)
        {
            notes.add("no :candidate: the edit goes straight to running and takes effect at once");
        }
        if (this != CONFIRMED_COMMIT)
        {
            notes.add("no :confirmed-commit: the device does not revert by itself; if the appliance stops " +
                "mid-change, the restarted daemon restores the saved configuration");
        }
        if (usesCandidate() && !capabilities.validate())
        {
            notes.add("no :validate: the device checks the edit only when it is committed");
        }
        if (this == RUNNING && !capabilities.rollbackOnError())
        {
            notes.add("no :rollback-on-error: an edit refused part-way is undone by restoring the saved " +
                "configuration");
        }
        return notes;
    }
}
