package io.netshadow.controlplane.planner;

import java.io.Serial;

/**
 * A shadow plan that cannot be made: a budget too small for any flow to have its whole path in the shadow, or a
 * network that is not connected.
 */
public final class ShadowPlanException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why no plan can be made.
     */
    public ShadowPlanException(final String message)
    {
        super(message);
    }
}
