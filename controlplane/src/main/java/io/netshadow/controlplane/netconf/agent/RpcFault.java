package io.netshadow.controlplane.netconf.agent;

import java.util.Map;
import java.util.Objects;

/**
 * One rpc-error an agent reports (RFC 6241 section 4.3); its severity is always {@code error}.
 *
 * @param type           the layer the fault belongs to.
 * @param tag            the error-tag, such as {@code lock-denied}.
 * @param message        the error-message for a person.
 * @param path           the error-path, an absolute XPath to the offending data node, or null.
 * @param pathNamespaces the prefixes {@code path} uses, by prefix.
 * @param infoXml        the content of error-info (XML elements), or null.
 */
record RpcFault(
    ErrorType type, String tag, String message, String path, Map<String, String> pathNamespaces, String infoXml)
{
    static final String IN_USE = "in-use";
    static final String INVALID_VALUE = "invalid-value";
    static final String MISSING_ATTRIBUTE = "missing-attribute";
    static final String BAD_ATTRIBUTE = "bad-attribute";
    static final String MISSING_ELEMENT = "missing-element";
    static final String BAD_ELEMENT = "bad-element";
    static final String UNKNOWN_ELEMENT = "unknown-element";
    static final String LOCK_DENIED = "lock-denied";
    static final String DATA_MISSING = "data-missing";
    static final String OPERATION_NOT_SUPPORTED = "operation-not-supported";
    static final String OPERATION_FAILED = "operation-failed";
    static final String MALFORMED_MESSAGE = "malformed-message";

    /**
     * Checks the fields and copies the namespaces.
     */
    RpcFault
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(message, "message");
        pathNamespaces = Map.copyOf(pathNamespaces);
    }

    /**
     * A fault with no path and no error-info.
     */
    static RpcFault of(final ErrorType type, final String tag, final String message)
    {
        return new RpcFault(type, tag, message, null, Map.of(), null);
    }

    /**
     * A fault whose error-info names the element it is about.
     */
    static RpcFault aboutElement(final ErrorType type, final String tag, final String element, final String message)
    {
        return new RpcFault(type, tag, message, null, Map.of(), info("bad-element", element));
    }

    /**
     * A fault whose error-info names the session that holds a resource.
     */
    static RpcFault heldBy(final String tag, final int sessionId, final String message)
    {
        return new RpcFault(
            ErrorType.PROTOCOL, tag, message, null, Map.of(), info("session-id", Integer.toString(sessionId)));
    }

    /**
     * One error-info element with text content.
     */
    static String info(final String name, final String text)
    {
        final StringBuilder xml = new StringBuilder().append('<').append(name).append('>');
        XmlTrees.escape(xml, text);
        return xml.append("</").append(name).append('>').toString();
    }
}
