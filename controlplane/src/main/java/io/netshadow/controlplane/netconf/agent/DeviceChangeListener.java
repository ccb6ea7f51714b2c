package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;

/**
 * Observes the running configuration changes of every agent of an {@link AgentFleet}, after the fleet applied them
 * to its fabric: for example to report that a device reverted by itself because a confirm window closed.
 */
@FunctionalInterface
public interface DeviceChangeListener
{
    /**
     * A device's running configuration changed and the fabric forwards with it.
     *
     * @param deviceName the device, as named in the fabric's topology.
     * @param running    the configuration now in force.
     * @param change     what changed it.
     */
    void runningChanged(String deviceName, DeviceConfig running, RunningChange change);
}
