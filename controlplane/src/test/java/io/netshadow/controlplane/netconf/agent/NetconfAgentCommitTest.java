package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CORE;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CREDENTIALS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.EDGE;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.EDGE_INDEX;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.awaitTrue;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.blackholeConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.editCandidate;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.getConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.mtuConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.packet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commits through the fleet's agents reach the emulated fabric: plain, confirmed (with its timer, cancel-commit and
 * persist-id) and reverted when the session of an unpersisted confirmed commit ends.
 */
class NetconfAgentCommitTest
{
    private static final DeviceConfig EDGE_MTU_1400 =
        DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withMtuBytes(1400));

    @TempDir
    Path hostKeys;

    private final AgentFixtures.FateCounter fates = new AgentFixtures.FateCounter();
    private final List<RunningChange> edgeChanges = new CopyOnWriteArrayList<>();
    private EmulatedFabric fabric;
    private AgentFleet fleet;

    @BeforeEach
    void startFleet() throws IOException
    {
        fabric = new EmulatedFabric(AgentFixtures.pair(), 1.0, fates, null);
        fleet = AgentFleet.start(fabric, List.of(EDGE, CORE), hostKeys, CREDENTIALS,
            (deviceName, running, change) ->
            {
                if (EDGE.equals(deviceName))
                {
                    edgeChanges.add(change);
                }
            });
    }

    @AfterEach
    void stopFleet()
    {
        fleet.close();
        fabric.close();
    }

    @Test
    void fleetListsOneEndpointPerDeviceOnItsOwnPort()
    {
        assertThat(fleet.endpoints()).extracting(AgentEndpoint::deviceName).containsExactly(EDGE, CORE);
        assertThat(fleet.endpoints()).extracting(AgentEndpoint::port).doesNotHaveDuplicates();
        assertThat(fleet.endpoints()).extracting(AgentEndpoint::hostKeyFingerprint).doesNotHaveDuplicates();
        assertThat(fleet.endpoint(EDGE).host()).isEqualTo("127.0.0.1");
        assertThat(fleet.knownHosts().lines()).hasSize(2);
    }

    @Test
    void candidateEditReachesTheFabricOnlyWhenCommitted() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            assertThat(client.rpc(editCandidate(mtuConfig("eth1", "1400"))).ok()).isTrue();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
            assertThat(client.rpc(getConfig("running")).dataChildren()).isEmpty();

            assertThat(client.rpc("<commit/>").ok()).isTrue();

            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);
            assertThat(client.rpc(getConfig("running")).text("mtu")).isEqualTo("1400");
            assertThat(edgeChanges).containsExactly(RunningChange.COMMIT);
        }
    }

    @Test
    void committedBlackholeRouteChangesHowTheDeviceForwards() throws IOException
    {
        fabric.inject(packet("10.1.0.5", "10.2.0.9"), EDGE_INDEX, 0, 0);
        fabric.advanceTo(1_000_000_000L);
        assertThat(fates.delivered.get()).isEqualTo(1);

        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            assertThat(client.rpc(editCandidate(blackholeConfig("10.2.0.0/24"))).ok()).isTrue();
            assertThat(client.rpc("<commit/>").ok()).isTrue();
        }
        fabric.inject(packet("10.1.0.5", "10.2.0.9"), EDGE_INDEX, 0, 2_000_000_000L);
        fabric.advanceTo(3_000_000_000L);

        assertThat(fates.noRoute.get()).isEqualTo(1);
        assertThat(fates.delivered.get()).isEqualTo(1);
    }

    @Test
    void confirmedCommitRevertsWhenItsTimeoutPassesUnconfirmed() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));
            assertThat(client.rpc("<commit><confirmed/><confirm-timeout>1</confirm-timeout></commit>").ok()).isTrue();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);

            awaitTrue("edge reverted by the confirm timer",
                () -> DeviceConfig.empty().equals(fabric.config(EDGE_INDEX)));

            assertThat(client.rpc(getConfig("running")).dataChildren()).isEmpty();
            assertThat(client.rpc(getConfig("candidate")).dataChildren()).isEmpty();
            assertThat(fleet.agent(EDGE).confirmedCommitPending()).isFalse();
            assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT, RunningChange.TIMEOUT);
        }
    }

    @Test
    void confirmingCommitKeepsTheChange() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));
            client.rpc("<commit><confirmed/><confirm-timeout>1</confirm-timeout></commit>");
            assertThat(client.rpc("<commit/>").ok()).isTrue();

            assertThat(fleet.agent(EDGE).confirmedCommitPending()).isFalse();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);
            assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT);
        }
    }

    @Test
    void cancelCommitRestoresTheRunningConfigurationAtOnce() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));
            client.rpc("<commit><confirmed/></commit>");
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);

            assertThat(client.rpc("<cancel-commit/>").ok()).isTrue();

            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
            assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT, RunningChange.CANCEL);
        }
    }

    @Test
    void cancelCommitWithoutAConfirmedCommitFails() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            final Reply reply = client.rpc("<cancel-commit/>");

            assertThat(reply.errorTag()).isEqualTo("operation-failed");
            assertThat(reply.errorType()).isEqualTo("protocol");
        }
    }

    @Test
    void persistIdLetsAnotherSessionConfirm() throws IOException
    {
        try (NetconfTestClient first = NetconfTestClient.connect(fleet.endpoint(EDGE));
            NetconfTestClient second = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            first.rpc(editCandidate(mtuConfig("eth1", "1400")));
            first.rpc("<commit><confirmed/><confirm-timeout>600</confirm-timeout>" +
                "<persist>change-42</persist></commit>");

            assertThat(second.rpc("<commit><persist-id>wrong</persist-id></commit>").errorTag())
                .isEqualTo("invalid-value");
            assertThat(second.rpc("<commit/>").errorTag()).isEqualTo("missing-element");
            assertThat(second.rpc("<commit><persist-id>change-42</persist-id></commit>").ok()).isTrue();

            assertThat(fleet.agent(EDGE).confirmedCommitPending()).isFalse();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);
        }
    }

    @Test
    void persistIdLetsAnotherSessionCancelAfterTheFirstEnded() throws IOException
    {
        try (NetconfTestClient first = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            first.rpc(editCandidate(mtuConfig("eth1", "1400")));
            first.rpc("<commit><confirmed/><persist>change-43</persist></commit>");
            first.rpc("<close-session/>");
        }
        awaitTrue("the first session ended", () -> 0 == fleet.agent(EDGE).sessionCount());
        assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);

        try (NetconfTestClient second = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            assertThat(second.rpc("<cancel-commit><persist-id>change-43</persist-id></cancel-commit>").ok()).isTrue();
        }

        assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
        assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT, RunningChange.CANCEL);
    }

    @Test
    void unpersistedConfirmedCommitIsCancelledWhenItsSessionEnds() throws IOException
    {
        try (NetconfTestClient first = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            first.rpc(editCandidate(mtuConfig("eth1", "1400")));
            first.rpc("<commit><confirmed/></commit>");
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);
        }

        awaitTrue("edge reverted when the session ended", () -> DeviceConfig.empty().equals(fabric.config(EDGE_INDEX)));
        assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT, RunningChange.SESSION_END);
    }

    @Test
    void onlyTheSessionOfAnUnpersistedConfirmedCommitMayConfirmIt() throws IOException
    {
        try (NetconfTestClient first = NetconfTestClient.connect(fleet.endpoint(EDGE));
            NetconfTestClient second = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            first.rpc(editCandidate(mtuConfig("eth1", "1400")));
            first.rpc("<commit><confirmed/></commit>");

            final Reply refused = second.rpc("<commit/>");

            assertThat(refused.errorTag()).isEqualTo("in-use");
            assertThat(refused.text("session-id")).isEqualTo(Integer.toString(first.sessionId()));
            assertThat(second.rpc("<cancel-commit/>").errorTag()).isEqualTo("in-use");
            assertThat(fleet.agent(EDGE).confirmedCommitPending()).isTrue();
        }
    }

    @Test
    void discardChangesResetsTheCandidateToRunning() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));

            assertThat(client.rpc("<discard-changes/>").ok()).isTrue();

            assertThat(client.rpc(getConfig("candidate")).dataChildren()).isEmpty();
            assertThat(fleet.agent(EDGE).candidate()).isEqualTo(DeviceConfig.empty());
        }
    }

    @Test
    void editOfRunningAndCopyConfigReachTheFabric() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(fleet.endpoint(EDGE)))
        {
            assertThat(client.rpc("<edit-config><target><running/></target>" + mtuConfig("eth1", "1400") +
                "</edit-config>").ok()).isTrue();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(EDGE_MTU_1400);

            assertThat(client.rpc("<copy-config><target><running/></target><source><config/></source>" +
                "</copy-config>").ok()).isTrue();
            assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
            assertThat(edgeChanges).containsExactly(RunningChange.EDIT, RunningChange.COPY);
        }
    }
}
