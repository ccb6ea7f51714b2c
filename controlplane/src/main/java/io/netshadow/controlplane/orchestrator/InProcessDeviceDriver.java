package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.dataplane.fabric.ShadowFabric;

/**
 * Drives a device emulated inside a {@link ShadowFabric} of this process: edits become the device's configuration
 * at once, as on a device without a candidate datastore.
 */
public final class InProcessDeviceDriver implements DeviceDriver
{
    private final ShadowFabric fabric;
    private final int deviceIndex;
    private final String deviceName;

    /**
     * Drives one device of a fabric.
     *
     * @param fabric     the fabric the device lives in.
     * @param deviceName the device's name in the fabric's topology.
     * @throws IllegalArgumentException when the fabric has no such device.
     */
    public InProcessDeviceDriver(final ShadowFabric fabric, final String deviceName)
    {
        this.fabric = fabric;
        this.deviceName = deviceName;
        this.deviceIndex = fabric.topology().deviceIndex(deviceName);
        if (deviceIndex < 0)
        {
            throw new IllegalArgumentException("fabric has no device " + deviceName);
        }
    }

    @Override
    public String deviceName()
    {
        return deviceName;
    }

    @Override
    public DeviceConfig running()
    {
        return fabric.config(deviceIndex);
    }

    @Override
    public void apply(final String editXml) throws DeviceException
    {
        try
        {
            fabric.applyConfig(deviceIndex, DeviceConfigXml.applyEdit(fabric.config(deviceIndex), editXml));
        }
        catch (final DeviceConfigException ex)
        {
            throw new DeviceException(deviceName + ": edit refused: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void confirm()
    {
    }

    @Override
    public void restore(final DeviceConfig saved)
    {
        fabric.applyConfig(deviceIndex, saved);
    }
}
