package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one rpc of a session and performs it against the device's datastores (RFC 6241 sections 4 and 7, with
 * :candidate, :confirmed-commit:1.1, :validate:1.1, :rollback-on-error and :writable-running). Never throws: every
 * failure becomes an rpc-error in the reply.
 */
final class RpcProcessor
{
    private static final Logger LOG = LoggerFactory.getLogger(RpcProcessor.class);
    private static final long MAX_CONFIRM_TIMEOUT_SECONDS = 4_294_967_295L;

    private final String deviceName;
    private final int sessionId;
    private final Datastores datastores;
    private final SessionRegistry sessions;
    private final boolean base11;

    /**
     * What to send back, and whether the session ends after sending it.
     *
     * @param reply          the rpc-reply.
     * @param closesSession  true after a close-session.
     */
    record Outcome(String reply, boolean closesSession)
    {
    }

    /**
     * A processor for one session.
     *
     * @param deviceName the device, for logs.
     * @param sessionId  the session's id.
     * @param datastores the device's datastores.
     * @param sessions   the agent's open sessions, for kill-session.
     * @param base11     whether the session speaks base:1.1, which may be told of malformed messages.
     */
    RpcProcessor(
        final String deviceName,
        final int sessionId,
        final Datastores datastores,
        final SessionRegistry sessions,
        final boolean base11)
    {
        this.deviceName = deviceName;
        this.sessionId = sessionId;
        this.datastores = datastores;
        this.sessions = sessions;
        this.base11 = base11;
    }

    /**
     * Performs one message.
     *
     * @param message the message, without framing.
     * @return the reply.
     */
    Outcome process(final String message)
    {
        final Document document;
        try
        {
            document = XmlTrees.parse(message);
        }
        catch (final SAXException ex)
        {
            final String tag = base11 ? RpcFault.MALFORMED_MESSAGE : RpcFault.OPERATION_FAILED;
            return failed("", RpcFault.of(ErrorType.RPC, tag, "the message is not well-formed XML: " +
                ex.getMessage()));
        }
        final Element rpc = document.getDocumentElement();
        if (!XmlTrees.NETCONF.equals(rpc.getNamespaceURI()) || !"rpc".equals(rpc.getLocalName()))
        {
            return failed("", RpcFault.aboutElement(ErrorType.RPC, RpcFault.UNKNOWN_ELEMENT, rpc.getTagName(),
                "expected an rpc in the NETCONF base namespace, got " + rpc.getTagName()));
        }
        final String attributes = attributesOf(rpc);
        if (!rpc.hasAttributeNS(null, "message-id"))
        {
            return failed(attributes, new RpcFault(ErrorType.RPC, RpcFault.MISSING_ATTRIBUTE,
                "the rpc has no message-id", null, Map.of(),
                RpcFault.info("bad-attribute", "message-id") + RpcFault.info("bad-element", "rpc")));
        }
        final List<Element> operations = XmlTrees.children(rpc);
        if (1 != operations.size())
        {
            return failed(attributes, operations.isEmpty() ?
                RpcFault.aboutElement(ErrorType.RPC, RpcFault.MISSING_ELEMENT, "rpc", "the rpc holds no operation") :
                RpcFault.aboutElement(ErrorType.RPC, RpcFault.BAD_ELEMENT, operations.get(1).getTagName(),
                    "the rpc holds more than one operation"));
        }
        try
        {
            return perform(operations.getFirst(), attributes);
        }
        catch (final RpcFaultException ex)
        {
            return new Outcome(Replies.errors(attributes, ex.faults()), false);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: session {} failed an rpc", deviceName, sessionId, ex);
            return failed(attributes, RpcFault.of(ErrorType.APPLICATION, RpcFault.OPERATION_FAILED,
                "the agent failed: " + ex));
        }
    }

