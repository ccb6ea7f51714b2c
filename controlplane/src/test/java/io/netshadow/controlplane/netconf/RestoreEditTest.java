package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreEditTest
{
    private static final String NC = XmlDocuments.NETCONF;
    private static final String IF = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    private static final String RT = "urn:ietf:params:xml:ns:yang:ietf-routing";

    @Test
    void replacesTheContainersSavedAndRemovesTheModelContainersNotSaved() throws Exception
    {
        final Element saved = parse("<config xmlns=\"" + NC + "\"><interfaces xmlns=\"" + IF + "\"><interface>" +
            "<name>eth0</name><type xmlns:x=\"urn:t\">x:eth</type></interface></interfaces></config>");
        final Element current = parse("<data xmlns=\"" + NC + "\"><interfaces xmlns=\"" + IF + "\"/>" +
            "<routing xmlns=\"" + RT + "\"/><nacm xmlns=\"urn:ietf:params:xml:ns:yang:ietf-netconf-acm\"/></data>");

        final Element edit = parse(RestoreEdit.build(saved, current, Map.of(), false));

        final List<Element> containers = XmlDocuments.children(edit);
        assertThat(containers).extracting(Element::getLocalName).containsExactly("interfaces", "routing");
        assertThat(containers).extracting(container -> container.getAttributeNS(NC, "operation"))
            .containsExactly("replace", "remove");
    }

    @Test
    void interfacesWithoutATypeGetTheTypeSeenBeforeOrEthernet() throws Exception
    {
        final Map<String, Element> types = new HashMap<>();
        RestoreEdit.learnInterfaceTypes(parse("<data xmlns=\"" + NC + "\"><interfaces xmlns=\"" + IF + "\">" +
            "<interface><name>lo</name><type xmlns:ianaift=\"urn:ietf:params:xml:ns:yang:iana-if-type\">" +
            "ianaift:softwareLoopback</type></interface></interfaces></data>"), types);
        final Element saved = parse("<config xmlns=\"" + NC + "\"><interfaces xmlns=\"" + IF + "\">" +
            "<interface><name>lo</name><enabled>true</enabled></interface>" +
            "<interface><name>eth0</name><enabled>true</enabled></interface></interfaces></config>");

        final Element edit = parse(RestoreEdit.build(saved, parse("<data xmlns=\"" + NC + "\"/>"), types, true));

        final List<Element> entries = XmlDocuments.children(XmlDocuments.children(edit).getFirst());
        assertThat(entries).extracting(entry -> XmlDocuments.children(entry).get(1).getTextContent())
            .containsExactly("ianaift:softwareLoopback", "ianaift:ethernetCsmacd");
        assertThat(entries).allSatisfy(entry -> assertThat(XmlDocuments.child(entry, IF, "type")
            .lookupNamespaceURI("ianaift")).isEqualTo("urn:ietf:params:xml:ns:yang:iana-if-type"));
    }

    @Test
    void nothingToChangeGivesNoEdit() throws Exception
    {
        final Element empty = parse("<data xmlns=\"" + NC + "\"/>");

        assertThat(RestoreEdit.build(parse("<config xmlns=\"" + NC + "\"/>"), empty, Map.of(), true)).isNull();
    }

    private static Element parse(final String xml) throws Exception
    {
        return XmlDocuments.parse(xml).getDocumentElement();
    }
}
