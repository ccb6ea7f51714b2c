package io.netshadow.controlplane.profile;

/**
 * The part a device plays in the network; the planner samples each role as its own stratum.
 */
public enum DeviceRole
{
    /** Core router or switch joining the distribution blocks. */
    CORE,
    /** Distribution switch aggregating access switches. */
    DISTRIBUTION,
    /** Access switch with user ports. */
    ACCESS,
    /** Firewall between zones or at the internet edge. */
    FIREWALL,
    /** Edge router toward a provider or another site. */
    EDGE
}
