package io.netshadow.controlplane.netconf.agent;

import io.netshadow.controlplane.netconf.NetconfFraming;

import java.util.List;
import java.util.Map;

/**
 * What an agent announces in its hello: the base protocol versions, the RFC 6241 capabilities it implements, and
 * the YANG modules of the device model; plus the module prefixes used in error paths.
 */
final class Capabilities
{
    static final String INTERFACES = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    static final String IP = "urn:ietf:params:xml:ns:yang:ietf-ip";
    static final String ROUTING = "urn:ietf:params:xml:ns:yang:ietf-routing";
    static final String IPV4_ROUTING = "urn:ietf:params:xml:ns:yang:ietf-ipv4-unicast-routing";
    static final String ACL = "urn:ietf:params:xml:ns:yang:ietf-access-control-list";
    static final String QOS = "urn:netshadow:params:xml:ns:yang:netshadow-qos";

    /** The capabilities of every agent, in the order the hello lists them. */
    static final List<String> ANNOUNCED = List.of(
        NetconfFraming.BASE_1_0,
        NetconfFraming.BASE_1_1,
        "urn:ietf:params:netconf:capability:writable-running:1.0",
        "urn:ietf:params:netconf:capability:candidate:1.0",
        "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
        "urn:ietf:params:netconf:capability:validate:1.1",
        "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
        XmlTrees.NETCONF + "?module=ietf-netconf&revision=2011-06-01" +
            "&features=writable-running,candidate,confirmed-commit,rollback-on-error,validate",
        INTERFACES + "?module=ietf-interfaces&revision=2018-02-20",
        IP + "?module=ietf-ip&revision=2018-02-22",
        ROUTING + "?module=ietf-routing&revision=2018-03-13",
        IPV4_ROUTING + "?module=ietf-ipv4-unicast-routing&revision=2018-03-13",
        ACL + "?module=ietf-access-control-list&revision=2019-03-04",
        QOS + "?module=netshadow-qos");

    /** The usual prefix of each model module, by namespace. */
    static final Map<String, String> MODULE_PREFIXES = Map.of(
        INTERFACES, "if",
        IP, "ip",
        ROUTING, "rt",
        IPV4_ROUTING, "v4ur",
        ACL, "acl",
        QOS, "nsqos");

    private Capabilities()
    {
    }
}