    private Outcome perform(final Element operation, final String attributes) throws RpcFaultException
    {
        if (!XmlTrees.NETCONF.equals(operation.getNamespaceURI()))
        {
            throw notSupported(operation.getTagName());
        }
        return switch (operation.getLocalName())
        {
            case "get" -> get(operation, attributes);
            case "get-config" -> getConfig(operation, attributes);
            case "edit-config" -> editConfig(operation, attributes);
            case "copy-config" -> copyConfig(operation, attributes);
            case "validate" -> validate(operation, attributes);
            case "lock" -> lock(operation, attributes, true);
            case "unlock" -> lock(operation, attributes, false);
            case "commit" -> commit(operation, attributes);
            case "cancel-commit" -> cancelCommit(operation, attributes);
            case "discard-changes" -> discardChanges(operation, attributes);
            case "close-session" -> closeSession(operation, attributes);
            case "kill-session" -> killSession(operation, attributes);
            default -> throw notSupported(operation.getLocalName());
        };
    }

    private Outcome get(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "filter");
        return data(attributes, datastores.read(Datastore.RUNNING), filter(operation));
    }

    private Outcome getConfig(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "source", "filter");
        final Datastore source = datastore(operation, "source");
        return data(attributes, datastores.read(source), filter(operation));
    }

    private Outcome editConfig(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "target", "default-operation", "test-option", "error-option", "config", "url");
        final Datastore target = datastore(operation, "target");
        final ConfigEditor.DefaultOperation defaultOperation = choice(operation, "default-operation",
            Map.of("merge", ConfigEditor.DefaultOperation.MERGE,
                "replace", ConfigEditor.DefaultOperation.REPLACE,
                "none", ConfigEditor.DefaultOperation.NONE),
            ConfigEditor.DefaultOperation.MERGE);
        final boolean testOnly = choice(operation, "test-option",
            Map.of("test-then-set", false, "set", false, "test-only", true), false);
        final ConfigEditor.ErrorOption errorOption = choice(operation, "error-option",
            Map.of("stop-on-error", ConfigEditor.ErrorOption.STOP_ON_ERROR,
                "continue-on-error", ConfigEditor.ErrorOption.CONTINUE_ON_ERROR,
                "rollback-on-error", ConfigEditor.ErrorOption.ROLLBACK_ON_ERROR),
            ConfigEditor.ErrorOption.STOP_ON_ERROR);
        final Element config = configParameter(operation);
        final List<RpcFault> faults;
        if (testOnly)
        {
            faults = ConfigEditor.apply(datastores.read(target), config, defaultOperation, errorOption).faults();
        }
        else
        {
            faults = datastores.edit(sessionId, target,
                base -> ConfigEditor.apply(base, config, defaultOperation, errorOption));
        }
        return faults.isEmpty() ? ok(attributes) : new Outcome(Replies.errors(attributes, faults), false);
    }

    private Outcome copyConfig(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "target", "source");
        final Datastore target = datastore(operation, "target");
        datastores.copy(sessionId, target, sourceConfig(operation));
        return ok(attributes);
    }

    private Outcome validate(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "source");
        sourceConfig(operation);
        return ok(attributes);
    }

    private Outcome lock(final Element operation, final String attributes, final boolean lock)
        throws RpcFaultException
    {
        allowOnly(operation, "target");
        final Datastore target = datastore(operation, "target");
        if (lock)
        {
            datastores.lock(sessionId, target);
        }
        else
        {
            datastores.unlock(sessionId, target);
        }
        return ok(attributes);
    }

    private Outcome commit(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "confirmed", "confirm-timeout", "persist", "persist-id");
        final boolean confirmed = null != XmlTrees.child(operation, "confirmed");
        final Element timeout = XmlTrees.child(operation, "confirm-timeout");
        final Element persist = XmlTrees.child(operation, "persist");
        if (!confirmed && (null != timeout || null != persist))
        {
            throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.BAD_ELEMENT,
                null != timeout ? "confirm-timeout" : "persist",
                "confirm-timeout and persist apply only to a confirmed commit"));
        }
        final long timeoutSeconds = null == timeout ?
            CommitRequest.DEFAULT_CONFIRM_TIMEOUT_SECONDS : confirmTimeoutSeconds(XmlTrees.text(timeout));
        datastores.commit(sessionId, new CommitRequest(
            confirmed, timeoutSeconds, null == persist ? null : XmlTrees.text(persist), persistId(operation)));
        return ok(attributes);
    }

    private Outcome cancelCommit(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "persist-id");
        datastores.cancelCommit(sessionId, persistId(operation));
        return ok(attributes);
    }

    private Outcome discardChanges(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation);
        datastores.discardChanges(sessionId);
        return ok(attributes);
    }

    private Outcome closeSession(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation);
        return new Outcome(Replies.ok(attributes), true);
    }

    private Outcome killSession(final Element operation, final String attributes) throws RpcFaultException
    {
        allowOnly(operation, "session-id");
        final Element idElement = XmlTrees.child(operation, "session-id");
        if (null == idElement)
        {
            throw missing("session-id");
        }
        final int id;
        try
        {
            id = Integer.parseInt(XmlTrees.text(idElement));
        }
        catch (final NumberFormatException ex)
        {
            throw invalid("session-id", "session-id is not a session number: " + XmlTrees.text(idElement));
        }
        if (id == sessionId)
        {
            throw invalid("session-id", "a session cannot kill itself; use close-session");
        }
        final AgentSession target = sessions.find(id);
        if (null == target)
        {
            throw invalid("session-id", "no session " + id + " is open");
        }
        LOG.info("{}: session {} kills session {}", deviceName, sessionId, id);
        target.terminate();
        return ok(attributes);
    }

    private Outcome data(final String attributes, final DeviceConfig config, final Element filter)
    {
        final Document data;
        try
        {
            data = XmlTrees.parse(DeviceConfigXml.toXml(config));
        }
        catch (final SAXException ex)
        {
            throw new IllegalStateException("the device model wrote XML it cannot read back", ex);
        }
        final StringBuilder xml = new StringBuilder(1024);
        for (final Element node : SubtreeFilter.select(data.getDocumentElement(), filter))
        {
            xml.append(XmlTrees.write(node, Map.of()));
        }
        return new Outcome(Replies.data(attributes, xml.toString()), false);
    }

    private static Outcome ok(final String attributes)
    {
        return new Outcome(Replies.ok(attributes), false);
    }

    private static Outcome failed(final String attributes, final RpcFault fault)
    {
        return new Outcome(Replies.errors(attributes, List.of(fault)), false);
    }

    private static Element filter(final Element operation) throws RpcFaultException
    {
        final Element filter = XmlTrees.child(operation, "filter");
        if (null == filter)
        {
            return null;
        }
        final String type = filter.getAttributeNS(null, "type");
        if (!type.isEmpty() && !"subtree".equals(type))
        {
            throw new RpcFaultException(new RpcFault(ErrorType.PROTOCOL, RpcFault.BAD_ATTRIBUTE,
                "filter type '" + type + "' is not supported: only subtree filters are (no :xpath)", null, Map.of(),
                RpcFault.info("bad-attribute", "type") + RpcFault.info("bad-element", "filter")));
        }
        return filter;
    }

    private static Datastore datastore(final Element operation, final String parameter) throws RpcFaultException
    {
        final Element named = namedDatastore(operation, parameter);
        final Datastore datastore = datastoreOf(named);
        if (null == datastore)
        {
            throw invalid(parameter, "<" + named.getLocalName() + "/> is not a datastore of this device " +
                "(it has running and candidate)");
        }
        return datastore;
    }

    private DeviceConfig sourceConfig(final Element operation) throws RpcFaultException
    {
        final Element named = namedDatastore(operation, "source");
        if (XmlTrees.isNetconf(named, "config"))
        {
            return ConfigEditor.read(named);
        }
        final Datastore datastore = datastoreOf(named);
        if (null == datastore)
        {
            throw invalid("source", "<" + named.getLocalName() + "/> is not a datastore of this device " +
                "(it has running and candidate, or takes an inline config)");
        }
        return datastores.read(datastore);
    }

    private static Element namedDatastore(final Element operation, final String parameter) throws RpcFaultException
    {
        final Element holder = XmlTrees.child(operation, parameter);
        if (null == holder)
        {
            throw missing(parameter);
        }
        final List<Element> choice = XmlTrees.children(holder);
        if (1 != choice.size())
        {
            throw invalid(parameter, parameter + " must name exactly one datastore");
        }
        final Element named = choice.getFirst();
        if (XmlTrees.isNetconf(named, "url"))
        {
            throw notSupported(":url (" + parameter + "/url)");
        }
        return named;
    }

    private static Datastore datastoreOf(final Element named)
    {
        for (final Datastore datastore : Datastore.values())
        {
            if (XmlTrees.isNetconf(named, datastore.xmlName()))
            {
                return datastore;
            }
        }
        return null;
    }

    private static Element configParameter(final Element operation) throws RpcFaultException
    {
        final Element config = XmlTrees.child(operation, "config");
        if (null != config)
        {
            return config;
        }
        if (null != XmlTrees.child(operation, "url"))
        {
            throw notSupported(":url (edit-config/url)");
        }
        throw missing("config");
    }

    private static <T> T choice(
        final Element operation, final String parameter, final Map<String, T> values, final T defaultValue)
        throws RpcFaultException
    {
        final Element element = XmlTrees.child(operation, parameter);
        if (null == element)
        {
            return defaultValue;
        }
        final T value = values.get(XmlTrees.text(element));
        if (null == value)
        {
            throw invalid(parameter, parameter + " '" + XmlTrees.text(element) + "' is not one of " +
                String.join(", ", values.keySet().stream().sorted().toList()));
        }
        return value;
    }

    private static long confirmTimeoutSeconds(final String text) throws RpcFaultException
    {
        try
        {
            final long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= MAX_CONFIRM_TIMEOUT_SECONDS)
            {
                return seconds;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below with the value
        }
        throw invalid("confirm-timeout", "confirm-timeout '" + text + "' is not a number of seconds from 1 to " +
            MAX_CONFIRM_TIMEOUT_SECONDS);
    }

    private static String persistId(final Element operation)
    {
        final Element persistId = XmlTrees.child(operation, "persist-id");
        return null == persistId ? null : XmlTrees.text(persistId);
    }

    private static void allowOnly(final Element operation, final String... parameters) throws RpcFaultException
    {
        final Set<String> allowed = Set.of(parameters);
        for (final Element parameter : XmlTrees.children(operation))
        {
            if (!allowed.contains(parameter.getLocalName()) || !XmlTrees.isNetconf(parameter, parameter.getLocalName()))
            {
                throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.UNKNOWN_ELEMENT,
                    parameter.getTagName(),
                    operation.getLocalName() + " takes no parameter " + parameter.getTagName()));
            }
        }
    }

    private static String attributesOf(final Element rpc)
    {
        final StringBuilder xml = new StringBuilder(64);
        final NamedNodeMap attributes = rpc.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++)
        {
            final Attr attribute = (Attr)attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getName()))
            {
                continue;
            }
            xml.append(' ').append(attribute.getName()).append("=\"");
            XmlTrees.escape(xml, attribute.getValue());
            xml.append('"');
        }
        return xml.toString();
    }

    private static RpcFaultException notSupported(final String what)
    {
        return new RpcFaultException(RpcFault.of(ErrorType.PROTOCOL, RpcFault.OPERATION_NOT_SUPPORTED,
            what + " is not supported by this agent"));
    }

    private static RpcFaultException missing(final String parameter)
    {
        return new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.MISSING_ELEMENT, parameter,
            "the " + parameter + " parameter is missing"));
    }

    private static RpcFaultException invalid(final String parameter, final String message)
    {
        return new RpcFaultException(
            RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.INVALID_VALUE, parameter, message));
    }
}
