package io.netshadow.controlplane.orchestrator;

import java.io.Serial;

/**
 * The operator interface refused a request about a change; the message says why in one line.
 */
public final class ChangeRejectedException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * Why a request was refused.
     */
    public enum Reason
    {
        /** Another change is running. */
        BUSY,
        /** A change left unfinished must be finished first. */
        UNFINISHED,
        /** No change of that id is known. */
        NOT_FOUND,
        /** The change has already ended. */
        FINISHED,
        /** The appliance is stopping. */
        STOPPING
    }

    /**
     * Creates the exception.
     *
     * @param reason  why.
     * @param message one line for the operator.
     */
    public ChangeRejectedException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    /**
     * Why the request was refused.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }
}
