package io.netshadow.controlplane.orchestrator;

import java.util.Map;

/**
 * Opens sessions to devices by name: how the orchestrator reaches live devices (NETCONF over SSH) and how recovery
 * reaches them again after a restart or a lost session.
 */
@FunctionalInterface
public interface DeviceConnector
{
    /**
     * Opens a session to a device.
     *
     * @param device the device name, as in the network profile.
     * @return the session; the caller hands it back with {@link #release(DeviceDriver)}.
     * @throws DeviceException when the device is unknown or cannot be reached.
     */
    DeviceDriver connect(String device) throws DeviceException;

    /**
     * Hands back a session the orchestrator is done with; by default, closes it.
     *
     * @param driver the session.
     */
    default void release(final DeviceDriver driver)
    {
        driver.close();
    }

    /**
     * A connector over sessions opened elsewhere and kept open: {@link #connect} returns the same session for a
     * device every time and {@link #release} leaves it open.
     *
     * @param drivers the sessions, by device name.
     * @return the connector.
     */
    static DeviceConnector of(final Map<String, DeviceDriver> drivers)
    {
        final Map<String, DeviceDriver> sessions = Map.copyOf(drivers);
        return new DeviceConnector()
        {
            @Override
            public DeviceDriver connect(final String device) throws DeviceException
            {
                final DeviceDriver driver = sessions.get(device);
                if (null == driver)
                {
                    throw new DeviceException(device + ": no device of that name", null);
                }
                return driver;
            }

            @Override
            public void release(final DeviceDriver driver)
            {
            }
        };
    }
}
