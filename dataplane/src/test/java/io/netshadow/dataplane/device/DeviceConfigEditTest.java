package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.netshadow.dataplane.device.DeviceConfigXmlTest.ACL;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.BRIEF_CONFIG;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IF;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IP;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.NC;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.QOS;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.RT;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.V4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeviceConfigEditTest
{
    private static final String YANG = "xmlns:yang=\"urn:ietf:params:xml:ns:yang:1\"";

    @Test
    void mergeChangesOnlyTheLeavesItNames() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG,
            "<interfaces " + IF + "><interface><name>eth1</name><enabled>true</enabled></interface></interfaces>");

        assertThat(edited.interfaceConfig("eth1")).isEqualTo(new InterfaceConfig("eth1", true, 1400));
        assertThat(edited.acls()).isEqualTo(BRIEF_CONFIG.acls());
    }

    @Test
    void mergeAppendsANewListEntry() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, aces("<ace><name>last</name>" +
            "<actions><forwarding>drop</forwarding></actions></ace>"));

        assertThat(edited.acls().get("edge-in").entries()).extracting(AclEntry::name)
            .containsExactly("no-web", "rest", "last");
    }

    @Test
    void replaceSwapsTheWholeNode() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, "<acls " + ACL + " " + NC + "><acl><name>edge-in</name>" +
            "<aces nc:operation=\"replace\"><ace><name>only</name><matches><ipv4>" +
            "<source-ipv4-network>10.7.0.0/16</source-ipv4-network></ipv4></matches>" +
            "<actions><forwarding>reject</forwarding></actions></ace></aces></acl></acls>");

        assertThat(edited.acls().get("edge-in").entries()).containsExactly(
            AclEntry.matchingAll("only", AclAction.REJECT).withSourceNetwork(Ipv4Prefix.parse("10.7.0.0/16")));
    }

    @Test
    void replaceOfAnInterfaceResetsTheLeavesItOmits() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, "<interfaces " + IF + " " + NC + ">" +
            "<interface nc:operation=\"replace\"><name>eth1</name><enabled>false</enabled></interface></interfaces>");

        assertThat(edited.interfaceConfig("eth1")).isEqualTo(new InterfaceConfig("eth1", false, 1500));
    }

    @Test
    void createAddsAMissingEntry() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, routes(
            "<route nc:operation=\"create\"><destination-prefix>10.3.0.0/16</destination-prefix>" +
            "<next-hop><outgoing-interface>eth2</outgoing-interface></next-hop></route>"));

        assertThat(edited.staticRoutes()).containsEntry(
            Ipv4Prefix.parse("10.3.0.0/16"), StaticRoute.via("10.3.0.0/16", "eth2"));
        assertThat(edited.staticRoutes()).hasSize(3);
    }

    @Test
    void createOfAnExistingEntryIsRefused()
    {
        assertThatExceptionOfType(DeviceConfigException.class)
            .isThrownBy(() -> edit(BRIEF_CONFIG, routes(
                "<route nc:operation=\"create\"><destination-prefix>10.2.0.0/16</destination-prefix>" +
                "<next-hop><outgoing-interface>eth2</outgoing-interface></next-hop></route>")))
            .satisfies(ex ->
            {
                assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.DATA_EXISTS);
                assertThat(ex.path()).endsWith("/static-routes/ipv4/route[destination-prefix=10.2.0.0/16]");
            });
    }

    @Test
    void deleteRemovesAnEntry() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, routes(
            "<route nc:operation=\"delete\"><destination-prefix>10.9.0.0/16</destination-prefix></route>"));

        assertThat(edited.staticRoutes()).containsOnlyKeys(Ipv4Prefix.parse("10.2.0.0/16"));
    }

    @Test
    void deleteOfAMissingEntryIsRefused()
    {
        assertThatExceptionOfType(DeviceConfigException.class)
            .isThrownBy(() -> edit(BRIEF_CONFIG, routes(
                "<route nc:operation=\"delete\"><destination-prefix>10.8.0.0/16</destination-prefix></route>")))
            .satisfies(ex ->
            {
                assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.DATA_MISSING);
                assertThat(ex.getMessage()).contains("route[destination-prefix=10.8.0.0/16]").contains("line 1");
            });
    }

    @Test
    void removeOfAMissingEntryIsSilent() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, routes(
            "<route nc:operation=\"remove\"><destination-prefix>10.8.0.0/16</destination-prefix></route>"));

        assertThat(edited).isEqualTo(BRIEF_CONFIG);
    }

    @Test
    void removeDeletesAnExistingEntry() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, "<qos " + QOS + " " + NC + ">" +
            "<interface nc:operation=\"remove\"><name>eth0</name></interface></qos>");

        assertThat(edited.ingressPolicers()).isEmpty();
    }

    @Test
    void deleteOfALeafRestoresItsDefault() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, "<interfaces " + IF + " " + NC + "><interface>" +
            "<name>eth1</name><ipv4 " + IP + "><mtu nc:operation=\"delete\"/></ipv4></interface></interfaces>");

        assertThat(edited.interfaceConfig("eth1")).isEqualTo(new InterfaceConfig("eth1", false, 1500));
    }

    @Test
    void operationIsInheritedByDescendants() throws DeviceConfigException
    {
        final String createPolicer = "<config " + NC + " nc:operation=\"create\"><qos " + QOS + "><interface>" +
            "<name>eth5</name><ingress-policer><rate-bps>64000</rate-bps><burst-bytes>3000</burst-bytes>" +
            "</ingress-policer></interface></qos></config>";

        assertThat(edit(DeviceConfig.empty(), createPolicer).ingressPolicers())
            .containsExactly(Map.entry("eth5", new Policer("eth5", 64_000, 3_000)));
        assertThatExceptionOfType(DeviceConfigException.class)
            .isThrownBy(() -> edit(BRIEF_CONFIG, createPolicer))
            .satisfies(ex ->
            {
                assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.DATA_EXISTS);
                assertThat(ex.path()).isEqualTo("/qos");
            });
    }

    @Test
    void settingOneCaseOfAChoiceClearsTheOther() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, routes(
            "<route><destination-prefix>10.2.0.0/16</destination-prefix>" +
            "<next-hop><special-next-hop>blackhole</special-next-hop></next-hop></route>"));

        assertThat(edited.staticRoutes().get(Ipv4Prefix.parse("10.2.0.0/16")))
            .isEqualTo(StaticRoute.blackhole("10.2.0.0/16"));
    }

    @Test
    void yangInsertPlacesAnEntryFirstOrBesideAnother() throws DeviceConfigException
    {
        final DeviceConfig first = edit(BRIEF_CONFIG, aces("<ace yang:insert=\"first\"><name>top</name>" +
            "<actions><forwarding>drop</forwarding></actions></ace>"));
        final DeviceConfig after = edit(first, aces("<ace yang:insert=\"after\" yang:key=\"[acl:name='no-web']\">" +
            "<name>mid</name><actions><forwarding>drop</forwarding></actions></ace>"));
        final DeviceConfig moved = edit(after, aces("<ace yang:insert=\"before\" yang:key=\"[name='top']\">" +
            "<name>rest</name></ace>"));

        assertThat(first.acls().get("edge-in").entries()).extracting(AclEntry::name)
            .containsExactly("top", "no-web", "rest");
        assertThat(after.acls().get("edge-in").entries()).extracting(AclEntry::name)
            .containsExactly("top", "no-web", "mid", "rest");
        assertThat(moved.acls().get("edge-in").entries()).extracting(AclEntry::name)
            .containsExactly("rest", "top", "no-web", "mid");
    }

    @Test
    void portRangesAndOperatorsBecomeRanges() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(DeviceConfig.empty(), "<acls " + ACL + "><acl><name>a</name><aces>" +
            ace("lt", "<udp><source-port><operator>lt</operator><port>1024</port></source-port></udp>") +
            ace("gt", "<tcp><destination-port><operator>gt</operator><port>1023</port></destination-port></tcp>") +
            ace("range", "<tcp><destination-port><lower-port>10</lower-port><upper-port>20</upper-port>" +
                "</destination-port></tcp>") +
            ace("bare", "<udp><destination-port><port>53</port></destination-port></udp>") +
            "</aces></acl></acls>");

        assertThat(edited.acls().get("a").entries()).containsExactly(
            AclEntry.matchingAll("lt", AclAction.DROP).withProtocol(AclEntry.UDP)
                .withSourcePorts(PortMatch.range(0, 1023)),
            AclEntry.matchingAll("gt", AclAction.DROP).withProtocol(AclEntry.TCP)
                .withDestinationPorts(PortMatch.range(1024, 65535)),
            AclEntry.matchingAll("range", AclAction.DROP).withProtocol(AclEntry.TCP)
                .withDestinationPorts(PortMatch.range(10, 20)),
            AclEntry.matchingAll("bare", AclAction.DROP).withProtocol(AclEntry.UDP)
                .withDestinationPorts(PortMatch.equalTo(53)));
    }

    @Test
    void deletingAnAttachmentThenItsAclSucceedsInOneEdit() throws DeviceConfigException
    {
        final DeviceConfig edited = edit(BRIEF_CONFIG, "<acls " + ACL + " " + NC + ">" +
            "<acl nc:operation=\"delete\"><name>edge-in</name></acl>" +
            "<attachment-points><interface nc:operation=\"delete\"><interface-id>eth0</interface-id></interface>" +
            "</attachment-points></acls>");

        assertThat(edited.acls()).isEmpty();
        assertThat(edited.aclAttachments()).isEmpty();
        assertThat(edited.staticRoutes()).isEqualTo(BRIEF_CONFIG.staticRoutes());
    }

    static DeviceConfig edit(final DeviceConfig base, final String xml) throws DeviceConfigException
    {
        return DeviceConfigXml.applyEdit(base, xml);
    }

    static String routes(final String routeXml)
    {
        return "<routing " + RT + " " + NC + "><control-plane-protocols><control-plane-protocol>" +
            "<type xmlns:rt=\"urn:ietf:params:xml:ns:yang:ietf-routing\">rt:static</type><name>static</name>" +
            "<static-routes><ipv4 " + V4 + ">" + routeXml + "</ipv4></static-routes>" +
            "</control-plane-protocol></control-plane-protocols></routing>";
    }

    static String aces(final String aceXml)
    {
        return "<acls " + ACL + " " + YANG + " xmlns:acl=\"urn:ietf:params:xml:ns:yang:ietf-access-control-list\">" +
            "<acl><name>edge-in</name><aces>" + aceXml + "</aces></acl></acls>";
    }

    private static String ace(final String name, final String l4)
    {
        return "<ace><name>" + name + "</name><matches>" + l4 + "</matches>" +
            "<actions><forwarding>drop</forwarding></actions></ace>";
    }
}
