package io.netshadow.controlplane.netconf;

import org.w3c.dom.Element;

import java.util.List;
import java.util.regex.Pattern;

/**
 * ietf-interfaces, ietf-ip and ietf-routing snippets that netconfd accepts, and helpers that read them back, for the
 * netconfd integration tests.
 */
final class NetconfdData
{
    static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";
    static final String INTERFACES = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    static final String IP = "urn:ietf:params:xml:ns:yang:ietf-ip";

    private static final Pattern BLANKS_BETWEEN_TAGS = Pattern.compile(">\\s+<");

    private NetconfdData()
    {
    }

    static String config(final String... topLevel)
    {
        return "<config xmlns=\"" + NC + "\" xmlns:nc=\"" + NC + "\">" + String.join("", topLevel) + "</config>";
    }

    static String interfaces(final String... entries)
    {
        return "<interfaces xmlns=\"" + INTERFACES + "\">" + String.join("", entries) + "</interfaces>";
    }

    static String ethernet(final String name, final boolean enabled, final int mtuBytes)
    {
        return "<interface><name>" + name + "</name>" +
            "<type xmlns:ianaift=\"urn:ietf:params:xml:ns:yang:iana-if-type\">ianaift:ethernetCsmacd</type>" +
            "<enabled>" + enabled + "</enabled>" +
            "<ipv4 xmlns=\"" + IP + "\"><mtu>" + mtuBytes + "</mtu></ipv4></interface>";
    }

    static String mtuOnly(final String name, final int mtuBytes)
    {
        return "<interface><name>" + name + "</name>" +
            "<ipv4 xmlns=\"" + IP + "\"><mtu>" + mtuBytes + "</mtu></ipv4></interface>";
    }

    static String staticRoutes(final String... routes)
    {
        return "<routing xmlns=\"urn:ietf:params:xml:ns:yang:ietf-routing\"><control-plane-protocols>" +
            "<control-plane-protocol><type>static</type><name>static</name><static-routes>" +
            "<ipv4 xmlns=\"urn:ietf:params:xml:ns:yang:ietf-ipv4-unicast-routing\">" + String.join("", routes) +
            "</ipv4></static-routes></control-plane-protocol></control-plane-protocols></routing>";
    }

    static String route(final String prefix, final String outgoingInterface)
    {
        return "<route><destination-prefix>" + prefix + "</destination-prefix><next-hop><outgoing-interface>" +
            outgoingInterface + "</outgoing-interface></next-hop></route>";
    }

    static String blackholeRoute(final String prefix)
    {
        return "<route><destination-prefix>" + prefix + "</destination-prefix><next-hop>" +
            "<special-next-hop>blackhole</special-next-hop></next-hop></route>";
    }

    static String removeAll()
    {
        return config(
            "<interfaces xmlns=\"" + INTERFACES + "\" nc:operation=\"remove\"/>",
            "<routing xmlns=\"urn:ietf:params:xml:ns:yang:ietf-routing\" nc:operation=\"remove\"/>");
    }

    /**
     * Empties interfaces and routing on the device and sets a configuration in their place.
     */
    static void reset(final NetconfSession session, final String... topLevel) throws NetconfException
    {
        session.discardChanges();
        session.editConfig(EditConfig.of(Datastore.CANDIDATE, removeAll()));
        if (topLevel.length > 0)
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(topLevel)));
        }
        session.commit();
    }

    /**
     * The MTU an interface has in a datastore, or -1 when the datastore does not have the interface or its MTU.
     */
    static int mtu(final NetconfSession session, final Datastore datastore, final String name) throws Exception
    {
        final Element data = XmlDocuments.parse(session.getConfig(datastore).data()).getDocumentElement();
        final Element interfaces = XmlDocuments.child(data, INTERFACES, "interfaces");
        if (null == interfaces)
        {
            return -1;
        }
        for (final Element entry : XmlDocuments.children(interfaces))
        {
            final Element ipv4 = XmlDocuments.child(entry, IP, "ipv4");
            if (name.equals(XmlDocuments.childText(entry, INTERFACES, "name")) && null != ipv4)
            {
                final String mtu = XmlDocuments.childText(ipv4, IP, "mtu");
                return mtu.isEmpty() ? -1 : Integer.parseInt(mtu);
            }
        }
        return -1;
    }

    /**
     * The names of the interfaces a datastore has.
     */
    static List<String> interfaceNames(final NetconfSession session, final Datastore datastore) throws Exception
    {
        final Element data = XmlDocuments.parse(session.getConfig(datastore).data()).getDocumentElement();
        final Element interfaces = XmlDocuments.child(data, INTERFACES, "interfaces");
        return null == interfaces ? List.of() : XmlDocuments.children(interfaces).stream()
            .map(entry -> XmlDocuments.childText(entry, INTERFACES, "name"))
            .toList();
    }

    /**
     * A datastore's content with whitespace between tags removed, for exact comparisons.
     */
    static String compact(final String xml)
    {
        return BLANKS_BETWEEN_TAGS.matcher(xml.strip()).replaceAll("><");
    }
}
