package io.netshadow.controlplane.export;

import io.netshadow.controlplane.profile.DeviceRole;

import java.util.Locale;

/**
 * What runs inside an exported node: a plain Linux container configured by a shell script, or FRR, whose zebra
 * and staticd hold the addresses and routes. Both are containerlab's {@code linux} kind; the image differs.
 */
public enum NodeKind
{
    /** A Linux container: addresses and routes with {@code ip}, ACLs with {@code nft}, policers with {@code tc}. */
    LINUX,
    /** An FRR container: addresses and static routes in {@code frr.conf}; ACLs and policers as for Linux. */
    FRR;

    /**
     * The kind a device of a role gets when none is forced: routers of the core, distribution and edge run FRR,
     * access switches and firewalls run Linux.
     *
     * @param role the device's role.
     * @return the kind.
     */
    public static NodeKind forRole(final DeviceRole role)
    {
        return switch (role)
        {
            case CORE, DISTRIBUTION, EDGE -> FRR;
            case ACCESS, FIREWALL -> LINUX;
        };
    }

    /**
     * The kind as written on the command line.
     *
     * @return {@code linux} or {@code frr}.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
