package io.netshadow.controlplane.netconf.agent;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A message from the agent, parsed for assertions: a hello or an rpc-reply.
 */
final class Reply
{
    private final String xml;
    private final Element root;

    private Reply(final String xml, final Element root)
    {
        this.xml = xml;
        this.root = root;
    }

    static Reply parse(final String xml)
    {
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            final Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return new Reply(xml, document.getDocumentElement());
        }
        catch (final Exception ex)
        {
            throw new AssertionError("the agent sent a message that is not XML: " + xml, ex);
        }
    }

    String xml()
    {
        return xml;
    }

    String rootName()
    {
        return root.getLocalName();
    }

    String attribute(final String name)
    {
        return root.hasAttribute(name) ? root.getAttribute(name) : null;
    }

    boolean ok()
    {
        return !all("ok").isEmpty() && all("rpc-error").isEmpty();
    }

    int errorCount()
    {
        return all("rpc-error").size();
    }

    String errorTag()
    {
        return text("error-tag");
    }

    String errorType()
    {
        return text("error-type");
    }

    String errorSeverity()
    {
        return text("error-severity");
    }

    String errorPath()
    {
        return text("error-path");
    }

    String errorMessage()
    {
        return text("error-message");
    }

    /**
     * The namespace an error-path prefix stands for.
     */
    String errorPathNamespace(final String prefix)
    {
        final List<Element> paths = all("error-path");
        return paths.isEmpty() ? null : paths.getFirst().lookupNamespaceURI(prefix);
    }

    /**
     * The text of the first descendant with a local name, or null.
     */
    String text(final String localName)
    {
        final List<Element> elements = all(localName);
        return elements.isEmpty() ? null : elements.getFirst().getTextContent().strip();
    }

    /**
     * The texts of every descendant with a local name.
     */
    List<String> texts(final String localName)
    {
        final List<String> texts = new ArrayList<>();
        for (final Element element : all(localName))
        {
            texts.add(element.getTextContent().strip());
        }
        return texts;
    }

    /**
     * The local names of the children of the data element.
     */
    List<String> dataChildren()
    {
        final List<String> names = new ArrayList<>();
        final List<Element> data = all("data");
        if (!data.isEmpty())
        {
            for (Node node = data.getFirst().getFirstChild(); null != node; node = node.getNextSibling())
            {
                if (node instanceof final Element element)
                {
                    names.add(element.getLocalName());
                }
            }
        }
        return names;
    }

    private List<Element> all(final String localName)
    {
        final List<Element> elements = new ArrayList<>();
        final NodeList nodes = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++)
        {
            elements.add((Element)nodes.item(i));
        }
        return elements;
    }

    @Override
    public String toString()
    {
        return xml;
    }
}
