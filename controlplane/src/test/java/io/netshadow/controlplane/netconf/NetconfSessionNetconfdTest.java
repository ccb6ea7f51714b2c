package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.netshadow.controlplane.netconf.NetconfdData.blackholeRoute;
import static io.netshadow.controlplane.netconf.NetconfdData.config;
import static io.netshadow.controlplane.netconf.NetconfdData.ethernet;
import static io.netshadow.controlplane.netconf.NetconfdData.interfaceNames;
import static io.netshadow.controlplane.netconf.NetconfdData.interfaces;
import static io.netshadow.controlplane.netconf.NetconfdData.mtu;
import static io.netshadow.controlplane.netconf.NetconfdData.mtuOnly;
import static io.netshadow.controlplane.netconf.NetconfdData.staticRoutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The NETCONF client against a real agent: Debian's netconfd (yuma123) behind its own sshd on loopback.
 */
class NetconfSessionNetconfdTest
{
    private static NetconfdInstance netconfd;
    private static NetconfClient client;
    private static HostKeyPolicy knownHostKey;

    @BeforeAll
    static void startNetconfd() throws Exception
    {
        netconfd = NetconfdInstance.start();
        client = new NetconfClient();
        knownHostKey = netconfd.knownHostKey();
    }

    @AfterAll
    static void stopNetconfd()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != netconfd)
        {
            netconfd.close();
        }
    }

    @BeforeEach
    void startFromTwoInterfaces() throws Exception
    {
        try (NetconfSession session = open("setup"))
        {
            NetconfdData.reset(session, interfaces(ethernet("eth0", true, 1500), ethernet("eth1", true, 1500)));
        }
    }

    @Test
    void helloKeepsTheSessionIdAndParsesCapabilities() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            assertThat(session.sessionId()).isPositive();
            assertThat(session.isChunkedFraming()).isTrue();
            final Capabilities capabilities = session.capabilities();
            assertThat(capabilities.candidate()).isTrue();
            assertThat(capabilities.confirmedCommitWithPersist()).isTrue();
            assertThat(capabilities.has(Capabilities.VALIDATE_1_1)).isTrue();
            assertThat(capabilities.rollbackOnError()).isTrue();
            assertThat(capabilities.has(NetconfdData.INTERFACES)).isTrue();
            assertThat(capabilities.uris()).anyMatch(uri -> uri.startsWith(NetconfdData.INTERFACES + "?module="));
        }
    }

    @Test
    void helloWithBase10AloneKeepsEndOfMessageFraming() throws Exception
    {
        final NetconfEndpoint base10 = netconfd.endpoint("r1", netconfd.keyLogin(), knownHostKey)
            .withHelloCapabilities(Set.of(NetconfFraming.BASE_1_0));
        try (NetconfSession session = client.open(base10))
        {
            assertThat(session.isChunkedFraming()).isFalse();
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 1400)))));
            session.commit();
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1400);
        }
    }

    @Test
    void passwordLoginOpensASession() throws Exception
    {
        NetconfdInstance.assumePasswordUser();
        try (NetconfSession session = client.open(netconfd.endpoint("r1", netconfd.passwordLogin(), knownHostKey)))
        {
            assertThat(interfaceNames(session, Datastore.RUNNING)).containsExactly("eth0", "eth1");
        }
    }

    @Test
    void pemAndPassphraseProtectedOpenSshKeysLogIn() throws Exception
    {
        for (final NetconfCredentials login : List.of(netconfd.pemKeyLogin(), netconfd.encryptedKeyLogin()))
        {
            try (NetconfSession session = client.open(netconfd.endpoint("r1", login, knownHostKey)))
            {
                assertThat(session.isOpen()).as(login.toString()).isTrue();
            }
        }
    }

    @Test
    void refusedLoginNamesTheDeviceAddressAndLogin()
    {
        final NetconfEndpoint wrongPassword = netconfd.endpoint(
            "r9", NetconfCredentials.password("nobody-here", "wrong"), knownHostKey);

        assertThatThrownBy(() -> client.open(wrongPassword))
            .isInstanceOf(NetconfException.class)
            .hasMessageContaining("r9: cannot open a NETCONF session to 127.0.0.1 port " + netconfd.port())
            .hasMessageContaining("password login as nobody-here");
    }

    @Test
    void getConfigWithASubtreeFilterReturnsOnlyTheSelectedInterface() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            final String data = session.getConfig(Datastore.RUNNING,
                "<interfaces xmlns=\"" + NetconfdData.INTERFACES + "\"><interface><name>eth1</name></interface>" +
                "</interfaces>").data();

            assertThat(data).contains("<name>eth1</name>").doesNotContain("eth0");
        }
    }

    @Test
    void getReturnsStateDataSuchAsTheOpenSessions() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            final String data = session.get(
                "<netconf-state xmlns=\"urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring\"><sessions/>" +
                "</netconf-state>").data();

            assertThat(data).contains("<session-id>" + session.sessionId() + "</session-id>");
        }
    }

    @Test
    void editOfTheCandidateReachesRunningOnlyWithCommit() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 1400))))
                .withDefaultOperation(EditConfig.DefaultOperation.MERGE)
                .withErrorOption(EditConfig.ErrorOption.STOP_ON_ERROR));

            assertThat(mtu(session, Datastore.CANDIDATE, "eth0")).isEqualTo(1400);
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1500);
            session.commit();
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1400);
        }
    }

    @Test
    void editWithoutTheConfigWrapperEditsTheTopLevelNodeGiven() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, interfaces(mtuOnly("eth1", 1280)))
                .withErrorOption(EditConfig.ErrorOption.CONTINUE_ON_ERROR));

            assertThat(mtu(session, Datastore.CANDIDATE, "eth1")).isEqualTo(1280);
        }
    }

    @Test
    void defaultOperationNoneAppliesOnlyTheNodesThatCarryAnOperation() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(
                    mtuOnly("eth0", 1400),
                    "<interface nc:operation=\"delete\"><name>eth1</name></interface>")))
                .withDefaultOperation(EditConfig.DefaultOperation.NONE));
            session.commit();

            assertThat(interfaceNames(session, Datastore.RUNNING)).containsExactly("eth0");
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void defaultOperationReplaceReplacesTheNamedContainerButNetconfdKeepsTheOthers() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            NetconfdData.reset(session,
                interfaces(ethernet("eth0", true, 1500), ethernet("eth1", true, 1500)),
                staticRoutes(blackholeRoute("10.1.0.0/16")));

            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(ethernet("eth2", true, 9000))))
                .withDefaultOperation(EditConfig.DefaultOperation.REPLACE));
            session.commit();

            assertThat(interfaceNames(session, Datastore.RUNNING)).containsExactly("eth2");
            assertThat(session.getConfig(Datastore.RUNNING).data()).contains("10.1.0.0/16");
        }
    }

    @Test
    void testOnlyEditValidatesWithoutChangingTheCandidate() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 1400))))
                .withTestOption(EditConfig.TestOption.TEST_ONLY));

            assertThat(mtu(session, Datastore.CANDIDATE, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void rollbackOnErrorUndoesTheValidPartOfAFailedEdit() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            final EditConfig halfBad = EditConfig.of(Datastore.CANDIDATE,
                    config(interfaces(mtuOnly("eth0", 1400), mtuOnly("eth1", 10))))
                .withTestOption(EditConfig.TestOption.TEST_THEN_SET)
                .withErrorOption(EditConfig.ErrorOption.ROLLBACK_ON_ERROR);

            assertThatThrownBy(() -> session.editConfig(halfBad)).isInstanceOf(NetconfRpcException.class);
            assertThat(mtu(session, Datastore.CANDIDATE, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void invalidEditSurfacesTheRpcErrorWithItsPathAndLeavesTheSessionUsable() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            assertThatThrownBy(() -> session.editConfig(
                EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 10))))))
                .isInstanceOf(NetconfRpcException.class)
                .hasMessageStartingWith("r1: edit-config failed: invalid-value at ")
                .hasMessageContaining("ip:mtu")
                .asInstanceOf(type(NetconfRpcException.class))
                .satisfies(ex ->
                {
                    final RpcError error = ex.errors().getFirst();
                    assertThat(ex.operation()).isEqualTo("edit-config");
                    assertThat(error.type()).isEqualTo("protocol");
                    assertThat(error.tag()).isEqualTo("invalid-value");
                    assertThat(error.severity()).isEqualTo("error");
                    assertThat(error.appTag()).isEqualTo("not-in-range");
                    assertThat(error.path()).endsWith("if:interface[if:name='eth0']/ip:ipv4/ip:mtu");
                    assertThat(error.message()).isEqualTo("value not in range");
                    assertThat(error.info()).contains("<bad-value>10</bad-value>");
                });
            assertThat(session.isOpen()).isTrue();
            assertThat(mtu(session, Datastore.CANDIDATE, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void validateAcceptsTheCandidateAndRefusesAnInlineConfigMissingAMandatoryLeaf() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.validate(Datastore.CANDIDATE);

            assertThatThrownBy(() -> session.validateConfig(config(interfaces(mtuOnly("eth7", 1400)))))
                .isInstanceOf(NetconfRpcException.class)
                .hasMessageContaining("r1: validate failed: data-missing at ")
                .hasMessageContaining("if:interface[if:name='eth7']/if:type");
        }
    }

    @Test
    void discardChangesPutsRunningBackIntoTheCandidate() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 1400)))));
            session.discardChanges();

            assertThat(mtu(session, Datastore.CANDIDATE, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void copyConfigWritesStartupFromRunningAndTheCandidateFromInlineConfig() throws Exception
    {
        try (NetconfSession session = open("r1"))
        {
            session.copyConfig(Datastore.STARTUP, Datastore.RUNNING);
            assertThat(interfaceNames(session, Datastore.STARTUP)).containsExactly("eth0", "eth1");
            assertThat(Files.readString(netconfd.folder().resolve("startup.xml"))).contains("eth1");

            session.copyConfig(Datastore.CANDIDATE, config(interfaces(ethernet("eth5", false, 1280))));
            assertThat(interfaceNames(session, Datastore.CANDIDATE)).containsExactly("eth5");
            session.discardChanges();
        }
    }

    @Test
    void lockIsDeniedWhileAnotherSessionHoldsIt() throws Exception
    {
        try (NetconfSession holder = open("r1"); NetconfSession other = open("r1"))
        {
            holder.lock(Datastore.CANDIDATE);

            assertThatThrownBy(() -> other.lock(Datastore.CANDIDATE))
                .isInstanceOf(NetconfRpcException.class)
                .hasMessageContaining("r1: lock failed: lock-denied")
                .asInstanceOf(type(NetconfRpcException.class))
                .satisfies(ex ->
                {
                    assertThat(ex.hasTag("lock-denied")).isTrue();
                    assertThat(ex.errors().getFirst().info())
                        .contains("<session-id>" + holder.sessionId() + "</session-id>");
                });

            holder.unlock(Datastore.CANDIDATE);
            other.lock(Datastore.CANDIDATE);
            other.unlock(Datastore.CANDIDATE);
        }
    }

    @Test
    void aKilledSessionFailsEveryLaterCallNamingTheDevice() throws Exception
    {
        try (NetconfSession victim = open("r1"); NetconfSession killer = open("r1"))
        {
            killer.killSession(victim.sessionId());

            assertThatThrownBy(() -> awaitClosed(victim))
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessageStartingWith("r1: get-config failed, session closed: the device closed the session");
            assertThat(victim.isOpen()).isFalse();
            assertThatThrownBy(victim::commit)
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessage("r1: commit failed, session closed: the device closed the session");
        }
    }

    @Test
    void closeSessionEndsTheSession() throws Exception
    {
        final NetconfSession session = open("r1");
        session.closeSession();

        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(() -> session.getConfig(Datastore.RUNNING))
            .isInstanceOf(NetconfSessionClosedException.class)
            .hasMessage("r1: get-config failed, session closed: closed by this side");
    }

    @Test
    void manySessionsWorkAtOnceFromVirtualThreads() throws Exception
    {
        final int sessions = 8;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor())
        {
            final List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++)
            {
                final String device = "r" + i;
                results.add(threads.submit(() ->
                {
                    try (NetconfSession session = open(device))
                    {
                        final List<String> seen = new ArrayList<>();
                        for (int round = 0; round < 5; round++)
                        {
                            seen.addAll(interfaceNames(session, Datastore.RUNNING));
                        }
                        return seen;
                    }
                }));
            }
            for (final Future<List<String>> result : results)
            {
                assertThat(result.get()).hasSize(10).containsOnly("eth0", "eth1");
            }
        }
    }

    private static NetconfSession open(final String deviceName) throws NetconfException
    {
        return client.open(netconfd.endpoint(deviceName, netconfd.keyLogin(), knownHostKey));
    }

    /**
     * Calls get-config until the session turns out closed: the kill reaches the victim's connection asynchronously.
     */
    private static void awaitClosed(final NetconfSession session) throws Exception
    {
        final long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() - deadlineNs < 0)
        {
            session.getConfig(Datastore.RUNNING);
            Thread.sleep(20);
        }
    }
}
