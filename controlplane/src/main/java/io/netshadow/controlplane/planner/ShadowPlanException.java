package io.netshadow.controlplane.planner;

import java.io.Serial;

/**
 * A shadow plan that cannot be made, such as a budget too small to hold one device of every role.
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
