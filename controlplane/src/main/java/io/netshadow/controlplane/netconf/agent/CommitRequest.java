package io.netshadow.controlplane.netconf.agent;

/**
 * The parameters of a commit (RFC 6241 sections 8.3.4 and 8.4.5).
 *
 * @param confirmed           whether the commit reverts unless confirmed.
 * @param confirmTimeoutSeconds how long a confirmed commit waits for its confirmation.
 * @param persist             the token that lets any session confirm or cancel this confirmed commit, or null.
 * @param persistId           the token of the pending confirmed commit this commit confirms or extends, or null.
 */
record CommitRequest(boolean confirmed, long confirmTimeoutSeconds, String persist, String persistId)
{
    /** The confirm-timeout when a confirmed commit names none (RFC 6241 section 8.4.5.1). */
    static final long DEFAULT_CONFIRM_TIMEOUT_SECONDS = 600;
}
