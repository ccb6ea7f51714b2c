package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CREDENTIALS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.awaitTrue;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.editCandidate;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.lock;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.mtuConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.unlock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locks (RFC 6241 sections 7.5, 7.6 and 8.3.5): who may take them, what they keep other sessions from doing, and
 * how they are released.
 */
class NetconfAgentLockTest
{
    @TempDir
    Path folder;

    private NetconfAgent agent;

    @BeforeEach
    void startAgent() throws IOException
    {
        agent = NetconfAgent.start(new AgentSettings("r1", 0, folder.resolve("r1.hostkey"), CREDENTIALS),
            DeviceConfig.empty(), (running, change) ->
            {
            });
    }

    @AfterEach
    void stopAgent()
    {
        agent.close();
    }

    @Test
    void lockHeldByAnotherSessionIsDeniedWithTheHoldersSessionId() throws IOException
    {
        try (NetconfTestClient holder = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient other = NetconfTestClient.connect(agent.endpoint()))
        {
            assertThat(holder.rpc(lock("candidate")).ok()).isTrue();

            final Reply denied = other.rpc(lock("candidate"));

            assertThat(denied.errorTag()).isEqualTo("lock-denied");
            assertThat(denied.errorType()).isEqualTo("protocol");
            assertThat(denied.text("session-id")).isEqualTo(Integer.toString(holder.sessionId()));
        }
    }

    @Test
    void editOfADatastoreLockedByAnotherSessionIsRefused() throws IOException
    {
        try (NetconfTestClient holder = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient other = NetconfTestClient.connect(agent.endpoint()))
        {
            holder.rpc(lock("candidate"));

            final Reply refused = other.rpc(editCandidate(mtuConfig("eth1", "1400")));

            assertThat(refused.errorTag()).isEqualTo("in-use");
            assertThat(refused.text("session-id")).isEqualTo(Integer.toString(holder.sessionId()));
            assertThat(other.rpc("<commit/>").errorTag()).isEqualTo("in-use");
            assertThat(holder.rpc(editCandidate(mtuConfig("eth1", "1400"))).ok()).isTrue();
        }
    }

    @Test
    void lockIsReleasedWhenItsSessionEnds() throws IOException
    {
        try (NetconfTestClient holder = NetconfTestClient.connect(agent.endpoint()))
        {
            holder.rpc(lock("running"));
        }
        try (NetconfTestClient other = NetconfTestClient.connect(agent.endpoint()))
        {
            awaitTrue("the holder's session ended", () -> 1 == agent.sessionCount());
            assertThat(other.rpc(lock("running")).ok()).isTrue();
        }
    }

    @Test
    void killSessionReleasesTheLocksOfTheKilledSession() throws IOException
    {
        try (NetconfTestClient holder = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient killer = NetconfTestClient.connect(agent.endpoint()))
        {
            holder.rpc(lock("candidate"));

            assertThat(killer.rpc("<kill-session><session-id>" + holder.sessionId() + "</session-id></kill-session>")
                .ok()).isTrue();

            assertThat(killer.rpc(lock("candidate")).ok()).isTrue();
            assertThat(holder.awaitClosedByAgent()).isTrue();
        }
    }

    @Test
    void killSessionOfItselfIsInvalid() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            final Reply reply =
                client.rpc("<kill-session><session-id>" + client.sessionId() + "</session-id></kill-session>");

            assertThat(reply.errorTag()).isEqualTo("invalid-value");
        }
    }

    @Test
    void unlockByASessionThatHoldsNoLockFails() throws IOException
    {
        try (NetconfTestClient holder = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient other = NetconfTestClient.connect(agent.endpoint()))
        {
            holder.rpc(lock("candidate"));

            assertThat(other.rpc(unlock("candidate")).errorTag()).isEqualTo("operation-failed");
            assertThat(holder.rpc(unlock("candidate")).ok()).isTrue();
        }
    }

    @Test
    void unlockOfTheCandidateDiscardsUncommittedChanges() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.rpc(lock("candidate"));
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));

            assertThat(client.rpc(unlock("candidate")).ok()).isTrue();

            assertThat(agent.candidate()).isEqualTo(DeviceConfig.empty());
        }
    }

    @Test
    void candidateWithUncommittedChangesCannotBeLocked() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.rpc(editCandidate(mtuConfig("eth1", "1400")));

            final Reply denied = client.rpc(lock("candidate"));

            assertThat(denied.errorTag()).isEqualTo("lock-denied");
            assertThat(denied.text("session-id")).isEqualTo("0");
            assertThat(client.rpc("<discard-changes/>").ok()).isTrue();
            assertThat(client.rpc(lock("candidate")).ok()).isTrue();
        }
    }

    @Test
    void runningCannotBeLockedByAnotherSessionDuringAConfirmedCommit() throws IOException
    {
        try (NetconfTestClient committer = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient other = NetconfTestClient.connect(agent.endpoint()))
        {
            committer.rpc(editCandidate(mtuConfig("eth1", "1400")));
            committer.rpc("<commit><confirmed/></commit>");

            final Reply denied = other.rpc(lock("running"));

            assertThat(denied.errorTag()).isEqualTo("lock-denied");
            assertThat(denied.text("session-id")).isEqualTo(Integer.toString(committer.sessionId()));
        }
    }
}
