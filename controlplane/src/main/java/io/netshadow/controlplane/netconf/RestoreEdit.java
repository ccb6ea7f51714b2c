package io.netshadow.controlplane.netconf;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;

import static io.netshadow.controlplane.netconf.XmlDocuments.NETCONF;

/**
 * Builds the edit-config that puts a saved configuration back: each top-level container of the device-behaviour
 * model that the saved configuration has is sent with {@code operation="replace"}, and each one the device has now
 * but the saved configuration lacks is sent with {@code operation="remove"}. Containers outside the model (access
 * control, system settings) are left alone.
 * <p>
 * Explicit operations per container, rather than {@code default-operation replace}, because netconfd applies that
 * default only to the containers an edit names and leaves the others in place.
 */
final class RestoreEdit
{
    private static final String INTERFACES = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    private static final String IANA_IF_TYPE_PREFIX = "ianaift";
    private static final String ETHERNET = IANA_IF_TYPE_PREFIX + ":ethernetCsmacd";
    private static final List<Container> MODEL_CONTAINERS = List.of(
        new Container(INTERFACES, "interfaces"),
        new Container("urn:ietf:params:xml:ns:yang:ietf-routing", "routing"),
        new Container("urn:ietf:params:xml:ns:yang:ietf-access-control-list", "acls"),
        new Container("urn:netshadow:params:xml:ns:yang:netshadow-qos", "qos"));

    private RestoreEdit()
    {
    }

    /**
     * The restoring edit.
     *
     * @param saved           a {@code <config>} or {@code <data>} element holding the saved configuration.
     * @param current         the device's running configuration now, a {@code <data>} element.
     * @param interfaceTypes  interface {@code type} elements by interface name, for interfaces the saved
     *                        configuration names without a type (the model does not keep it, ietf-interfaces makes
     *                        it mandatory).
     * @param defaultEthernet whether an interface with no known type gets {@code ianaift:ethernetCsmacd}.
     * @return the {@code <config>} element's XML text, or null when there is nothing to change.
     */
    static String build(
        final Element saved,
        final Element current,
        final Map<String, Element> interfaceTypes,
        final boolean defaultEthernet)
    {
        final Document document = XmlDocuments.newDocument();
        final Element config = document.createElementNS(NETCONF, "config");
        document.appendChild(config);
        for (final Container container : MODEL_CONTAINERS)
        {
            final Element wanted = XmlDocuments.child(saved, container.namespace(), container.name());
            if (null != wanted)
            {
                final Element copy = (Element)document.importNode(XmlDocuments.standalone(wanted), true);
                copy.setAttributeNS(NETCONF, "nc:operation", "replace");
                if (INTERFACES.equals(container.namespace()))
                {
                    addTypes(copy, interfaceTypes, defaultEthernet);
                }
                config.appendChild(copy);
            }
            else if (null != XmlDocuments.child(current, container.namespace(), container.name()))
            {
                final Element removal = document.createElementNS(container.namespace(), container.name());
                removal.setAttributeNS(NETCONF, "nc:operation", "remove");
                config.appendChild(removal);
            }
        }
        return XmlDocuments.children(config).isEmpty() ? null : XmlDocuments.write(config);
    }

    /**
     * Remembers the type of every interface of a configuration.
     *
     * @param data           a {@code <data>} or {@code <config>} element.
     * @param interfaceTypes where the types go, by interface name.
     */
    static void learnInterfaceTypes(final Element data, final Map<String, Element> interfaceTypes)
    {
        final Element interfaces = XmlDocuments.child(data, INTERFACES, "interfaces");
        if (null == interfaces)
        {
            return;
        }
        for (final Element entry : XmlDocuments.children(interfaces))
        {
            final Element type = XmlDocuments.child(entry, INTERFACES, "type");
            final String name = XmlDocuments.childText(entry, INTERFACES, "name");
            if (null != type && !name.isEmpty())
            {
                interfaceTypes.put(name, XmlDocuments.standalone(type));
            }
        }
    }

    private static void addTypes(
        final Element interfaces, final Map<String, Element> interfaceTypes, final boolean defaultEthernet)
    {
        final Document document = interfaces.getOwnerDocument();
        for (final Element entry : XmlDocuments.children(interfaces))
        {
            final Element name = XmlDocuments.child(entry, INTERFACES, "name");
            if (null == name || null != XmlDocuments.child(entry, INTERFACES, "type"))
            {
                continue;
            }
            final Element known = interfaceTypes.get(name.getTextContent().strip());
            final Element type;
            if (null != known)
            {
                type = (Element)document.importNode(known, true);
            }
            else if (defaultEthernet)
            {
                type = document.createElementNS(INTERFACES, "type");
                type.setAttributeNS(
                    "http://www.w3.org/2000/xmlns/", "xmlns:" + IANA_IF_TYPE_PREFIX, Capabilities.IANA_IF_TYPE);
                type.setTextContent(ETHERNET);
            }
            else
            {
                continue;
            }
            entry.insertBefore(type, name.getNextSibling());
        }
    }

    private record Container(String namespace, String name)
    {
    }
}
