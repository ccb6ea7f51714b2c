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
    /** The packet is longer than the egress interface's MTU. */
    MTU_EXCEEDED,
    /** The ingress policer had too few tokens. */
    POLICER,
    /** The egress queue had no room (tail drop). */
    QUEUE_FULL,
    /** The time to live reached zero. */
    TTL_EXPIRED,
    /** The next hop lies outside this fabric (a shadow smaller than the network it samples). */
    OUTSIDE_FABRIC
}
