package io.netshadow.controlplane.orchestrator;

import java.io.Serial;

/**
 * Stands for the appliance dying at a point of a change: an {@link Error}, which the orchestrator does not catch,
 * so nothing after it is sent or recorded.
 */
public final class SimulatedCrash extends Error
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the crash.
     *
     * @param where where it happened.
     */
    public SimulatedCrash(final String where)
    {
        super("simulated crash: " + where);
    }
}
