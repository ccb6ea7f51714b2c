package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.netshadow.controlplane.netconf.FakeNetconfPeer.NC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The session's protocol handling against a scripted peer: reply matching, timeouts, disconnects, rpc-errors,
 * framing choice, and what goes on the wire.
 */
class NetconfSessionTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> BOTH_BASES = NetconfEndpoint.BOTH_BASES;
    private static final String[] FULL_PEER = {
        NetconfFraming.BASE_1_0, NetconfFraming.BASE_1_1, Capabilities.CANDIDATE, Capabilities.CONFIRMED_COMMIT_1_1,
        Capabilities.VALIDATE_1_1, Capabilities.ROLLBACK_ON_ERROR};

    @Test
    void repliesAreMatchedToRequestsByMessageIdWhateverTheirOrder() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final NetconfSession session = connected.session();
            final Future<String> running = callers.submit(() -> session.getConfig(Datastore.RUNNING).data());
            final String first = connected.peer().read();
            final Future<String> candidate = callers.submit(() -> session.getConfig(Datastore.CANDIDATE).data());
            final String second = connected.peer().read();

            connected.peer().reply(second, "<data><from>candidate</from></data>");
            connected.peer().reply(first, "<data><from>running</from></data>");

            assertThat(first).contains("<running/>");
            assertThat(running.get()).contains("<from>running</from>");
            assertThat(candidate.get()).contains("<from>candidate</from>");
        }
    }

    @Test
    void aCallThatTimesOutThrowsAndClosesTheSession() throws Exception
    {
        try (FakeNetconfPeer.Connected connected =
            FakeNetconfPeer.connect(Duration.ofMillis(200), BOTH_BASES, FULL_PEER))
        {
            final NetconfSession session = connected.session();

            assertThatThrownBy(session::commit)
                .isInstanceOf(NetconfTimeoutException.class)
                .hasMessage("r1: no reply to commit within 200 ms; session closed");
            assertThat(session.isOpen()).isFalse();
            assertThatThrownBy(session::discardChanges)
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessage("r1: discard-changes failed, session closed: no reply to commit within 200 ms");
        }
    }

    @Test
    void aPeerThatDisconnectsFailsThePendingCallAndEveryLaterOne() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final NetconfSession session = connected.session();
            final Future<?> pending = call(callers, () -> session.lock(Datastore.CANDIDATE));
            connected.peer().read();

            connected.peer().close();

            assertThatThrownBy(pending::get)
                .cause()
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessageStartingWith("r1: lock failed, session closed: ");
            assertThatThrownBy(session::commit)
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessageStartingWith("r1: commit failed, session closed: ");
        }
    }

    @Test
    void rpcErrorsAreParsedIntoTypedErrorsNamingTheDeviceTheOperationAndEachPath() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final Future<?> edit = call(callers, () -> connected.session().editConfig(
                EditConfig.of(Datastore.CANDIDATE, "<top xmlns=\"urn:example\"/>")));
            connected.peer().reply(connected.peer().read(),
                "<rpc-error><error-type>application</error-type><error-tag>invalid-value</error-tag>" +
                "<error-severity>error</error-severity><error-app-tag>too-big</error-app-tag>" +
                "<error-path xmlns:ex=\"urn:example\">/ex:top/ex:mtu</error-path>" +
                "<error-message xml:lang=\"en\">MTU too big</error-message>" +
                "<error-info><bad-element>mtu</bad-element></error-info></rpc-error>" +
                "<rpc-error><error-type>protocol</error-type><error-tag>operation-failed</error-tag>" +
                "<error-severity>error</error-severity></rpc-error>");

            assertThatThrownBy(edit::get)
                .cause()
                .isInstanceOf(NetconfRpcException.class)
                .hasMessage("r1: edit-config failed: invalid-value at /ex:top/ex:mtu: MTU too big " +
                    "(application, too-big) info <bad-element>mtu</bad-element>; operation-failed (protocol)")
                .asInstanceOf(type(NetconfRpcException.class))
                .extracting(NetconfRpcException::errors)
                .isEqualTo(List.of(
                    new RpcError("application", "invalid-value", "error", "too-big", "/ex:top/ex:mtu", "MTU too big",
                        "<bad-element>mtu</bad-element>"),
                    new RpcError("protocol", "operation-failed", "error", "", "", "", "")));
            assertThat(connected.session().isOpen()).isTrue();
        }
    }

    @Test
    void warningsAloneDoNotFailTheCall() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final Future<?> commit = call(callers, () -> connected.session().commit());
            connected.peer().reply(connected.peer().read(),
                "<rpc-error><error-type>application</error-type><error-tag>operation-failed</error-tag>" +
                "<error-severity>warning</error-severity></rpc-error><ok/>");

            assertThat(commit.get()).isNull();
        }
    }

    @Test
    void aReplyWithADoctypeIsRefusedAndClosesTheSession() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final Future<String> get = callers.submit(() -> connected.session().get(null).data());
            final String request = connected.peer().read();
            connected.peer().send("<!DOCTYPE rpc-reply [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>" +
                "<rpc-reply xmlns=\"" + NC + "\" message-id=\"" + FakeNetconfPeer.messageId(request) + "\">" +
                "<data>&secret;</data></rpc-reply>");

            assertThatThrownBy(get::get)
                .cause()
                .isInstanceOf(NetconfSessionClosedException.class)
                .hasMessageContaining("r1: get failed, session closed: malformed message from the device")
                .hasMessageContaining("DOCTYPE");
        }
    }

    @Test
    void notificationsAndRepliesNoCallAwaitsAreSkipped() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final Future<?> unlock = call(callers, () -> connected.session().unlock(Datastore.CANDIDATE));
            final String request = connected.peer().read();
            connected.peer().send("<notification xmlns=\"urn:ietf:params:xml:ns:netconf:notification:1.0\">" +
                "<eventTime>2026-01-01T00:00:00Z</eventTime></notification>");
            connected.peer().send("<rpc-reply xmlns=\"" + NC + "\" message-id=\"999\"><ok/></rpc-reply>");
            connected.peer().reply(request, "<ok/>");

            assertThat(unlock.get()).isNull();
            assertThat(connected.session().isOpen()).isTrue();
        }
    }

    @Test
    void aPeerWithoutBase11KeepsEndOfMessageFraming() throws Exception
    {
        try (FakeNetconfPeer.Connected connected =
            FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, NetconfFraming.BASE_1_0, Capabilities.CANDIDATE);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            assertThat(connected.session().isChunkedFraming()).isFalse();
            assertThat(connected.session().sessionId()).isEqualTo(42);
            final Future<?> discard = call(callers, () -> connected.session().discardChanges());
            connected.peer().reply(connected.peer().read(), "<ok/>");

            assertThat(discard.get()).isNull();
        }
    }

    @Test
    void aHelloWithoutACommonBaseEndsTheSession()
    {
        assertThatThrownBy(() -> FakeNetconfPeer.connect(
            TIMEOUT, Set.of(NetconfFraming.BASE_1_0), NetconfFraming.BASE_1_1))
            .isInstanceOf(NetconfSessionClosedException.class)
            .hasMessageContaining("r1: hello failed, session closed: no common NETCONF base");
    }

    @Test
    void optionsTheDeviceDoesNotOfferAreRefusedBeforeAnythingIsSent() throws Exception
    {
        try (FakeNetconfPeer.Connected connected =
            FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, NetconfFraming.BASE_1_1, Capabilities.CANDIDATE);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final NetconfSession session = connected.session();
            assertThatThrownBy(() -> session.editConfig(EditConfig.of(Datastore.CANDIDATE, "<a xmlns=\"urn:x\"/>")
                .withErrorOption(EditConfig.ErrorOption.ROLLBACK_ON_ERROR)))
                .isInstanceOf(NetconfException.class)
                .hasMessage("r1: edit-config not sent: the device does not offer error-option rollback-on-error");
            assertThatThrownBy(() -> session.commitConfirmed(Duration.ofSeconds(60), "token"))
                .hasMessage("r1: commit not sent: the device does not offer confirmed commit");

            final Future<?> discard = call(callers, session::discardChanges);
            final String next = connected.peer().read();
            connected.peer().reply(next, "<ok/>");
            discard.get();
            assertThat(next).contains("<discard-changes/>");
        }
    }

    @Test
    void editConfigWrapsTheDataInAConfigElementOfTheBaseNamespace() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            for (final String data : List.of(
                "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\"/>",
                "<config><interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\"/></config>"))
            {
                final Future<?> edit = call(callers, () -> connected.session().editConfig(
                    EditConfig.of(Datastore.RUNNING, data)
                        .withDefaultOperation(EditConfig.DefaultOperation.MERGE)
                        .withTestOption(EditConfig.TestOption.TEST_THEN_SET)
                        .withErrorOption(EditConfig.ErrorOption.ROLLBACK_ON_ERROR)));
                final String request = connected.peer().read();
                connected.peer().reply(request, "<ok/>");
                edit.get();

                final Element editConfig = XmlDocuments.children(
                    XmlDocuments.parse(request).getDocumentElement()).getFirst();
                assertThat(XmlDocuments.children(editConfig))
                    .extracting(Element::getLocalName)
                    .containsExactly("target", "default-operation", "test-option", "error-option", "config");
                final Element config = XmlDocuments.child(editConfig, NC, "config");
                assertThat(XmlDocuments.children(config)).singleElement()
                    .satisfies(top -> assertThat(top.getNamespaceURI())
                        .isEqualTo("urn:ietf:params:xml:ns:yang:ietf-interfaces"));
            }
        }
    }

    @Test
    void confirmedCommitSendsWholeSecondsRoundedUpAndTheEscapedPersistToken() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER);
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor())
        {
            final Future<?> commit = call(callers, () ->
                connected.session().commitConfirmed(Duration.ofMillis(1500), "change<1>&co"));
            final String request = connected.peer().read();
            connected.peer().reply(request, "<ok/>");
            commit.get();

            assertThat(request).contains("<commit><confirmed/><confirm-timeout>2</confirm-timeout>" +
                "<persist>change&lt;1&gt;&amp;co</persist></commit>");
        }
    }

    @Test
    void malformedDataIsRefusedWithoutClosingTheSession() throws Exception
    {
        try (FakeNetconfPeer.Connected connected = FakeNetconfPeer.connect(TIMEOUT, BOTH_BASES, FULL_PEER))
        {
            assertThatThrownBy(() -> connected.session().editConfig(EditConfig.of(Datastore.CANDIDATE, "<a><b></a>")))
                .isInstanceOf(NetconfException.class)
                .hasMessageStartingWith("r1: edit-config not sent, its XML is malformed: ");
            assertThat(connected.session().isOpen()).isTrue();
        }
    }

    private static Future<?> call(final ExecutorService callers, final SessionCall call)
    {
        return callers.submit(() ->
        {
            call.run();
            return null;
        });
    }

    @FunctionalInterface
    private interface SessionCall
    {
        void run() throws NetconfException;
    }
}
