package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;

/**
 * How the orchestrator reaches one device, live or shadow: read its running configuration, apply an edit, make it
 * permanent, or put a saved configuration back. The in-process driver serves emulated devices; NETCONF serves the
 * rest behind the same interface.
 */
public interface DeviceDriver
{
    /**
     * The device this driver reaches.
     *
     * @return the device name as in the network profile.
     */
    String deviceName();

    /**
     * Reads the running configuration.
     *
     * @return the configuration in force.
     * @throws DeviceException when the device cannot be read.
     */
    DeviceConfig running() throws DeviceException;

    /**
     * Applies a YANG-shaped XML edit so that it takes effect, pending {@link #confirm()}.
     *
     * @param editXml the edit-config body.
     * @throws DeviceException when the edit is refused or the device cannot be reached; the device keeps the
     *                         configuration it had.
     */
    void apply(String editXml) throws DeviceException;

    /**
     * Makes the last applied edit permanent.
     *
     * @throws DeviceException when the device cannot be reached.
     */
    void confirm() throws DeviceException;

    /**
     * Puts back a configuration saved with {@link #running()} before the change.
     *
     * @param saved the configuration to restore.
     * @throws DeviceException when the device cannot be reached.
     */
    void restore(DeviceConfig saved) throws DeviceException;
}
