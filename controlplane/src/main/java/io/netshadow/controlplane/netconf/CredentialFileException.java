package io.netshadow.controlplane.netconf;

import java.io.Serial;

/**
 * A NETCONF login file (password, private key or passphrase) is missing, unreadable, open to group or others, or
 * empty; the message names the file, the problem and the fix.
 */
public final class CredentialFileException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the file, the problem and the fix.
     */
    public CredentialFileException(final String message)
    {
        super(message);
    }
}
