package io.netshadow.controlplane.netconf;

import io.netshadow.controlplane.orchestrator.DeviceConnector;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.controlplane.orchestrator.DeviceException;
import io.netshadow.controlplane.profile.ManagementAddress;
import io.netshadow.controlplane.profile.NetworkProfile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reaches the live devices of a network profile over NETCONF: each {@link #connect} is a new
 * {@link NetconfDeviceDriver} for the device's {@code management} address, logged in with one set of credentials
 * and checked against one host-key policy, and {@link #release} closes its session.
 */
public final class NetconfDeviceConnector implements DeviceConnector
{
    private final NetconfClient client;
    private final Map<String, NetconfEndpoint> endpoints;

    private NetconfDeviceConnector(final NetconfClient client, final Map<String, NetconfEndpoint> endpoints)
    {
        this.client = client;
        this.endpoints = Map.copyOf(endpoints);
    }

    /**
     * A connector for every device of a profile, at its management address.
     *
     * @param client        the client that opens the sessions; it outlives the connector.
     * @param profile       the live network.
     * @param credentials   the login of every device.
     * @param hostKeyPolicy how every device's host key is checked.
     * @param timeout       longest wait for connecting, logging in, the hello and each RPC reply.
     * @return the connector.
     */
    public static NetconfDeviceConnector forProfile(
        final NetconfClient client,
        final NetworkProfile profile,
        final NetconfCredentials credentials,
        final HostKeyPolicy hostKeyPolicy,
        final Duration timeout)
    {
        final Map<String, NetconfEndpoint> endpoints = new LinkedHashMap<>();
        for (final NetworkProfile.Device device : profile.devices())
        {
            final ManagementAddress management = device.management();
            endpoints.put(device.name(), NetconfEndpoint.of(
                device.name(), management.host(), management.port(), credentials, hostKeyPolicy)
                .withTimeout(timeout));
        }
        return new NetconfDeviceConnector(client, endpoints);
    }

    /**
     * A driver for a device of the profile; its session opens on first use.
     *
     * @param device the device name, as in the network profile.
     * @return the driver.
     * @throws DeviceException when the profile has no such device.
     */
    @Override
    public DeviceDriver connect(final String device) throws DeviceException
    {
        final NetconfEndpoint endpoint = endpoints.get(device);
        if (null == endpoint)
        {
            throw new DeviceException(device + ": no device of that name in the network profile", null);
        }
        return new NetconfDeviceDriver(client, endpoint);
    }
}
