package io.netshadow.controlplane.netconf.agent;

import io.netshadow.controlplane.netconf.NetconfFraming;
import io.netshadow.dataplane.device.DeviceConfig;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CREDENTIALS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.editCandidate;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.getConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.mtuConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SSH and message layer of an agent: login, host key, hello, both framings, and what bad input gets.
 */
class NetconfAgentSessionTest
{
    @TempDir
    Path folder;

    private NetconfAgent agent;

    @BeforeEach
    void startAgent() throws IOException
    {
        agent = NetconfAgent.start(new AgentSettings("r1", 0, folder.resolve("keys/r1.hostkey"), CREDENTIALS),
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
    void helloAnnouncesTheCapabilitiesAndASessionId() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            assertThat(client.serverHello().rootName()).isEqualTo("hello");
            assertThat(client.serverHello().texts("capability")).contains(
                NetconfFraming.BASE_1_0,
                NetconfFraming.BASE_1_1,
                "urn:ietf:params:netconf:capability:candidate:1.0",
                "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
                "urn:ietf:params:netconf:capability:validate:1.1",
                "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
                "urn:ietf:params:netconf:capability:writable-running:1.0",
                "urn:ietf:params:xml:ns:yang:ietf-interfaces?module=ietf-interfaces&revision=2018-02-20",
                "urn:ietf:params:xml:ns:yang:ietf-access-control-list?module=ietf-access-control-list" +
                    "&revision=2019-03-04",
                "urn:netshadow:params:xml:ns:yang:netshadow-qos?module=netshadow-qos");
            assertThat(client.sessionId()).isPositive();
        }
    }

    @Test
    void eachSessionGetsItsOwnId() throws IOException
    {
        try (NetconfTestClient first = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient second = NetconfTestClient.connect(agent.endpoint()))
        {
            assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
            AgentFixtures.awaitTrue("two sessions open", () -> 2 == agent.sessionCount());
        }
    }

