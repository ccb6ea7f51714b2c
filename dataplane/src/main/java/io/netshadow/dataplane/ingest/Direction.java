package io.netshadow.dataplane.ingest;

/**
 * What a session at a port carries: copies of the packets entering the network there or leaving it, or the live
 * network's own packets redirected from there.
 */
public enum Direction
{
    /** Packets entering the device through the port: where traffic enters the network, replayed into the shadow. */
    INGRESS,
    /** Packets leaving the device through the port: where traffic leaves the network, matched by the live meter. */
    EGRESS,
    /**
     * The live network's own packets, steered to the appliance (policy-based routing) where they would have entered
     * the device through the port: sent through the shadow and handed back to the live network.
     */
    REDIRECT
}
