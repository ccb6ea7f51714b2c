package io.netshadow.controlplane.netconf;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.time.Duration;

import static io.netshadow.controlplane.netconf.XmlDocuments.NETCONF;
import static io.netshadow.controlplane.netconf.XmlDocuments.escape;

/**
 * The XML of each NETCONF operation (RFC 6241 sections 7 and 8), as the body of an {@code <rpc>} in the base
 * namespace.
 */
final class Rpcs
{
    private static final String CONFIG = "config";

    private Rpcs()
    {
    }

    static String getConfig(final Datastore source, final String subtreeFilter) throws SAXException
    {
        return "<get-config><source><" + source.elementName() + "/></source>" + filter(subtreeFilter) +
            "</get-config>";
    }

    static String get(final String subtreeFilter) throws SAXException
    {
        return "<get>" + filter(subtreeFilter) + "</get>";
    }

    static String lock(final Datastore target)
    {
        return "<lock><target><" + target.elementName() + "/></target></lock>";
    }

    static String unlock(final Datastore target)
    {
        return "<unlock><target><" + target.elementName() + "/></target></unlock>";
    }

    static String editConfig(final EditConfig edit) throws SAXException
    {
        final StringBuilder rpc = new StringBuilder(256 + edit.config().length());
        rpc.append("<edit-config><target><").append(edit.target().elementName()).append("/></target>");
        if (null != edit.defaultOperation())
        {
            rpc.append("<default-operation>").append(edit.defaultOperation().xmlName()).append("</default-operation>");
        }
        if (null != edit.testOption())
        {
            rpc.append("<test-option>").append(edit.testOption().xmlName()).append("</test-option>");
        }
        if (null != edit.errorOption())
        {
            rpc.append("<error-option>").append(edit.errorOption().xmlName()).append("</error-option>");
        }
        return rpc.append(config(edit.config())).append("</edit-config>").toString();
    }

    static String validate(final Datastore source)
    {
        return "<validate><source><" + source.elementName() + "/></source></validate>";
    }

    static String validateConfig(final String config) throws SAXException
    {
        return "<validate><source>" + config(config) + "</source></validate>";
    }

    static String commit()
    {
        return "<commit/>";
    }

    static String commitConfirmed(final Duration timeout, final String persist)
    {
        final StringBuilder rpc = new StringBuilder("<commit><confirmed/><confirm-timeout>")
            .append(confirmTimeoutSeconds(timeout)).append("</confirm-timeout>");
        if (null != persist)
        {
            rpc.append("<persist>").append(escape(persist)).append("</persist>");
        }
        return rpc.append("</commit>").toString();
    }

    static String confirmCommit(final String persistId)
    {
        return "<commit><persist-id>" + escape(persistId) + "</persist-id></commit>";
    }

    static String cancelCommit(final String persistId)
    {
        return null == persistId ?
            "<cancel-commit/>" :
            "<cancel-commit><persist-id>" + escape(persistId) + "</persist-id></cancel-commit>";
    }

    static String discardChanges()
    {
        return "<discard-changes/>";
    }

    static String copyConfig(final Datastore target, final Datastore source)
    {
        return "<copy-config><target><" + target.elementName() + "/></target><source><" + source.elementName() +
            "/></source></copy-config>";
    }

    static String copyConfig(final Datastore target, final String config) throws SAXException
    {
        return "<copy-config><target><" + target.elementName() + "/></target><source>" + config(config) +
            "</source></copy-config>";
    }

    static String closeSession()
    {
        return "<close-session/>";
    }

    static String killSession(final long sessionId)
    {
        return "<kill-session><session-id>" + sessionId + "</session-id></kill-session>";
    }

    /**
     * The confirm-timeout of a window: whole seconds, rounded up, at least one.
     *
     * @param timeout the window.
     * @return seconds.
     */
    static long confirmTimeoutSeconds(final Duration timeout)
    {
        final long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * Normalises data to a {@code <config>} element in the base namespace: a config element in the base namespace
     * or in none is kept (and put in the base namespace), anything else is taken as one top-level data node.
     *
     * @param data the data's XML text.
     * @return the config element's XML text.
     * @throws SAXException when the text is not well-formed.
     */
    static String config(final String data) throws SAXException
    {
        final Element root = XmlDocuments.parse(data).getDocumentElement();
        final String namespace = root.getNamespaceURI();
        final boolean isWrapper =
            CONFIG.equals(root.getLocalName()) && (null == namespace || NETCONF.equals(namespace));
        if (isWrapper)
        {
            return XmlDocuments.write(XmlDocuments.configOf(root));
        }
        final Document document = XmlDocuments.newDocument();
        final Element config = document.createElementNS(NETCONF, CONFIG);
        document.appendChild(config);
        config.appendChild(document.importNode(root, true));
        return XmlDocuments.write(config);
    }

    private static String filter(final String subtreeFilter) throws SAXException
    {
        if (null == subtreeFilter || subtreeFilter.isBlank())
        {
            return "";
        }
        final String filter = "<filter xmlns=\"" + NETCONF + "\" type=\"subtree\">" + subtreeFilter + "</filter>";
        return XmlDocuments.write(XmlDocuments.parse(filter).getDocumentElement());
    }
}
