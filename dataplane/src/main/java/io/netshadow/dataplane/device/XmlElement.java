package io.netshadow.dataplane.device;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.Map;

/**
 * An element of a parsed XML document with the position of its start tag, for messages that point at it.
 *
 * @param namespace  namespace URI, empty when none.
 * @param localName  name without prefix.
 * @param attributes attribute values by qualified name.
 * @param text       the character data directly inside the element.
 * @param children   child elements in document order.
 * @param line       line of the start tag.
 * @param column     column at which the start tag ends.
 */
record XmlElement(
    String namespace,
    String localName,
    Map<QName, String> attributes,
    String text,
    List<XmlElement> children,
    int line,
    int column)
{
    String attribute(final String attributeNamespace, final String attributeName)
    {
        return attributes.get(new QName(attributeNamespace, attributeName));
    }

    String position()
    {
        return "line " + line + ", column " + column;
    }
}