    @Test
    void chunkedFramingCarriesRpcsWhenBothAnnounceBase11() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            assertThat(client.chunked()).isTrue();
            assertThat(client.rpc(editCandidate(mtuConfig("eth1", "9000"))).ok()).isTrue();
            assertThat(client.rpc(getConfig("candidate")).text("mtu")).isEqualTo("9000");
        }
    }

    @Test
    void endOfMessageFramingServesABase10Client() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(
            agent.endpoint(), NetconfTestClient.ANY_HOST_KEY, List.of(NetconfFraming.BASE_1_0)))
        {
            assertThat(client.chunked()).isFalse();
            assertThat(client.rpc(editCandidate(mtuConfig("eth1", "9000"))).ok()).isTrue();
            assertThat(client.rpc(getConfig("candidate")).text("mtu")).isEqualTo("9000");
        }
    }

    @Test
    void replyRepeatsTheAttributesOfTheRpc() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.send("<nc:rpc xmlns:nc=\"" + NetconfTestClient.NC + "\" xmlns:ex=\"urn:example\" " +
                "message-id=\"m-7\" ex:user-id=\"fred\"><nc:get/></nc:rpc>");
            final Reply reply = client.read();

            assertThat(reply.rootName()).isEqualTo("rpc-reply");
            assertThat(reply.attribute("message-id")).isEqualTo("m-7");
            assertThat(reply.attribute("ex:user-id")).isEqualTo("fred");
            assertThat(reply.text("data")).isEmpty();
        }
    }

    @Test
    void wrongPasswordIsRefused()
    {
        final SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(NetconfTestClient.ANY_HOST_KEY);
        client.start();
        try
        {
            assertThatExceptionOfType(SshException.class)
                .isThrownBy(() -> NetconfTestClient.login(client, agent.endpoint(), "not-the-password"));
        }
        finally
        {
            client.stop();
        }
    }

    @Test
    void hostKeyStaysTheSameAcrossRestartsAndPinsInKnownHosts() throws IOException
    {
        final String fingerprint = agent.endpoint().hostKeyFingerprint();
        agent.close();
        agent = NetconfAgent.start(new AgentSettings("r1", 0, folder.resolve("keys/r1.hostkey"), CREDENTIALS),
            DeviceConfig.empty(), (running, change) ->
            {
            });
        final Path knownHosts = folder.resolve("known_hosts");
        Files.writeString(knownHosts, agent.endpoint().knownHostsLine() + "\n");

        assertThat(agent.endpoint().hostKeyFingerprint()).isEqualTo(fingerprint).startsWith("SHA256:");
        assertThat(agent.endpoint().knownHostsLine())
            .startsWith("[127.0.0.1]:" + agent.port() + " ecdsa-sha2-nistp256 ");
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint(),
            new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts),
            List.of(NetconfFraming.BASE_1_1)))
        {
            assertThat(client.sessionId()).isPositive();
        }
    }

    @Test
    void unpinnedHostKeyIsRejectedByAKnownHostsClient() throws IOException
    {
        final Path knownHosts = folder.resolve("known_hosts");
        Files.writeString(knownHosts, "");

        assertThatExceptionOfType(SshException.class).isThrownBy(() -> NetconfTestClient.connect(agent.endpoint(),
            new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts),
            List.of(NetconfFraming.BASE_1_1)));
    }

    @Test
    void closeSessionRepliesOkAndEndsTheSession() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            assertThat(client.rpc("<close-session/>").ok()).isTrue();
            assertThat(client.awaitClosedByAgent()).isTrue();
            AgentFixtures.awaitTrue("no session open", () -> 0 == agent.sessionCount());
        }
    }

    @Test
    void unknownOperationIsNotSupported() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            final Reply reply = client.rpc("<reboot-now/>");

            assertThat(reply.errorTag()).isEqualTo("operation-not-supported");
            assertThat(reply.errorType()).isEqualTo("protocol");
            assertThat(reply.errorSeverity()).isEqualTo("error");
            assertThat(reply.attribute("message-id")).isEqualTo("1");
        }
    }

    @Test
    void rpcWithoutMessageIdGetsMissingAttribute() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.send("<rpc xmlns=\"" + NetconfTestClient.NC + "\"><get/></rpc>");
            final Reply reply = client.read();

            assertThat(reply.errorTag()).isEqualTo("missing-attribute");
            assertThat(reply.errorType()).isEqualTo("rpc");
            assertThat(reply.text("bad-attribute")).isEqualTo("message-id");
            assertThat(reply.text("bad-element")).isEqualTo("rpc");
        }
    }

    @Test
    void nonXmlMessageGetsMalformedMessageAndTheSessionGoesOn() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.send("this is <not xml");
            final Reply reply = client.read();

            assertThat(reply.errorTag()).isEqualTo("malformed-message");
            assertThat(reply.errorType()).isEqualTo("rpc");
            assertThat(client.rpc("<get/>").dataChildren()).isEmpty();
        }
    }

    @Test
    void documentTypeDeclarationIsRefused() throws IOException
    {
        try (NetconfTestClient client = NetconfTestClient.connect(agent.endpoint()))
        {
            client.send("<?xml version=\"1.0\"?><!DOCTYPE rpc [<!ENTITY x \"boom\">]>" +
                "<rpc message-id=\"1\" xmlns=\"" + NetconfTestClient.NC + "\"><get/></rpc>");

            assertThat(client.read().errorTag()).isEqualTo("malformed-message");
        }
    }

    @Test
    void brokenChunkedFramingClosesOnlyThatSession() throws IOException
    {
        try (NetconfTestClient broken = NetconfTestClient.connect(agent.endpoint());
            NetconfTestClient healthy = NetconfTestClient.connect(agent.endpoint()))
        {
            broken.sendRaw("\n#abc\n<rpc/>\n##\n");

            assertThat(broken.awaitClosedByAgent()).isTrue();
            assertThat(healthy.rpc("<get/>").rootName()).isEqualTo("rpc-reply");
        }
    }

    @Test
    void clientHelloWithASessionIdEndsTheSession() throws IOException
    {
        final SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(NetconfTestClient.ANY_HOST_KEY);
        client.start();
        try (ClientSession session = NetconfTestClient.login(client, agent.endpoint(), agent.endpoint().password());
            ChannelSubsystem channel = session.createSubsystemChannel("netconf"))
        {
            channel.open().verify(NetconfTestClient.TIMEOUT);
            final NetconfFraming framing = new NetconfFraming(channel.getInvertedOut(), channel.getInvertedIn());
            framing.read();
            framing.write("<hello xmlns=\"" + NetconfTestClient.NC + "\"><capabilities><capability>" +
                NetconfFraming.BASE_1_0 + "</capability></capabilities><session-id>4</session-id></hello>");

            assertThat(channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), NetconfTestClient.TIMEOUT))
                .contains(ClientChannelEvent.CLOSED);
        }
        finally
        {
            client.stop();
        }
    }
}
