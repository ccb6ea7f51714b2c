package io.netshadow.controlplane.orchestrator;

/**
 * How taking a change back went on one device.
 *
 * @param live   true for a live device, false for a shadow copy.
 * @param state  unchanged, restored, or unresolved.
 * @param detail one line for the history and the operator.
 */
record RollbackResult(boolean live, State state, String detail)
{
    /**
     * Where the device ended.
     */
    enum State
    {
        /** The edit was never sent: the device was never changed. */
        UNCHANGED,
        /** The device runs its configuration from before the change again. */
        RESTORED,
        /** The device could not be reached or refused; it may still run the change. */
        UNRESOLVED
    }
}
