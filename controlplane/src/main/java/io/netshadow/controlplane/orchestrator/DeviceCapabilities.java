package io.netshadow.controlplane.orchestrator;

/**
 * What a device's configuration interface offers a change transaction, from its NETCONF capabilities: the
 * orchestrator picks the safest sequence these allow and the plan says which it picked.
 *
 * @param candidate        a candidate datastore ({@code :candidate}); without it edits go to running directly.
 * @param confirmedCommit  commits that revert by themselves unless confirmed ({@code :confirmed-commit:1.1}).
 * @param validate         the candidate can be validated before commit ({@code :validate}).
 * @param rollbackOnError  an edit that fails part-way leaves the target as it was ({@code :rollback-on-error}).
 */
public record DeviceCapabilities(boolean candidate, boolean confirmedCommit, boolean validate, boolean rollbackOnError)
{
    /** Everything a transaction can use. */
    public static final DeviceCapabilities FULL = new DeviceCapabilities(true, true, true, true);
}
