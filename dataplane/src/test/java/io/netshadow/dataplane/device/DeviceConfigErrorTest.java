package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import static io.netshadow.dataplane.device.DeviceConfigEditTest.aces;
import static io.netshadow.dataplane.device.DeviceConfigEditTest.routes;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.ACL;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.BRIEF_CONFIG;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IF;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IP;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.NC;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.QOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeviceConfigErrorTest
{
    @Test
    void malformedXmlNamesLineAndColumn()
    {
        final DeviceConfigException ex =
            refused(DeviceConfig.empty(), "<interfaces " + IF + ">\n  <interface>\n</interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MALFORMED_XML);
        assertThat(ex.getMessage()).startsWith("malformed XML at line 3, column").contains("interface");
    }

    @Test
    void emptyTextIsMalformed()
    {
        assertThat(refused(DeviceConfig.empty(), "").kind()).isEqualTo(DeviceConfigException.Kind.MALFORMED_XML);
    }

    @Test
    void doctypeIsRefusedSoNoEntityIsExpanded()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(),
            "<?xml version=\"1.0\"?><!DOCTYPE interfaces [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
            "<interfaces " + IF + "><interface><name>&x;</name></interface></interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MALFORMED_XML);
        assertThat(ex.getMessage()).contains("line 1").doesNotContain("root:");
    }

    @Test
    void unknownElementInAModelNamespaceNamesItsPath()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<interfaces " + IF + ">\n" +
            "<interface><name>eth0</name><speed>10G</speed></interface></interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.UNKNOWN_ELEMENT);
        assertThat(ex.path()).isEqualTo("/interfaces/interface[name=eth0]/speed");
        assertThat(ex.getMessage()).contains("line 2");
    }

    @Test
    void elementWithoutANamespaceIsRefusedRatherThanIgnored()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(),
            "<config><interfaces><interface><name>eth0</name></interface></interfaces></config>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.UNKNOWN_ELEMENT);
        assertThat(ex.getMessage()).contains("/interfaces").contains("no namespace");
    }

    @Test
    void prefixThatIsNotCidrNamesItsPath()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, "<acls " + ACL + "><acl><name>x</name><aces><ace>" +
            "<name>y</name><matches><ipv4><source-ipv4-network>10.1.0.0</source-ipv4-network></ipv4></matches>" +
            "<actions><forwarding>drop</forwarding></actions></ace></aces></acl></acls>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.INVALID_VALUE);
        assertThat(ex.path()).isEqualTo("/acls/acl[name=x]/aces/ace[name=y]/matches/ipv4/source-ipv4-network");
        assertThat(ex.getMessage()).contains("'10.1.0.0'").contains(ex.path());
    }

    @Test
    void routePrefixWithHostBitsIsRefused()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), routes(
            "<route><destination-prefix>10.2.0.1/16</destination-prefix>" +
            "<next-hop><outgoing-interface>eth1</outgoing-interface></next-hop></route>"));

        assertThat(ex.path()).endsWith("/route[destination-prefix=10.2.0.1/16]/destination-prefix");
        assertThat(ex.getMessage()).contains("host bits");
    }

    @Test
    void mtuOutsideTheIpv4RangeIsRefused()
    {
        for (final String mtu : new String[]{"67", "65536", "big"})
        {
            final DeviceConfigException ex = refused(DeviceConfig.empty(), "<interfaces " + IF + "><interface>" +
                "<name>eth0</name><ipv4 " + IP + "><mtu>" + mtu + "</mtu></ipv4></interface></interfaces>");

            assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.INVALID_VALUE);
            assertThat(ex.path()).isEqualTo("/interfaces/interface[name=eth0]/ipv4/mtu");
        }
    }

    @Test
    void portOutsideTheRangeIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, aces("<ace><name>p</name><matches><tcp>" +
            "<destination-port><operator>eq</operator><port>70000</port></destination-port></tcp></matches>" +
            "<actions><forwarding>drop</forwarding></actions></ace>"));

        assertThat(ex.path()).isEqualTo("/acls/acl[name=edge-in]/aces/ace[name=p]/matches/tcp/destination-port/port");
    }

    @Test
    void protocolContradictingTheTransportMatchIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, aces("<ace><name>p</name><matches>" +
            "<ipv4><protocol>17</protocol></ipv4><tcp><destination-port><port>80</port></destination-port></tcp>" +
            "</matches><actions><forwarding>drop</forwarding></actions></ace>"));

        assertThat(ex.path()).isEqualTo("/acls/acl[name=edge-in]/aces/ace[name=p]/matches/ipv4/protocol");
    }

    @Test
    void attachmentNamingAMissingAclIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, "<acls " + ACL + "><attachment-points><interface>" +
            "<interface-id>eth1</interface-id><egress><acl-sets><acl-set><name>nope</name></acl-set></acl-sets>" +
            "</egress></interface></attachment-points></acls>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.INVALID_VALUE);
        assertThat(ex.path()).isEqualTo(
            "/acls/attachment-points/interface[interface-id=eth1]/egress/acl-sets/acl-set[name=nope]");
    }

    @Test
    void deletingAnAclThatIsStillAttachedIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, "<acls " + ACL + " " + NC + ">" +
            "<acl nc:operation=\"delete\"><name>edge-in</name></acl></acls>");

        assertThat(ex.path()).isEqualTo(
            "/acls/attachment-points/interface[interface-id=eth0]/ingress/acl-sets/acl-set[name=edge-in]");
    }

    @Test
    void aceWithoutAnActionIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, aces("<ace><name>n</name></ace>"));

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MISSING_ELEMENT);
        assertThat(ex.path()).isEqualTo("/acls/acl[name=edge-in]/aces/ace[name=n]/actions/forwarding");
    }

    @Test
    void unknownActionIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, aces("<ace><name>n</name>" +
            "<actions><forwarding>acl:log</forwarding></actions></ace>"));

        assertThat(ex.path()).isEqualTo("/acls/acl[name=edge-in]/aces/ace[name=n]/actions/forwarding");
    }

    @Test
    void policerWithoutBurstIsRefused()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth0</name>" +
            "<ingress-policer><rate-bps>1000</rate-bps></ingress-policer></interface></qos>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MISSING_ELEMENT);
        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth0]/ingress-policer");
    }

    @Test
    void unknownOperationIsABadAttribute()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, "<interfaces " + IF + " " + NC + ">" +
            "<interface nc:operation=\"erase\"><name>eth1</name></interface></interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.BAD_ATTRIBUTE);
        assertThat(ex.path()).isEqualTo("/interfaces/interface[name=eth1]");
    }

    @Test
    void listEntryWithoutItsKeyIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG,
            "<interfaces " + IF + "><interface><enabled>false</enabled></interface></interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MISSING_ELEMENT);
        assertThat(ex.path()).isEqualTo("/interfaces/interface");
    }

    @Test
    void nonStaticControlPlaneProtocolIsRefused()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<routing " + DeviceConfigXmlTest.RT + ">" +
            "<control-plane-protocols><control-plane-protocol><type>ospf</type><name>1</name>" +
            "</control-plane-protocol></control-plane-protocols></routing>");

        assertThat(ex.path()).isEqualTo("/routing/control-plane-protocols/control-plane-protocol[type=ospf]/type");
    }

    @Test
    void insertOnASystemOrderedListIsRefused()
    {
        final DeviceConfigException ex = refused(BRIEF_CONFIG, "<interfaces " + IF +
            " xmlns:yang=\"urn:ietf:params:xml:ns:yang:1\"><interface yang:insert=\"first\"><name>eth7</name>" +
            "</interface></interfaces>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.BAD_ATTRIBUTE);
    }

    private static DeviceConfigException refused(final DeviceConfig base, final String xml)
    {
        final DeviceConfigException ex =
            catchThrowableOfType(DeviceConfigException.class, () -> DeviceConfigXml.applyEdit(base, xml));
        assertThat(ex).as("edit refused").isNotNull();
        return ex;
    }
}
