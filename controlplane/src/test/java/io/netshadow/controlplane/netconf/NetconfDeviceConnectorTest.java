package io.netshadow.controlplane.netconf;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.netconf.agent.AgentCredentials;
import io.netshadow.controlplane.netconf.agent.AgentEndpoint;
import io.netshadow.controlplane.netconf.agent.AgentFleet;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.controlplane.orchestrator.DeviceException;
import io.netshadow.controlplane.profile.ManagementAddress;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileException;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FateListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NetconfDeviceConnectorTest
{
    private static final String PASSWORD = "connector-test-password";
    private static final List<String> SERVED = List.of("core1", "dist1");
    @TempDir
    Path dir;

    private EmulatedFabric fabric;
    private AgentFleet fleet;
    private NetconfClient client;
    private NetconfDeviceConnector connector;

    @BeforeEach
    void startAgents() throws IOException, ProfileException
    {
        final NetworkProfile example = EmbeddedDefaults.profile(null);
        fabric = new EmulatedFabric(example.topology(), 1.0, FateListener.IGNORE, null);
        fleet = AgentFleet.start(fabric, SERVED, dir.resolve("host-keys"), AgentCredentials.password("ops", PASSWORD),
            (device, running, change) ->
            {
            });
        fleet.writeKnownHosts(dir.resolve("known_hosts"));
        client = new NetconfClient();
        connector = NetconfDeviceConnector.forProfile(client, behindAgents(example),
            NetconfCredentials.password("ops", PASSWORD), HostKeyPolicy.strict(dir.resolve("known_hosts")),
            Duration.ofSeconds(10));
    }

    @AfterEach
    void stopAgents()
    {
        client.close();
        fleet.close();
        fabric.close();
    }

    @Test
    void reachesEachDeviceAtItsManagementAddressWithTheGivenLogin() throws DeviceException
    {
        for (final String device : SERVED)
        {
            final DeviceDriver driver = connector.connect(device);
            try
            {
                assertThat(driver.deviceName()).isEqualTo(device);
                assertThat(driver.running()).isEqualTo(fleet.agent(device).running());
                assertThat(driver.capabilities().confirmedCommit()).isTrue();
            }
            finally
            {
                connector.release(driver);
            }
        }
    }

    @Test
    void refusesADeviceTheProfileDoesNotHaveNamingIt()
    {
        assertThatExceptionOfType(DeviceException.class)
            .isThrownBy(() -> connector.connect("core9"))
            .withMessage("core9: no device of that name in the network profile");
    }

    private NetworkProfile behindAgents(final NetworkProfile example)
    {
        final List<NetworkProfile.Device> devices = example.devices().stream()
            .map(device ->
            {
                if (!SERVED.contains(device.name()))
                {
                    return device;
                }
                final AgentEndpoint agent = fleet.endpoint(device.name());
                return new NetworkProfile.Device(device.name(), device.role(),
                    new ManagementAddress(agent.host(), agent.port()), device.trafficWeight(), device.criticality(),
                    device.hostSubnets());
            })
            .toList();
        return new NetworkProfile(devices, example.links(), example.mirrorSessions());
    }
}
