package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;
import org.agrona.concurrent.EpochNanoClock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scripted devices by name, reached through fresh sessions: the live network of a test.
 */
public final class ScriptedNetwork implements DeviceConnector
{
    private final Map<String, ScriptedDevice> devices = new LinkedHashMap<>();

    /**
     * Creates the network.
     *
     * @param clock the clock the devices' confirm timers run on.
     * @param names the devices' names.
     */
    public ScriptedNetwork(final EpochNanoClock clock, final String... names)
    {
        for (final String name : names)
        {
            devices.put(name, new ScriptedDevice(name, clock));
        }
    }

    /**
     * One device.
     *
     * @param name its name.
     * @return the device.
     */
    public ScriptedDevice device(final String name)
    {
        return devices.get(name);
    }

    /**
     * Every device's running configuration.
     *
     * @return name to running configuration.
     */
    public Map<String, DeviceConfig> running()
    {
        final Map<String, DeviceConfig> running = new LinkedHashMap<>();
        devices.forEach((name, device) -> running.put(name, device.running()));
        return running;
    }

    /**
     * Drops every session, as when the appliance's process dies.
     */
    public void dropSessions()
    {
        devices.values().forEach(ScriptedDevice::dropSessions);
    }

    /**
     * A session to every device, kept open: how the shadow's devices are handed to the orchestrator.
     *
     * @return sessions by device name.
     */
    public Map<String, DeviceDriver> openSessions()
    {
        final Map<String, DeviceDriver> sessions = new LinkedHashMap<>();
        devices.forEach((name, device) ->
        {
            try
            {
                sessions.put(name, device.connect());
            }
            catch (final DeviceException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        return sessions;
    }

    @Override
    public DeviceDriver connect(final String device) throws DeviceException
    {
        final ScriptedDevice scripted = devices.get(device);
        if (null == scripted)
        {
            throw new DeviceException(device + ": no such device", null);
        }
        return scripted.connect();
    }
}
