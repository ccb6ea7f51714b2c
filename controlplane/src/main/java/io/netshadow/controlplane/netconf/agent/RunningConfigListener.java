package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;

/**
 * Receives every change of an agent's running configuration, in the order the changes happen; the fabric binding
 * applies each one to its emulated device. Called while the agent's datastores are locked, so it must be quick and
 * must not call back into the agent.
 */
@FunctionalInterface
public interface RunningConfigListener
{
    /**
     * The running configuration changed.
     *
     * @param running the configuration now in force.
     * @param change  what changed it.
     */
    void runningChanged(DeviceConfig running, RunningChange change);
}
