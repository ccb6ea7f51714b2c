package io.netshadow.controlplane.netconf;

import io.netshadow.controlplane.netconf.agent.AgentCredentials;
import io.netshadow.controlplane.netconf.agent.AgentEndpoint;
import io.netshadow.controlplane.netconf.agent.AgentFleet;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.dataplane.fabric.ShadowFabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devices of an emulated fabric made reachable the way real ones are: a NETCONF agent per device on loopback,
 * each with its own port and pinned host key, and a NETCONF driver per device that logs in to it. The shadow and the
 * lab network are changed through these, so a change travels the same path to an emulated device as to a live one.
 */
public final class EmulatedNetconfDevices implements AutoCloseable
{
    private static final String USERNAME = "netshadow";

    private final AgentFleet fleet;
    private final Map<String, DeviceDriver> drivers;

    private EmulatedNetconfDevices(final AgentFleet fleet, final Map<String, DeviceDriver> drivers)
    {
        this.fleet = fleet;
        this.drivers = Collections.unmodifiableMap(drivers);
    }

    /**
     * Starts an agent for each named device of a fabric and a driver for each agent.
     *
     * @param fabric         the fabric whose devices the agents serve.
     * @param devices        the devices to serve, as named in the fabric's topology.
     * @param stateDirectory where host keys and the known-hosts file are kept.
     * @param client         the NETCONF client the drivers open their sessions with.
     * @return the running devices.
     * @throws IOException when a key cannot be written or a port cannot be bound.
     */
    public static EmulatedNetconfDevices start(
        final ShadowFabric fabric, final Collection<String> devices, final Path stateDirectory, final NetconfClient client)
        throws IOException
    {
        Files.createDirectories(stateDirectory);
        final AgentFleet fleet = AgentFleet.start(
            fabric, devices, stateDirectory, AgentCredentials.generated(USERNAME), (device, running, change) ->
            {
            });
        final Path knownHosts = stateDirectory.resolve("known_hosts");
        fleet.writeKnownHosts(knownHosts);
        final Map<String, DeviceDriver> drivers = new LinkedHashMap<>();
        for (final AgentEndpoint endpoint : fleet.endpoints())
        {
            drivers.put(endpoint.deviceName(), new NetconfDeviceDriver(client, NetconfEndpoint.of(
                endpoint.deviceName(), endpoint.host(), endpoint.port(),
                NetconfCredentials.password(endpoint.username(), endpoint.password()),
                HostKeyPolicy.strict(knownHosts))));
        }
        return new EmulatedNetconfDevices(fleet, drivers);
    }

    /**
     * A driver per device, by device name, each speaking NETCONF to the device's agent.
     *
     * @return the drivers.
     */
    public Map<String, DeviceDriver> drivers()
    {
        return drivers;
    }

    /**
     * Where each device's agent listens, for operators and tools such as ncclient.
     *
     * @return the agents.
     */
    public AgentFleet fleet()
    {
        return fleet;
    }

    @Override
    public void close()
    {
        drivers.values().forEach(DeviceDriver::close);
        fleet.close();
    }
}
