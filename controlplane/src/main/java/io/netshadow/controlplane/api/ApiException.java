package io.netshadow.controlplane.api;

import java.io.Serial;

/**
 * The daemon's API refused a request or could not be reached; the message says why in the daemon's words.
 */
public final class ApiException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /** The status of an API that could not be reached at all. */
    public static final int UNREACHABLE = 0;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status  the HTTP status, or {@link #UNREACHABLE}.
     * @param message what went wrong.
     */
    public ApiException(final int status, final String message)
    {
        super(message);
        this.status = status;
    }

    /**
     * The HTTP status of the refusal.
     *
     * @return the status, or {@link #UNREACHABLE}.
     */
    public int status()
    {
        return status;
    }
}
