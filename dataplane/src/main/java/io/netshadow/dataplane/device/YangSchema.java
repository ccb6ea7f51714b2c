package io.netshadow.dataplane.device;

import java.util.Set;

import static io.netshadow.dataplane.device.SchemaNode.container;
import static io.netshadow.dataplane.device.SchemaNode.identityLeaf;
import static io.netshadow.dataplane.device.SchemaNode.leaf;
import static io.netshadow.dataplane.device.SchemaNode.list;
import static io.netshadow.dataplane.device.SchemaNode.userOrderedList;

/**
 * The subset of ietf-interfaces, ietf-ip, ietf-routing, ietf-ipv4-unicast-routing, ietf-access-control-list and
 * netshadow-qos that the device model holds.
 * <p>
 * Two simplifications: a control-plane protocol is keyed by its type alone (one static instance per device, whatever
 * its name), and the interface {@code type} leaf is accepted but not kept, since every emulated interface is
 * Ethernet.
 */
final class YangSchema
{
    static final String NETCONF = "urn:ietf:params:xml:ns:netconf:base:1.0";
    static final String YANG = "urn:ietf:params:xml:ns:yang:1";
    static final String INTERFACES = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    static final String IP = "urn:ietf:params:xml:ns:yang:ietf-ip";
    static final String ROUTING = "urn:ietf:params:xml:ns:yang:ietf-routing";
    static final String IPV4_ROUTING = "urn:ietf:params:xml:ns:yang:ietf-ipv4-unicast-routing";
    static final String ACL = "urn:ietf:params:xml:ns:yang:ietf-access-control-list";
    static final String QOS = "urn:netshadow:params:xml:ns:yang:netshadow-qos";

    /** Namespaces whose elements the model must understand; elements of other namespaces are ignored. */
    static final Set<String> MODEL_NAMESPACES = Set.of(INTERFACES, IP, ROUTING, IPV4_ROUTING, ACL, QOS);

    /** The datastore root, holding the top-level containers. */
    static final SchemaNode ROOT = container("", "", interfaces(), routing(), acls(), qos());

    private YangSchema()
    {
    }

    private static SchemaNode interfaces()
    {
        return container(INTERFACES, "interfaces",
            list(INTERFACES, "interface", "name",
                leaf(INTERFACES, "name"),
                identityLeaf(INTERFACES, "type"),
                leaf(INTERFACES, "enabled"),
                container(IP, "ipv4",
                    leaf(IP, "mtu"))));
    }

    private static SchemaNode routing()
    {
        return container(ROUTING, "routing",
            container(ROUTING, "control-plane-protocols",
                list(ROUTING, "control-plane-protocol", "type",
                    identityLeaf(ROUTING, "type"),
                    leaf(ROUTING, "name"),
                    container(ROUTING, "static-routes",
                        container(IPV4_ROUTING, "ipv4",
                            list(IPV4_ROUTING, "route", "destination-prefix",
                                leaf(IPV4_ROUTING, "destination-prefix"),
                                container(IPV4_ROUTING, "next-hop",
                                    leaf(IPV4_ROUTING, "outgoing-interface").inCase("next-hop-options", "simple"),
                                    leaf(IPV4_ROUTING, "special-next-hop").inCase("next-hop-options", "special"))))))));
    }

    private static SchemaNode acls()
    {
        return container(ACL, "acls",
            userOrderedList(ACL, "acl", "name",
                leaf(ACL, "name"),
                identityLeaf(ACL, "type"),
                container(ACL, "aces",
                    userOrderedList(ACL, "ace", "name",
                        leaf(ACL, "name"),
                        container(ACL, "matches",
                            container(ACL, "ipv4",
                                leaf(ACL, "source-ipv4-network"),
                                leaf(ACL, "destination-ipv4-network"),
                                leaf(ACL, "protocol")),
                            transport("tcp").inCase("l4", "tcp"),
                            transport("udp").inCase("l4", "udp")),
                        container(ACL, "actions",
                            identityLeaf(ACL, "forwarding"))))),
            container(ACL, "attachment-points",
                list(ACL, "interface", "interface-id",
                    leaf(ACL, "interface-id"),
                    aclSets("ingress"),
                    aclSets("egress"))));
    }

    private static SchemaNode transport(final String name)
    {
        return container(ACL, name, ports("source-port"), ports("destination-port"));
    }

    private static SchemaNode ports(final String name)
    {
        return container(ACL, name,
            leaf(ACL, "operator").inCase("port-range-or-operator", "operator"),
            leaf(ACL, "port").inCase("port-range-or-operator", "operator"),
            leaf(ACL, "lower-port").inCase("port-range-or-operator", "range"),
            leaf(ACL, "upper-port").inCase("port-range-or-operator", "range"));
    }

    private static SchemaNode aclSets(final String direction)
    {
        return container(ACL, direction,
            container(ACL, "acl-sets",
                userOrderedList(ACL, "acl-set", "name",
                    leaf(ACL, "name"))));
    }

    private static SchemaNode qos()
    {
        return container(QOS, "qos",
            list(QOS, "interface", "name",
                leaf(QOS, "name"),
                container(QOS, "ingress-policer",
                    leaf(QOS, "rate-bps"),
                    leaf(QOS, "burst-bytes")),
                container(QOS, "egress-shaper",
                    leaf(QOS, "rate-bps"),
                    leaf(QOS, "burst-bytes")),
                container(QOS, "egress-queues",
                    userOrderedList(QOS, "queue", "name",
                        leaf(QOS, "name"),
                        leaf(QOS, "dscp"),
                        leaf(QOS, "queue-bytes")))));
    }
}
