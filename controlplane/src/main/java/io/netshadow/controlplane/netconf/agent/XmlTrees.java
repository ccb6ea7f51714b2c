package io.netshadow.controlplane.netconf.agent;

import io.netshadow.controlplane.netconf.XmlDocuments;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's view of NETCONF XML: parsing through {@link XmlDocuments} (no DTD, no entity is ever expanded), and
 * writing of elements back to text with every namespace prefix they use declared.
 */
final class XmlTrees
{
    /** Namespace of NETCONF base elements. */
    static final String NETCONF = "urn:ietf:params:xml:ns:netconf:base:1.0";


    private XmlTrees()
    {
    }

    /**
     * Parses a document.
     *
     * @param xml the text.
     * @return the document.
     * @throws SAXException when the text is not well-formed XML or holds a DTD.
     */
    static Document parse(final String xml) throws SAXException
    {
        return XmlDocuments.parse(xml);
    }

    /**
     * The element children of an element, in document order.
     */
    static List<Element> children(final Element parent)
    {
        final List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); null != node; node = node.getNextSibling())
        {
            if (node instanceof final Element element)
            {
                children.add(element);
            }
        }
        return children;
    }

    /**
     * The first child element with a local name in the NETCONF namespace or in none, or null.
     */
    static Element child(final Element parent, final String localName)
    {
        for (Node node = parent.getFirstChild(); null != node; node = node.getNextSibling())
        {
            if (node instanceof final Element element && isNetconf(element, localName))
            {
                return element;
            }
        }
        return null;
    }

    /**
     * Whether an element has a local name and is in the NETCONF namespace or in none.
     */
    static boolean isNetconf(final Element element, final String localName)
    {
        final String namespace = element.getNamespaceURI();
        return localName.equals(element.getLocalName()) && (null == namespace || NETCONF.equals(namespace));
    }

    /**
     * The text of an element and its descendants, without surrounding white space.
     */
    static String text(final Element element)
    {
        return element.getTextContent().strip();
    }

    /**
     * Writes an element, declaring on it the given namespaces that it does not declare itself.
     *
     * @param element    the element.
     * @param namespaces namespace URIs by prefix ({@code ""} for the default namespace) in scope where it is used.
     * @return the text.
     */
    static String write(final Element element, final Map<String, String> namespaces)
    {
        final StringBuilder out = new StringBuilder(256);
        final Map<String, String> declarations = new LinkedHashMap<>(namespaces);
        final NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++)
        {
            final Attr attribute = (Attr)attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI()))
            {
                declarations.remove(XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getName()) ?
                    "" : attribute.getLocalName());
            }
        }
        out.append('<').append(element.getNodeName());
        for (final Map.Entry<String, String> declaration : declarations.entrySet())
        {
            out.append(' ').append(declaration.getKey().isEmpty() ? "xmlns" : "xmlns:" + declaration.getKey())
                .append("=\"");
            escape(out, declaration.getValue());
            out.append('"');
        }
        writeAttributesAndContent(out, element);
        return out.toString();
    }

    /**
     * The namespace declarations of an element's ancestors that are in scope at the element, by prefix.
     */
    static Map<String, String> inheritedNamespaces(final Element element)
    {
        final Map<String, String> namespaces = new LinkedHashMap<>();
        for (Node node = element.getParentNode(); node instanceof final Element ancestor;
            node = ancestor.getParentNode())
        {
            final NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++)
            {
                final Attr attribute = (Attr)attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI()))
                {
                    final String prefix = XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getName()) ?
                        "" : attribute.getLocalName();
                    namespaces.putIfAbsent(prefix, attribute.getValue());
                }
            }
        }
        return namespaces;
    }

    /**
     * Appends text with the characters XML reserves escaped, for element content and attribute values alike.
     */
    static void escape(final StringBuilder out, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    private static void writeElement(final StringBuilder out, final Element element)
    {
        out.append('<').append(element.getNodeName());
        writeAttributesAndContent(out, element);
    }

    private static void writeAttributesAndContent(final StringBuilder out, final Element element)
    {
        final NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++)
        {
            final Attr attribute = (Attr)attributes.item(i);
            out.append(' ').append(attribute.getName()).append("=\"");
            escape(out, attribute.getValue());
            out.append('"');
        }
        if (null == element.getFirstChild())
        {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node node = element.getFirstChild(); null != node; node = node.getNextSibling())
        {
            switch (node.getNodeType())
            {
                case Node.ELEMENT_NODE -> writeElement(out, (Element)node);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(out, node.getNodeValue());
                default ->
                {
                }
            }
        }
        out.append("</").append(element.getNodeName()).append('>');
    }
}
