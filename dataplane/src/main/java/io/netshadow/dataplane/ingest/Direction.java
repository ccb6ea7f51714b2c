package io.netshadow.dataplane.ingest;

/**
 * Which crossing of a port a mirror session copies: packets entering the network there or leaving it.
 */
public enum Direction
{
    /** Packets entering the device through the port: where traffic enters the network, replayed into the shadow. */
    INGRESS,
    /** Packets leaving the device through the port: where traffic leaves the network, matched by the live meter. */
    EGRESS
}
