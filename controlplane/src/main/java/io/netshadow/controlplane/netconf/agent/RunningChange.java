package io.netshadow.controlplane.netconf.agent;

/**
 * What changed a device's running configuration.
 */
public enum RunningChange
{
    /** An edit-config with running as its target. */
    EDIT,
    /** A copy-config with running as its target. */
    COPY,
    /** A commit of the candidate: plain, or the confirming commit of a confirmed commit. */
    COMMIT,
    /** A confirmed commit of the candidate, which reverts unless confirmed within its timeout. */
    CONFIRMED_COMMIT,
    /** A cancel-commit: the configuration from before the confirmed commit is back. */
    CANCEL,
    /** The confirm window closed unconfirmed: the configuration from before the confirmed commit is back. */
    TIMEOUT,
    /** The session of an unpersisted confirmed commit ended: the configuration from before it is back. */
    SESSION_END
}
