package io.netshadow.controlplane.netconf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.netshadow.controlplane.netconf.XmlDocuments.NETCONF;

/**
 * One NETCONF session with one device (RFC 6241 over RFC 6242): the hello exchange, then RPCs whose replies are
 * matched to requests by message-id. Calls block until the reply arrives or the session's timeout passes; they are
 * meant for one virtual thread per session, and calls from several threads at once are safe.
 * <p>
 * A reply with {@code <rpc-error>}s throws {@link NetconfRpcException} and leaves the session usable. A call that
 * times out throws {@link NetconfTimeoutException} and closes the session, since the device may still act on it. When
 * the device closes the session or the connection fails, every pending and later call throws
 * {@link NetconfSessionClosedException}.
 */
public final class NetconfSession implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(NetconfSession.class);
    private static final String NOTIFICATION = "urn:ietf:params:xml:ns:netconf:notification:1.0";
    private static final String CLOSED_BY_THIS_SIDE = "closed by this side";
    private static final long READER_GRACE_MS = 1_000;

    private final String deviceName;
    private final NetconfFraming framing;
    private final AutoCloseable transport;
    private final Duration timeout;
    private final Set<String> helloCapabilities;
    private final AtomicLong nextMessageId = new AtomicLong(1);
    private final Map<String, CompletableFuture<RpcReply>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> helloReceived = new CompletableFuture<>();
    private final AtomicReference<Closure> closure = new AtomicReference<>();
    private final AtomicBoolean transportClosed = new AtomicBoolean();
    private final CountDownLatch readerEnded = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Capabilities capabilities = new Capabilities(Set.of());
    private volatile long sessionId;

    private NetconfSession(
        final String deviceName,
        final NetconfFraming framing,
        final AutoCloseable transport,
        final Duration timeout,
        final Set<String> helloCapabilities)
    {
        this.deviceName = deviceName;
        this.framing = framing;
        this.transport = transport;
        this.timeout = timeout;
        this.helloCapabilities = Set.copyOf(helloCapabilities);
    }

    /**
     * Starts a session over a connected byte stream pair: sends this side's hello, reads the device's, and picks the
     * framing both announced.
     *
     * @param deviceName        the device's name for messages.
     * @param in                bytes from the device.
     * @param out               bytes to the device.
     * @param transport         closed when the session ends (the SSH channel and session).
     * @param timeout           longest wait for the hello and for each reply.
     * @param helloCapabilities the capabilities this side announces.
     * @return the session, ready for RPCs.
     * @throws NetconfException when the hello exchange fails; the transport is closed then.
     */
    static NetconfSession start(
        final String deviceName,
        final InputStream in,
        final OutputStream out,
        final AutoCloseable transport,
        final Duration timeout,
        final Set<String> helloCapabilities) throws NetconfException
    {
        final NetconfSession session = new NetconfSession(
            deviceName, new NetconfFraming(in, out), transport, timeout, helloCapabilities);
        session.exchangeHellos();
        return session;
    }

    /**
     * The device this session talks to.
     *
     * @return its name.
     */
    public String deviceName()
    {
        return deviceName;
    }

    /**
     * The session-id the device assigned in its hello.
     *
     * @return the id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * The capabilities the device announced.
     *
     * @return its capabilities.
     */
    public Capabilities capabilities()
    {
        return capabilities;
    }

    /**
     * Whether messages use base:1.1 chunked framing (both sides announced base:1.1) rather than base:1.0
     * end-of-message framing.
     *
     * @return true for chunked framing.
     */
    public boolean isChunkedFraming()
    {
        return framing.isChunked();
    }

    /**
     * Whether the session can still carry RPCs.
     *
     * @return false once it has been closed by either side, has failed, or a call timed out.
     */
    public boolean isOpen()
    {
        return null == closure.get();
    }

    /**
     * Reads a configuration datastore (get-config).
     *
     * @param source the datastore.
     * @return the reply; {@link RpcReply#data()} holds the configuration.
     * @throws NetconfException when the device refuses or the session fails.
     */
    public RpcReply getConfig(final Datastore source) throws NetconfException
    {
        return getConfig(source, null);
    }

    /**
     * Reads part of a configuration datastore (get-config with a subtree filter).
     *
     * @param source        the datastore.
     * @param subtreeFilter the contents of the subtree filter, or null for the whole datastore.
     * @return the reply; {@link RpcReply#data()} holds the selected configuration.
     * @throws NetconfException when the filter is not well-formed XML, the device refuses, or the session fails.
     */
    public RpcReply getConfig(final Datastore source, final String subtreeFilter) throws NetconfException
    {
        final String operation = "get-config";
        return call(operation, build(operation, () -> Rpcs.getConfig(source, subtreeFilter)));
    }

    /**
     * Reads running configuration and state (get).
     *
     * @param subtreeFilter the contents of the subtree filter, or null for everything.
     * @return the reply; {@link RpcReply#data()} holds the selected data.
     * @throws NetconfException when the filter is not well-formed XML, the device refuses, or the session fails.
     */
    public RpcReply get(final String subtreeFilter) throws NetconfException
    {
        final String operation = "get";
        return call(operation, build(operation, () -> Rpcs.get(subtreeFilter)));
    }

    /**
     * Locks a datastore for this session.
     *
     * @param target the datastore.
     * @throws NetconfException when another session holds the lock (error-tag {@code lock-denied}, its session-id in
     *                          the error-info) or the session fails.
     */
    public void lock(final Datastore target) throws NetconfException
    {
        call("lock", Rpcs.lock(target));
    }

    /**
     * Releases a lock this session holds.
     *
     * @param target the datastore.
     * @throws NetconfException when the device refuses or the session fails.
     */
    public void unlock(final Datastore target) throws NetconfException
    {
        call("unlock", Rpcs.unlock(target));
    }

    /**
     * Edits a datastore (edit-config).
     *
     * @param edit the target, data and options.
     * @throws NetconfException when an option is one the device does not offer, the data is not well-formed XML, the
     *                          device refuses the edit (with each error's path), or the session fails.
     */
    public void editConfig(final EditConfig edit) throws NetconfException
    {
        final String operation = "edit-config";
        if (null != edit.testOption())
        {
            final boolean offered = EditConfig.TestOption.TEST_ONLY == edit.testOption() ?
                capabilities.has(Capabilities.VALIDATE_1_1) : capabilities.validate();
            require(offered, operation, "test-option " + edit.testOption().xmlName());
        }
        if (EditConfig.ErrorOption.ROLLBACK_ON_ERROR == edit.errorOption())
        {
            require(capabilities.rollbackOnError(), operation, "error-option rollback-on-error");
        }
        call(operation, build(operation, () -> Rpcs.editConfig(edit)));
    }

    /**
     * Validates a datastore.
     *
     * @param source the datastore.
     * @throws NetconfException when the device lacks {@code :validate}, finds the datastore invalid, or the session
     *                          fails.
     */
    public void validate(final Datastore source) throws NetconfException
    {
        require(capabilities.validate(), "validate", "validate");
        call("validate", Rpcs.validate(source));
    }

    /**
     * Validates a configuration sent inline, without touching any datastore.
     *
     * @param config the configuration, as for {@link EditConfig#config()}.
     * @throws NetconfException when the device lacks {@code :validate}, finds the configuration invalid, or the
     *                          session fails.
     */
    public void validateConfig(final String config) throws NetconfException
    {
        final String operation = "validate";
        require(capabilities.validate(), operation, "validate");
        call(operation, build(operation, () -> Rpcs.validateConfig(config)));
    }

    /**
     * Commits the candidate to running; also confirms a pending confirmed commit that this session made without
     * persist.
     *
     * @throws NetconfException when the device refuses or the session fails.
     */
    public void commit() throws NetconfException
    {
        call("commit", Rpcs.commit());
    }

    /**
     * Commits the candidate so that the device reverts running by itself unless the commit is confirmed within the
     * timeout.
     *
     * @param confirmTimeout the confirm window, sent in whole seconds rounded up.
     * @param persist        a token that lets any session confirm or cancel the commit and keeps it pending beyond
     *                       this session ({@code :confirmed-commit:1.1}); null ties the commit to this session.
     * @throws NetconfException when the device lacks the capability, refuses, or the session fails.
     */
    public void commitConfirmed(final Duration confirmTimeout, final String persist) throws NetconfException
    {
        final String operation = "commit";
        require(capabilities.confirmedCommit(), operation, "confirmed commit");
        if (null != persist)
        {
            require(capabilities.confirmedCommitWithPersist(), operation, "persist");
        }
        call(operation, Rpcs.commitConfirmed(confirmTimeout, persist));
    }

    /**
     * Confirms a pending confirmed commit made with persist, from any session.
     *
     * @param persistId the token given as persist.
     * @throws NetconfException when no such commit is pending or the session fails.
     */
    public void confirmCommit(final String persistId) throws NetconfException
    {
        final String operation = "commit";
        require(capabilities.confirmedCommitWithPersist(), operation, "persist-id");
        call(operation, Rpcs.confirmCommit(persistId));
    }

    /**
     * Cancels a pending confirmed commit: running goes back to what it was before it.
     *
     * @param persistId the token given as persist, or null for a commit this session made without persist.
     * @throws NetconfException when the device lacks {@code :confirmed-commit:1.1}, no such commit is pending, or
     *                          the session fails.
     */
    public void cancelCommit(final String persistId) throws NetconfException
    {
        final String operation = "cancel-commit";
        require(capabilities.confirmedCommitWithPersist(), operation, "cancel-commit");
        call(operation, Rpcs.cancelCommit(persistId));
    }

    /**
     * Throws away uncommitted changes: the candidate becomes running again.
     *
     * @throws NetconfException when the device refuses or the session fails.
     */
    public void discardChanges() throws NetconfException
    {
        call("discard-changes", Rpcs.discardChanges());
    }

    /**
     * Copies one datastore over another (copy-config).
     *
     * @param target the datastore replaced.
     * @param source the datastore copied.
     * @throws NetconfException when the device refuses or the session fails.
     */
    public void copyConfig(final Datastore target, final Datastore source) throws NetconfException
    {
        call("copy-config", Rpcs.copyConfig(target, source));
    }

    /**
     * Replaces a datastore with a configuration sent inline (copy-config).
     *
     * @param target the datastore replaced.
     * @param config the configuration, as for {@link EditConfig#config()}.
     * @throws NetconfException when the configuration is not well-formed XML, the device refuses, or the session
     *                          fails.
     */
    public void copyConfig(final Datastore target, final String config) throws NetconfException
    {
        final String operation = "copy-config";
        call(operation, build(operation, () -> Rpcs.copyConfig(target, config)));
    }

    /**
     * Asks the device to end another session, releasing its locks.
     *
     * @param otherSessionId the session-id to end.
     * @throws NetconfException when the device refuses or the session fails.
     */
    public void killSession(final long otherSessionId) throws NetconfException
    {
        call("kill-session", Rpcs.killSession(otherSessionId));
    }

    /**
     * Sends any operation, for RPCs this class does not name.
     *
     * @param operationXml the operation element, the body of the {@code <rpc>}, in the base namespace or its own.
     * @return the reply.
     * @throws NetconfException when the XML is not well-formed, the device refuses, or the session fails.
     */
    public RpcReply rpc(final String operationXml) throws NetconfException
    {
        final Element operation;
        try
        {
            operation = XmlDocuments.parse(operationXml).getDocumentElement();
        }
        catch (final SAXException ex)
        {
            throw new NetconfException(deviceName + ": rpc not sent, its XML is malformed: " + ex.getMessage(), ex);
        }
        return call(operation.getLocalName(), XmlDocuments.write(operation));
    }

    /**
     * Ends the session politely (close-session), then closes the connection.
     *
     * @throws NetconfException when the device does not acknowledge; the connection is closed anyway.
     */
    public void closeSession() throws NetconfException
    {
        closing = true;
        try
        {
            call("close-session", Rpcs.closeSession());
        }
        finally
        {
            end(new Closure(CLOSED_BY_THIS_SIDE, null));
        }
    }

    /**
     * Closes the session: close-session when it is still open, then the connection. Never throws.
     */
    @Override
    public void close()
    {
        if (isOpen())
        {
            try
            {
                closeSession();
            }
            catch (final NetconfException ex)
            {
                LOG.debug("{}: close-session not acknowledged: {}", deviceName, ex.getMessage());
            }
        }
        end(new Closure(CLOSED_BY_THIS_SIDE, null));
    }

    @Override
    public String toString()
    {
        return "NETCONF session " + sessionId + " with " + deviceName;
    }

    private void exchangeHellos() throws NetconfException
    {
        try
        {
            framing.write(helloXml());
        }
        catch (final IOException ex)
        {
            throw closedError("hello", end(new Closure("cannot send the hello: " + ex.getMessage(), ex)));
        }
        Thread.ofVirtual().name("netconf-" + deviceName).start(this::readMessages);
        try
        {
            helloReceived.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            final String reason = "no hello from the device within " + timeout.toMillis() + " ms";
            end(new Closure(reason, null));
            throw new NetconfTimeoutException(deviceName + ": " + reason + "; session closed");
        }
        catch (final ExecutionException ex)
        {
            throw closedError("hello", closure.get());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw closedError("hello", end(new Closure("interrupted waiting for the hello", ex)));
        }
    }

    private String helloXml()
    {
        final StringBuilder hello = new StringBuilder(256)
            .append("<hello xmlns=\"").append(NETCONF).append("\"><capabilities>");
        for (final String capability : helloCapabilities)
        {
            hello.append("<capability>").append(XmlDocuments.escape(capability)).append("</capability>");
        }
        return hello.append("</capabilities></hello>").toString();
    }

    private void readMessages()
    {
        try
        {
            receiveHello(framing.read());
            while (true)
            {
                dispatch(framing.read());
            }
        }
        catch (final EOFException ex)
        {
            end(new Closure(closing ? CLOSED_BY_THIS_SIDE : "the device closed the session", null));
        }
        catch (final IOException ex)
        {
            end(new Closure(closing ? CLOSED_BY_THIS_SIDE : "connection failed: " + ex.getMessage(), ex));
        }
        catch (final ProtocolViolation ex)
        {
            LOG.warn("{}: {}", deviceName, ex.getMessage());
            end(new Closure(ex.getMessage(), ex));
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: reading from the device failed", deviceName, ex);
            end(new Closure("reading from the device failed: " + ex, ex));
        }
        finally
        {
            readerEnded.countDown();
        }
    }

    private void receiveHello(final String xml) throws ProtocolViolation
    {
        final Element hello = parse(xml);
        if (!NETCONF.equals(hello.getNamespaceURI()) || !"hello".equals(hello.getLocalName()))
        {
            throw new ProtocolViolation("the device's first message is <" + hello.getLocalName() + ">, not a hello");
        }
        final Set<String> announced = new LinkedHashSet<>();
        final Element list = XmlDocuments.child(hello, NETCONF, "capabilities");
        if (null != list)
        {
            for (final Element capability : XmlDocuments.children(list))
            {
                announced.add(capability.getTextContent().strip());
            }
        }
        final Capabilities offered = new Capabilities(announced);
        final boolean base10 =
            offered.has(NetconfFraming.BASE_1_0) && helloCapabilities.contains(NetconfFraming.BASE_1_0);
        final boolean base11 = offered.base11() && helloCapabilities.contains(NetconfFraming.BASE_1_1);
        if (!base10 && !base11)
        {
            throw new ProtocolViolation("no common NETCONF base: the device announces " + offered);
        }
        final String id = XmlDocuments.childText(hello, NETCONF, "session-id");
        try
        {
            sessionId = Long.parseLong(id);
        }
        catch (final NumberFormatException ex)
        {
            throw new ProtocolViolation("the device's hello has no valid session-id: '" + id + "'");
        }
        capabilities = offered;
        if (base11)
        {
            framing.useChunkedFraming();
        }
        LOG.debug("{}: session {} open, {} framing", deviceName, sessionId, base11 ? "chunked" : "end-of-message");
        helloReceived.complete(null);
    }

    private void dispatch(final String xml) throws ProtocolViolation
    {
        final Element message = parse(xml);
        final String namespace = message.getNamespaceURI();
        if (NETCONF.equals(namespace) && "rpc-reply".equals(message.getLocalName()))
        {
            final RpcReply reply = RpcReply.of(xml, message);
            if (reply.messageId().isEmpty())
            {
                throw new ProtocolViolation("the device sent a reply without message-id: " +
                    reply.errors().stream().map(RpcError::describe).toList());
            }
            final CompletableFuture<RpcReply> waiting = pending.remove(reply.messageId());
            if (null == waiting)
            {
                LOG.warn("{}: dropped a reply to message-id {} that no call awaits", deviceName, reply.messageId());
            }
            else
            {
                waiting.complete(reply);
            }
        }
        else if (NOTIFICATION.equals(namespace))
        {
            LOG.debug("{}: notification ignored", deviceName);
        }
        else
        {
            throw new ProtocolViolation("the device sent an unexpected <" + message.getLocalName() + "> in " +
                namespace);
        }
    }

    private Element parse(final String xml) throws ProtocolViolation
    {
        try
        {
            return XmlDocuments.parse(xml).getDocumentElement();
        }
        catch (final SAXException ex)
        {
            throw new ProtocolViolation("malformed message from the device: " + ex.getMessage());
        }
    }

    private RpcReply call(final String operation, final String body) throws NetconfException
    {
        final Closure before = closure.get();
        if (null != before)
        {
            throw closedError(operation, before);
        }
        final String messageId = Long.toString(nextMessageId.getAndIncrement());
        final CompletableFuture<RpcReply> reply = new CompletableFuture<>();
        pending.put(messageId, reply);
        final Closure meanwhile = closure.get();
        if (null != meanwhile)
        {
            pending.remove(messageId);
            throw closedError(operation, meanwhile);
        }
        try
        {
            framing.write("<rpc xmlns=\"" + NETCONF + "\" message-id=\"" + messageId + "\">" + body + "</rpc>");
        }
        catch (final IOException ex)
        {
            pending.remove(messageId);
            throw closedError(operation, sendFailed(ex));
        }
        return checked(operation, await(operation, messageId, reply));
    }

    /**
     * Ends the session after a failed write. The write usually fails because the device closed the session, which
     * the reader reports more clearly a moment later, so its reason is awaited briefly and preferred.
     */
    private Closure sendFailed(final IOException ex)
    {
        try
        {
            readerEnded.await(READER_GRACE_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return end(new Closure("connection lost, cannot send: " + ex.getMessage(), ex));
    }

    private RpcReply await(final String operation, final String messageId, final CompletableFuture<RpcReply> reply)
        throws NetconfException
    {
        try
        {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            pending.remove(messageId);
            final String reason = "no reply to " + operation + " within " + timeout.toMillis() + " ms";
            end(new Closure(reason, null));
            throw new NetconfTimeoutException(deviceName + ": " + reason + "; session closed");
        }
        catch (final ExecutionException ex)
        {
            throw closedError(operation, closure.get());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pending.remove(messageId);
            throw closedError(operation, end(new Closure("interrupted waiting for the reply to " + operation, ex)));
        }
    }

    private RpcReply checked(final String operation, final RpcReply reply) throws NetconfRpcException
    {
        if (reply.failed())
        {
            throw new NetconfRpcException(
                deviceName, operation, reply.errors().stream().filter(RpcError::isError).toList());
        }
        final List<RpcError> warnings = reply.errors();
        if (!warnings.isEmpty())
        {
            LOG.warn("{}: {} succeeded with warnings: {}", deviceName, operation,
                warnings.stream().map(RpcError::describe).toList());
        }
        return reply;
    }

    private Closure end(final Closure candidate)
    {
        closure.compareAndSet(null, candidate);
        final Closure effective = closure.get();
        if (transportClosed.compareAndSet(false, true))
        {
            try
            {
                transport.close();
            }
            catch (final Exception ex)
            {
                LOG.debug("{}: closing the connection failed: {}", deviceName, ex.getMessage());
            }
        }
        final NetconfSessionClosedException ended = closedError("session", effective);
        helloReceived.completeExceptionally(ended);
        for (final String messageId : List.copyOf(pending.keySet()))
        {
            final CompletableFuture<RpcReply> waiting = pending.remove(messageId);
            if (null != waiting)
            {
                waiting.completeExceptionally(ended);
            }
        }
        return effective;
    }

    private NetconfSessionClosedException closedError(final String operation, final Closure ended)
    {
        return new NetconfSessionClosedException(
            deviceName + ": " + operation + " failed, session closed: " + ended.reason(), ended.cause());
    }

    private void require(final boolean offered, final String operation, final String feature)
        throws NetconfException
    {
        if (!offered)
        {
            throw new NetconfException(deviceName + ": " + operation + " not sent: the device does not offer " +
                feature);
        }
    }

    private String build(final String operation, final RpcBody body) throws NetconfException
    {
        try
        {
            return body.xml();
        }
        catch (final SAXException ex)
        {
            throw new NetconfException(deviceName + ": " + operation + " not sent, its XML is malformed: " +
                ex.getMessage(), ex);
        }
    }

    @FunctionalInterface
    private interface RpcBody
    {
        String xml() throws SAXException;
    }

    private record Closure(String reason, Throwable cause)
    {
    }

    private static final class ProtocolViolation extends Exception
    {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(final String message)
        {
            super(message);
        }
    }
}
