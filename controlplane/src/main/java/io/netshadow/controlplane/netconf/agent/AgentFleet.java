package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.ShadowFabric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The devices of a {@link ShadowFabric} made NETCONF devices: one {@link NetconfAgent} per device, each on its own
 * loopback port with its own host key, whose running configuration is the fabric's configuration of that device.
 * Every change of an agent's running configuration is applied to the fabric with
 * {@link ShadowFabric#applyConfig}, so a commit changes how the emulated device forwards. The agents share one
 * I/O pool and one timer.
 * <p>
 * Once its agents run, the fleet is the writer of its devices' configurations: a change made to the fabric
 * directly is not seen by the agents' datastores.
 */
public final class AgentFleet implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AgentFleet.class);
    private static final int MAX_IO_THREADS = 4;
    private static final String HOST_KEY_SUFFIX = ".hostkey";

    private final AgentIo io;
    private final Map<String, NetconfAgent> agents;

    private AgentFleet(final AgentIo io, final Map<String, NetconfAgent> agents)
    {
        this.io = io;
        this.agents = Collections.unmodifiableMap(agents);
    }

    /**
     * Starts an agent for every device of a fabric.
     *
     * @param fabric           the fabric whose devices the agents serve.
     * @param hostKeyDirectory where each device's host key is kept, as {@code <device>.hostkey}.
     * @param credentials      the login of every agent.
     * @return the running fleet.
     * @throws IOException when a host key cannot be read or written or a port cannot be bound.
     */
    public static AgentFleet start(
        final ShadowFabric fabric, final Path hostKeyDirectory, final AgentCredentials credentials)
        throws IOException
    {
        final List<String> names = new ArrayList<>();
        for (final FabricTopology.Device device : fabric.topology().devices())
        {
            names.add(device.name());
        }
        return start(fabric, names, hostKeyDirectory, credentials, (deviceName, running, change) ->
        {
        });
    }

    /**
     * Starts an agent for each named device of a fabric.
     *
     * @param fabric           the fabric whose devices the agents serve.
     * @param deviceNames      the devices, as named in the fabric's topology.
     * @param hostKeyDirectory where each device's host key is kept, as {@code <device>.hostkey}.
     * @param credentials      the login of every agent.
     * @param listener         told of every change of a device's running configuration, after the fabric took it.
     * @return the running fleet.
     * @throws IOException              when a host key cannot be read or written or a port cannot be bound.
     * @throws IllegalArgumentException when the fabric has no device of one of the names.
     */
    public static AgentFleet start(
        final ShadowFabric fabric,
        final Collection<String> deviceNames,
        final Path hostKeyDirectory,
        final AgentCredentials credentials,
        final DeviceChangeListener listener) throws IOException
    {
        final AgentIo io = AgentIo.create(Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_IO_THREADS));
        final Map<String, NetconfAgent> agents = new LinkedHashMap<>();
        try
        {
            for (final String deviceName : new LinkedHashSet<>(deviceNames))
            {
                final int deviceIndex = fabric.topology().deviceIndex(deviceName);
                if (deviceIndex < 0)
                {
                    throw new IllegalArgumentException("the fabric has no device " + deviceName);
                }
                final AgentSettings settings = new AgentSettings(
                    deviceName, 0, hostKeyDirectory.resolve(fileName(deviceName) + HOST_KEY_SUFFIX), credentials);
                final RunningConfigListener toFabric = (running, change) ->
                {
                    fabric.applyConfig(deviceIndex, running);
                    listener.runningChanged(deviceName, running, change);
                };
                agents.put(deviceName, NetconfAgent.start(settings, fabric.config(deviceIndex), toFabric, io));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            closeAll(agents.values());
            io.close();
            throw ex;
        }
        LOG.info("NETCONF agents for {} devices listen on {}", agents.size(), NetconfAgent.LOOPBACK);
        return new AgentFleet(io, agents);
    }

    /**
     * How to reach every agent.
     *
     * @return one endpoint per device, in the order the devices were given.
     */
    public List<AgentEndpoint> endpoints()
    {
        final List<AgentEndpoint> endpoints = new ArrayList<>(agents.size());
        for (final NetconfAgent agent : agents.values())
        {
            endpoints.add(agent.endpoint());
        }
        return endpoints;
    }

    /**
     * How to reach one device's agent.
     *
     * @param deviceName the device.
     * @return its endpoint.
     * @throws IllegalArgumentException when the fleet serves no such device.
     */
    public AgentEndpoint endpoint(final String deviceName)
    {
        return agent(deviceName).endpoint();
    }

    /**
     * One device's agent.
     *
     * @param deviceName the device.
     * @return its agent.
     * @throws IllegalArgumentException when the fleet serves no such device.
     */
    public NetconfAgent agent(final String deviceName)
    {
        final NetconfAgent agent = agents.get(deviceName);
        if (null == agent)
        {
            throw new IllegalArgumentException("no NETCONF agent serves device " + deviceName);
        }
        return agent;
    }

    /**
     * The known_hosts lines of every agent, one a line, for a client that verifies host keys.
     *
     * @return the file's content.
     */
    public String knownHosts()
    {
        final StringBuilder lines = new StringBuilder();
        for (final NetconfAgent agent : agents.values())
        {
            lines.append(agent.endpoint().knownHostsLine()).append('\n');
        }
        return lines.toString();
    }

    /**
     * Writes {@link #knownHosts()} to a file, replacing it.
     *
     * @param file the known_hosts file.
     * @throws IOException when it cannot be written.
     */
    public void writeKnownHosts(final Path file) throws IOException
    {
        Files.writeString(file, knownHosts(), StandardCharsets.UTF_8);
    }

    /**
     * Stops every agent, then the shared threads.
     */
    @Override
    public void close()
    {
        closeAll(agents.values());
        io.close();
    }

    private static void closeAll(final Collection<NetconfAgent> agents)
    {
        for (final NetconfAgent agent : agents)
        {
            agent.close();
        }
    }

    private static String fileName(final String deviceName)
    {
        return deviceName.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
