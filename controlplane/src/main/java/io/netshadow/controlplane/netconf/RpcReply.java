package io.netshadow.controlplane.netconf;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static io.netshadow.controlplane.netconf.XmlDocuments.NETCONF;

/**
 * One {@code <rpc-reply>} (RFC 6241 section 4.2): {@code <ok/>}, {@code <data>}, and any {@code <rpc-error>}s.
 */
public final class RpcReply
{
    private final String messageId;
    private final String xml;
    private final Element element;
    private final List<RpcError> errors;

    private RpcReply(final String messageId, final String xml, final Element element, final List<RpcError> errors)
    {
        this.messageId = messageId;
        this.xml = xml;
        this.element = element;
        this.errors = errors;
    }

    /**
     * Reads a reply from its parsed root element.
     *
     * @param xml     the reply's text.
     * @param element the {@code <rpc-reply>} element.
     * @return the reply.
     */
    static RpcReply of(final String xml, final Element element)
    {
        final List<RpcError> errors = new ArrayList<>();
        for (final Element child : XmlDocuments.children(element))
        {
            if (NETCONF.equals(child.getNamespaceURI()) && "rpc-error".equals(child.getLocalName()))
            {
                errors.add(error(child));
            }
        }
        return new RpcReply(element.getAttribute("message-id"), xml, element, List.copyOf(errors));
    }

    /**
     * The message-id echoed from the request.
     *
     * @return the id, empty when the reply carries none.
     */
    public String messageId()
    {
        return messageId;
    }

    /**
     * The reply as received.
     *
     * @return the XML text.
     */
    public String xml()
    {
        return xml;
    }

    /**
     * Whether the reply is {@code <ok/>}.
     *
     * @return true when it holds an ok element.
     */
    public boolean isOk()
    {
        return null != XmlDocuments.child(element, NETCONF, "ok");
    }

    /**
     * The rpc-errors of the reply, warnings included.
     *
     * @return the errors in reply order; empty when there are none.
     */
    public List<RpcError> errors()
    {
        return errors;
    }

    /**
     * Whether any rpc-error fails the operation.
     *
     * @return true when an error of severity error is present.
     */
    public boolean failed()
    {
        return errors.stream().anyMatch(RpcError::isError);
    }

    /**
     * The {@code <data>} element of a get or get-config reply, standing alone with its namespaces declared.
     *
     * @return XML text of the data element, or an empty string when the reply has none.
     */
    public String data()
    {
        final Element data = dataElement();
        return null == data ? "" : XmlDocuments.write(data);
    }

    Element dataElement()
    {
        return XmlDocuments.child(element, NETCONF, "data");
    }

    private static RpcError error(final Element error)
    {
        final Element info = XmlDocuments.child(error, NETCONF, "error-info");
        final StringBuilder infoText = new StringBuilder();
        if (null != info)
        {
            for (final Element item : XmlDocuments.children(info))
            {
                infoText.append('<').append(item.getLocalName()).append('>')
                    .append(item.getTextContent().strip())
                    .append("</").append(item.getLocalName()).append('>');
            }
            if (infoText.isEmpty())
            {
                infoText.append(info.getTextContent().strip());
            }
        }
        return new RpcError(
            XmlDocuments.childText(error, NETCONF, "error-type"),
            XmlDocuments.childText(error, NETCONF, "error-tag"),
            XmlDocuments.childText(error, NETCONF, "error-severity"),
            XmlDocuments.childText(error, NETCONF, "error-app-tag"),
            XmlDocuments.childText(error, NETCONF, "error-path"),
            XmlDocuments.childText(error, NETCONF, "error-message"),
            infoText.toString());
    }
}
