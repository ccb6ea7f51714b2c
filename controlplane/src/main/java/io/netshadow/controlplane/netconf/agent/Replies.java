package io.netshadow.controlplane.netconf.agent;

import java.util.List;
import java.util.Map;

/**
 * The messages an agent sends: its hello and the rpc-reply to each rpc, which repeats the rpc's attributes
 * (RFC 6241 section 4.2).
 */
final class Replies
{
    private static final String REPLY_OPEN = "<rpc-reply xmlns=\"" + XmlTrees.NETCONF + "\"";

    private Replies()
    {
    }

    /**
     * The server hello.
     *
     * @param sessionId the session's id.
     * @return the message.
     */
    static String hello(final int sessionId)
    {
        final StringBuilder xml = new StringBuilder(1024)
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .append("<hello xmlns=\"").append(XmlTrees.NETCONF).append("\"><capabilities>");
        for (final String capability : Capabilities.ANNOUNCED)
        {
            xml.append("<capability>");
            XmlTrees.escape(xml, capability);
            xml.append("</capability>");
        }
        return xml.append("</capabilities><session-id>").append(sessionId).append("</session-id></hello>")
            .toString();
    }

    /**
     * A positive reply without data.
     *
     * @param rpcAttributes the rpc's attributes, written as by {@link RpcProcessor}.
     * @return the message.
     */
    static String ok(final String rpcAttributes)
    {
        return REPLY_OPEN + rpcAttributes + "><ok/></rpc-reply>";
    }

    /**
     * A reply carrying data.
     *
     * @param rpcAttributes the rpc's attributes.
     * @param dataXml       the content of the data element.
     * @return the message.
     */
    static String data(final String rpcAttributes, final String dataXml)
    {
        return REPLY_OPEN + rpcAttributes + "><data>" + dataXml + "</data></rpc-reply>";
    }

    /**
     * A negative reply.
     *
     * @param rpcAttributes the rpc's attributes, empty when the rpc could not be read.
     * @param faults        one rpc-error each.
     * @return the message.
     */
    static String errors(final String rpcAttributes, final List<RpcFault> faults)
    {
        final StringBuilder xml = new StringBuilder(512).append(REPLY_OPEN).append(rpcAttributes).append('>');
        for (final RpcFault fault : faults)
        {
            xml.append("<rpc-error><error-type>").append(fault.type().xmlName())
                .append("</error-type><error-tag>").append(fault.tag())
                .append("</error-tag><error-severity>error</error-severity>");
            if (null != fault.path())
            {
                xml.append("<error-path");
                for (final Map.Entry<String, String> namespace : fault.pathNamespaces().entrySet())
                {
                    xml.append(" xmlns:").append(namespace.getKey()).append("=\"");
                    XmlTrees.escape(xml, namespace.getValue());
                    xml.append('"');
                }
                xml.append('>');
                XmlTrees.escape(xml, fault.path());
                xml.append("</error-path>");
            }
            xml.append("<error-message xml:lang=\"en\">");
            XmlTrees.escape(xml, fault.message());
            xml.append("</error-message>");
            if (null != fault.infoXml())
            {
                xml.append("<error-info>").append(fault.infoXml()).append("</error-info>");
            }
            xml.append("</rpc-error>");
        }
        return xml.append("</rpc-reply>").toString();
    }
}
