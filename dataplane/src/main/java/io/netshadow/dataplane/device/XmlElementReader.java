package io.netshadow.dataplane.device;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses XML text into {@link XmlElement}s with the JDK's StAX parser, refusing DTDs so that no entity, internal
 * or external, is ever expanded.
 */
final class XmlElementReader
{
    private XmlElementReader()
    {
    }

    static XmlElement read(final String xml) throws DeviceConfigException
    {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = null;
        try
        {
            reader = factory.createXMLStreamReader(new StringReader(xml));
            return readDocument(reader);
        }
        catch (final XMLStreamException ex)
        {
            throw malformed(ex);
        }
        finally
        {
            close(reader);
        }
    }

    private static XmlElement readDocument(final XMLStreamReader reader)
        throws XMLStreamException, DeviceConfigException
    {
        final Deque<Open> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext())
        {
            switch (reader.next())
            {
                case XMLStreamConstants.START_ELEMENT -> open.push(Open.of(reader));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                {
                    if (!open.isEmpty())
                    {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT ->
                {
                    final XmlElement element = open.pop().build();
                    if (open.isEmpty())
                    {
                        root = element;
                    }
                    else
                    {
                        open.peek().children.add(element);
                    }
                }
                case XMLStreamConstants.DTD -> throw new DeviceConfigException(
                    DeviceConfigException.Kind.MALFORMED_XML,
                    "",
                    "malformed XML at line " + reader.getLocation().getLineNumber() + ", column " +
                        reader.getLocation().getColumnNumber() + ": a DOCTYPE is not accepted");
                default ->
                {
                }
            }
        }
        if (null == root)
        {
            throw new DeviceConfigException(DeviceConfigException.Kind.MALFORMED_XML, "", "malformed XML: no element");
        }
        return root;
    }

    private static DeviceConfigException malformed(final XMLStreamException ex)
    {
        final String message = null == ex.getMessage() ? "unreadable" : ex.getMessage();
        final int detail = message.indexOf("Message: ");
        final String reason = detail < 0 ? message : message.substring(detail + "Message: ".length());
        final String where = null == ex.getLocation() ? "" :
            " at line " + ex.getLocation().getLineNumber() + ", column " + ex.getLocation().getColumnNumber();
        return new DeviceConfigException(
            DeviceConfigException.Kind.MALFORMED_XML, "", "malformed XML" + where + ": " + reason);
    }

    private static void close(final XMLStreamReader reader)
    {
        if (null != reader)
        {
            try
            {
                reader.close();
            }
            catch (final XMLStreamException ignore)
            {
                // the text was read from memory: nothing is left to release
            }
        }
    }

    private static final class Open
    {
        private final String namespace;
        private final String localName;
        private final Map<QName, String> attributes;
        private final int line;
        private final int column;
        private final StringBuilder text = new StringBuilder();
        private final List<XmlElement> children = new ArrayList<>();

        private Open(
            final String namespace,
            final String localName,
            final Map<QName, String> attributes,
            final int line,
            final int column)
        {
            this.namespace = namespace;
            this.localName = localName;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        static Open of(final XMLStreamReader reader)
        {
            final Map<QName, String> attributes = new HashMap<>();
            for (int i = 0; i < reader.getAttributeCount(); i++)
            {
                final QName name = reader.getAttributeName(i);
                attributes.put(new QName(name.getNamespaceURI(), name.getLocalPart()), reader.getAttributeValue(i));
            }
            final String namespace = reader.getNamespaceURI();
            return new Open(
                null == namespace ? "" : namespace,
                reader.getLocalName(),
                Map.copyOf(attributes),
                reader.getLocation().getLineNumber(),
                reader.getLocation().getColumnNumber());
        }

        XmlElement build()
        {
            return new XmlElement(
                namespace, localName, attributes, text.toString(), List.copyOf(children), line, column);
        }
    }
}
