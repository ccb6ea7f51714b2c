package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RpcsTest
{
    @Test
    void dataWithoutNamespaceKeepsNoNamespaceInsideTheBaseConfigElement() throws Exception
    {
        final Element config = XmlDocuments.parse(Rpcs.config("<config><top><leaf>1</leaf></top></config>"))
            .getDocumentElement();

        assertThat(config.getNamespaceURI()).isEqualTo(XmlDocuments.NETCONF);
        assertThat(XmlDocuments.children(config)).singleElement()
            .satisfies(top -> assertThat(top.getNamespaceURI()).isNull());
    }

    @Test
    void prefixesDeclaredOnTheWrapperStayDeclaredForTheData() throws Exception
    {
        final String config = Rpcs.config("<config xmlns=\"" + XmlDocuments.NETCONF + "\" xmlns:nc=\"" +
            XmlDocuments.NETCONF + "\" xmlns:t=\"urn:types\"><top xmlns=\"urn:x\" nc:operation=\"replace\">" +
            "<type>t:ethernet</type></top></config>");

        final Element top = XmlDocuments.children(XmlDocuments.parse(config).getDocumentElement()).getFirst();
        assertThat(top.getAttributeNS(XmlDocuments.NETCONF, "operation")).isEqualTo("replace");
        assertThat(top.lookupNamespaceURI("t")).isEqualTo("urn:types");
    }

    @Test
    void configElementInADataNamespaceIsTakenAsData() throws Exception
    {
        final Element config = XmlDocuments.parse(Rpcs.config("<config xmlns=\"urn:x\"><a/></config>"))
            .getDocumentElement();

        assertThat(XmlDocuments.children(config)).singleElement()
            .satisfies(data -> assertThat(data.getNamespaceURI()).isEqualTo("urn:x"));
    }

    @Test
    void confirmTimeoutIsWholeSecondsRoundedUpAndAtLeastOne()
    {
        assertThat(Rpcs.confirmTimeoutSeconds(Duration.ofSeconds(600))).isEqualTo(600);
        assertThat(Rpcs.confirmTimeoutSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(Rpcs.confirmTimeoutSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }

    @Test
    void subtreeFilterMustBeWellFormed()
    {
        assertThatThrownBy(() -> Rpcs.get("<interfaces>")).isInstanceOf(SAXException.class);
    }
}
