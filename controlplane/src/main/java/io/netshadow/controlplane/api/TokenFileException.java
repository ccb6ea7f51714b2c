package io.netshadow.controlplane.api;

import java.io.Serial;

/**
 * The API's token file is missing, unreadable, too open or holds no usable token; the message says what to do.
 */
public final class TokenFileException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the file, the problem and the fix.
     */
    public TokenFileException(final String message)
    {
        super(message);
    }
}
