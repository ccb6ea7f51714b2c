package io.netshadow.controlplane.netconf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a device's SSH host key is checked: against an OpenSSH known-hosts file. A key the file does not hold is
 * refused unless the policy trusts on first use, in which case it is appended to the file; a key that differs from
 * the one on file, or one marked {@code @revoked}, is always refused.
 *
 * @param knownHostsFile   the known-hosts file; it need not exist yet.
 * @param trustOnFirstUse  whether an unknown key is accepted and recorded.
 */
public record HostKeyPolicy(Path knownHostsFile, boolean trustOnFirstUse)
{
    /**
     * Checks the fields.
     */
    public HostKeyPolicy
    {
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    }

    /**
     * Only keys already in the file are accepted.
     *
     * @param knownHostsFile the known-hosts file.
     * @return the policy.
     */
    public static HostKeyPolicy strict(final Path knownHostsFile)
    {
        return new HostKeyPolicy(knownHostsFile, false);
    }

    /**
     * Keys in the file are checked; a host the file does not know yet is trusted and recorded.
     *
     * @param knownHostsFile the known-hosts file.
     * @return the policy.
     */
    public static HostKeyPolicy trustOnFirstUse(final Path knownHostsFile)
    {
        return new HostKeyPolicy(knownHostsFile, true);
    }
}
