package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceConfigXmlTest
{
    static final String NC = "xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\"";
    static final String IF = "xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\"";
    static final String IP = "xmlns=\"urn:ietf:params:xml:ns:yang:ietf-ip\"";
    static final String RT = "xmlns=\"urn:ietf:params:xml:ns:yang:ietf-routing\"";
    static final String V4 = "xmlns=\"urn:ietf:params:xml:ns:yang:ietf-ipv4-unicast-routing\"";
    static final String ACL = "xmlns=\"urn:ietf:params:xml:ns:yang:ietf-access-control-list\"";
    static final String QOS = "xmlns=\"urn:netshadow:params:xml:ns:yang:netshadow-qos\"";

    static final String BRIEF_XML = """
        <config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
          <interfaces %s>
            <interface><name>eth1</name><enabled>false</enabled><ipv4 %s><mtu>1400</mtu></ipv4></interface>
          </interfaces>
          <routing %s>
            <control-plane-protocols><control-plane-protocol>
              <type>static</type><name>static</name>
              <static-routes><ipv4 %s>
                <route><destination-prefix>10.2.0.0/16</destination-prefix>
                  <next-hop><outgoing-interface>eth1</outgoing-interface></next-hop></route>
                <route><destination-prefix>10.9.0.0/16</destination-prefix>
                  <next-hop><special-next-hop>blackhole</special-next-hop></next-hop></route>
              </ipv4></static-routes>
            </control-plane-protocol></control-plane-protocols>
          </routing>
          <acls %s>
            <acl><name>edge-in</name><type>ipv4-acl-type</type><aces>
              <ace><name>no-web</name>
                <matches>
                  <ipv4><source-ipv4-network>10.1.0.0/24</source-ipv4-network>
                    <destination-ipv4-network>10.2.0.0/16</destination-ipv4-network><protocol>6</protocol></ipv4>
                  <tcp><destination-port><operator>eq</operator><port>80</port></destination-port></tcp>
                </matches>
                <actions><forwarding>drop</forwarding></actions></ace>
              <ace><name>rest</name><actions><forwarding>ietf-access-control-list:accept</forwarding></actions></ace>
            </aces></acl>
            <attachment-points><interface><interface-id>eth0</interface-id>
              <ingress><acl-sets><acl-set><name>edge-in</name></acl-set></acl-sets></ingress>
            </interface></attachment-points>
          </acls>
          <qos %s><interface><name>eth0</name>
            <ingress-policer><rate-bps>1000000</rate-bps><burst-bytes>15000</burst-bytes></ingress-policer>
          </interface></qos>
        </config>
        """.formatted(IF, IP, RT, V4, ACL, QOS);

    static final DeviceConfig BRIEF_CONFIG = DeviceConfig.empty()
        .withInterface(new InterfaceConfig("eth1", false, 1400))
        .withStaticRoute(StaticRoute.via("10.2.0.0/16", "eth1"))
        .withStaticRoute(StaticRoute.blackhole("10.9.0.0/16"))
        .withAcl(Acl.of("edge-in",
            AclEntry.matchingAll("no-web", AclAction.DROP)
                .withSourceNetwork(Ipv4Prefix.parse("10.1.0.0/24"))
                .withDestinationNetwork(Ipv4Prefix.parse("10.2.0.0/16"))
                .withProtocol(AclEntry.TCP)
                .withDestinationPorts(PortMatch.equalTo(80)),
            AclEntry.matchingAll("rest", AclAction.ACCEPT)))
        .withAclAttachment(AclAttachment.ingress("eth0", "edge-in"))
        .withIngressPolicer(new Policer("eth0", 1_000_000, 15_000));

    @Test
    void readsTheStandardShapes() throws DeviceConfigException
    {
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), BRIEF_XML)).isEqualTo(BRIEF_CONFIG);
    }

    @Test
    void roundTripReproducesEveryKindOfSetting() throws DeviceConfigException
    {
        final DeviceConfig config = BRIEF_CONFIG
            .withInterface(InterfaceConfig.defaults("eth0").withMtuBytes(9000))
            .withAcl(Acl.of("ports",
                AclEntry.matchingAll("not-ssh", AclAction.REJECT).withProtocol(AclEntry.TCP)
                    .withSourcePorts(PortMatch.notEqualTo(22)),
                AclEntry.matchingAll("low", AclAction.DROP).withProtocol(AclEntry.UDP)
                    .withDestinationPorts(PortMatch.range(0, 1023)),
                AclEntry.matchingAll("high", AclAction.ACCEPT).withProtocol(AclEntry.UDP)
                    .withSourcePorts(PortMatch.range(49152, 65535)),
                AclEntry.matchingAll("mid", AclAction.DROP).withProtocol(AclEntry.TCP)
                    .withDestinationPorts(PortMatch.range(8000, 8080)),
                AclEntry.matchingAll("icmp", AclAction.ACCEPT).withProtocol(1),
                AclEntry.matchingAll("all", AclAction.DROP)))
            .withAclAttachment(new AclAttachment("eth1", List.of("ports", "edge-in"), List.of("edge-in")))
            .withAclAttachment(new AclAttachment("eth2", List.of(), List.of()))
            .withIngressPolicer(new Policer("eth1", 5_000_000_000L, 1_000_000));

        final String xml = DeviceConfigXml.toXml(config);

        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml)).isEqualTo(config);
        assertThat(DeviceConfigXml.toXml(DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml))).isEqualTo(xml);
    }

    @Test
    void emptyConfigRoundTrips() throws DeviceConfigException
    {
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), DeviceConfigXml.toXml(DeviceConfig.empty())))
            .isEqualTo(DeviceConfig.empty());
    }

    @Test
    void acceptsABareTopLevelContainerOrAConfigWrapperInAnyNamespace() throws DeviceConfigException
    {
        final String bare = "<interfaces " + IF + "><interface><name>eth3</name><enabled>false</enabled>" +
            "</interface></interfaces>";
        final String wrapped = "<config xmlns=\"urn:example:anything\">" + bare + "</config>";
        final String unqualified = "<config>" + bare + "</config>";
        final DeviceConfig expected =
            DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth3").withEnabled(false));

        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), bare)).isEqualTo(expected);
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), wrapped)).isEqualTo(expected);
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), unqualified)).isEqualTo(expected);
    }

    @Test
    void ignoresElementsOfNamespacesOutsideTheModel() throws DeviceConfigException
    {
        final String xml = "<config><system xmlns=\"urn:example:system\"><hostname>r1</hostname></system>" +
            "<interfaces " + IF + "><interface><name>eth0</name><enabled>false</enabled>" +
            "<vendor-knob xmlns=\"urn:example:vendor\">7</vendor-knob></interface></interfaces></config>";

        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml))
            .isEqualTo(DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth0").withEnabled(false)));
    }

    @Test
    void acceptsInterfaceTypeWithoutKeepingIt() throws DeviceConfigException
    {
        final String xml = "<interfaces " + IF + " xmlns:ianaift=\"urn:ietf:params:xml:ns:yang:iana-if-type\">" +
            "<interface><name>eth0</name><type>ianaift:ethernetCsmacd</type><ipv4 " + IP + "><mtu>9000</mtu></ipv4>" +
            "</interface></interfaces>";

        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml))
            .isEqualTo(DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth0").withMtuBytes(9000)));
    }

    @Test
    void leavesTheBaseUnchanged() throws DeviceConfigException
    {
        final DeviceConfig before = BRIEF_CONFIG;

        DeviceConfigXml.applyEdit(before, "<interfaces " + IF + "><interface><name>eth1</name>" +
            "<enabled>true</enabled></interface></interfaces>");

        assertThat(before).isEqualTo(BRIEF_CONFIG);
    }
}
