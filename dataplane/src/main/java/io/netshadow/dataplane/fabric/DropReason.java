package io.netshadow.dataplane.fabric;

/**
 * Why a fabric dropped a packet: every drop carries exactly one.
 */
public enum DropReason
{
    /** An ACL rule with a drop or reject action matched. */
    ACL_DENY,
    /** No route (connected, computed or static) covers the destination, or a blackhole route matched. */
    NO_ROUTE,
    /** The ingress or egress interface is administratively down. */
    INTERFACE_DOWN,
    /** The packet's IPv4 total length (IP header included, link-layer header excluded) exceeds the egress MTU. */
    MTU_EXCEEDED,
    /** The ingress policer's bucket held fewer bytes than the packet's IPv4 total length. */
    POLICER,
    /** The egress queue of the packet's class had no room (tail drop), behind the link or an egress shaper. */
    QUEUE_FULL,
    /** The time to live reached zero. */
    TTL_EXPIRED,
    /** The next hop lies outside this fabric (a shadow smaller than the network it samples). */
    OUTSIDE_FABRIC
}
