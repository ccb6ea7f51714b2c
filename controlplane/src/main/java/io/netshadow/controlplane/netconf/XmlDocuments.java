package io.netshadow.controlplane.netconf;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and writes NETCONF XML with the JDK's parser, refusing DTDs so that no entity, internal or external, is
 * ever expanded. The client and the agent parse every message through it.
 */
public final class XmlDocuments
{
    /** The NETCONF base namespace of rpc, rpc-reply, config and data. */
    static final String NETCONF = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler()
    {
        @Override
        public void warning(final SAXParseException ex)
        {
        }

        @Override
        public void error(final SAXParseException ex) throws SAXException
        {
            throw ex;
        }

        @Override
        public void fatalError(final SAXParseException ex) throws SAXException
        {
            throw ex;
        }
    };

    private XmlDocuments()
    {
    }

    /**
     * Parses XML text, namespace-aware.
     *
     * @param xml the text.
     * @return the document.
     * @throws SAXException when the text is not well-formed or declares a DTD.
     */
    public static Document parse(final String xml) throws SAXException
    {
        try
        {
            return newBuilder().parse(new InputSource(new StringReader(xml)));
        }
        catch (final IOException ex)
        {
            throw new SAXException(ex.getMessage(), ex);
        }
    }

    /**
     * A new empty document.
     *
     * @return the document.
     */
    static Document newDocument()
    {
        return newBuilder().newDocument();
    }

    /**
     * Writes an element with its subtree, declaring on it every namespace prefix in scope at its place, so that the
     * text stands alone (prefixes in values, such as identities, keep their meaning).
     *
     * @param element the element.
     * @return XML text without a declaration.
     */
    static String write(final Element element)
    {
        return writeNode(standalone(element));
    }

    /**
     * A copy of an element in a document of its own, declaring every namespace prefix in scope at its place.
     *
     * @param element the element.
     * @return the copy, the root of its new document.
     */
    static Element standalone(final Element element)
    {
        final Document document = newDocument();
        final Element copy = (Element)document.importNode(element, true);
        document.appendChild(copy);
        for (Node node = element.getParentNode(); node instanceof Element ancestor; node = node.getParentNode())
        {
            final NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++)
            {
                final Attr attribute = (Attr)attributes.item(i);
                if (XMLNS.equals(attribute.getNamespaceURI()) && !copy.hasAttributeNS(XMLNS, attribute.getLocalName()))
                {
                    copy.setAttributeNS(XMLNS, attribute.getName(), attribute.getValue());
                }
            }
        }
        return copy;
    }

    /**
     * A {@code <config>} element in the base namespace, in a document of its own, holding standalone copies of the
     * child elements of another element (such as a reply's {@code <data>}).
     *
     * @param parent the element whose children are copied.
     * @return the config element.
     */
    static Element configOf(final Element parent)
    {
        final Document document = newDocument();
        final Element config = document.createElementNS(NETCONF, "config");
        document.appendChild(config);
        for (final Element child : children(parent))
        {
            config.appendChild(document.importNode(standalone(child), true));
        }
        return config;
    }

    /**
     * The child elements of an element.
     *
     * @param parent the element.
     * @return its child elements in document order.
     */
    static List<Element> children(final Element parent)
    {
        final List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); null != node; node = node.getNextSibling())
        {
            if (node instanceof Element child)
            {
                children.add(child);
            }
        }
        return children;
    }

    /**
     * The first child element with a namespace and local name.
     *
     * @param parent    the element.
     * @param namespace the child's namespace.
     * @param localName the child's local name.
     * @return the child, or null.
     */
    static Element child(final Element parent, final String namespace, final String localName)
    {
        for (final Element child : children(parent))
        {
            if (namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalName()))
            {
                return child;
            }
        }
        return null;
    }

    /**
     * The trimmed text of a child element.
     *
     * @param parent    the element.
     * @param namespace the child's namespace.
     * @param localName the child's local name.
     * @return its text, or an empty string when there is no such child.
     */
    static String childText(final Element parent, final String namespace, final String localName)
    {
        final Element child = child(parent, namespace, localName);
        return null == child ? "" : child.getTextContent().strip();
    }

    /**
     * Escapes text for an element's content or an attribute value.
     *
     * @param text the text.
     * @return the escaped text.
     */
    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
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
        return out.toString();
    }

    private static String writeNode(final Node node)
    {
        try
        {
            final TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            final Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            final StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        }
        catch (final TransformerException ex)
        {
            throw new IllegalStateException("cannot write XML: " + ex.getMessage(), ex);
        }
    }

    private static DocumentBuilder newBuilder()
    {
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            final DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            return builder;
        }
        catch (final ParserConfigurationException ex)
        {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature: " + ex.getMessage(), ex);
        }
    }
}
