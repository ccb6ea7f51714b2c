package io.netshadow.controlplane.config;

/**
 * Which fabric runs the shadow ({@code shadow.fabric}).
 */
public enum ShadowFabricKind
{
    /** In-process discrete-event forwarding: the default, needs no privileges. */
    EMULATED,
    /** Real Linux forwarding in network namespaces; needs CAP_NET_ADMIN (root), nftables and iproute2. */
    LINUX
}
