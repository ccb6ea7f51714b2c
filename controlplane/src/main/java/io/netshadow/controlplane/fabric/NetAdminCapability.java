package io.netshadow.controlplane.fabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process holds CAP_NET_ADMIN, read from the effective capability set in {@code /proc/self/status}.
 */
public final class NetAdminCapability
{
    /** The bit of CAP_NET_ADMIN in a capability set. */
    public static final int CAP_NET_ADMIN_BIT = 12;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String EFFECTIVE = "CapEff:";

    private NetAdminCapability()
    {
    }

    /**
     * Whether this process may configure network namespaces, links, nftables and traffic control.
     *
     * @return true when CAP_NET_ADMIN is effective.
     */
    public static boolean held()
    {
        try
        {
            return inStatus(Files.readString(STATUS));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Whether a {@code /proc/PID/status} text shows CAP_NET_ADMIN in the effective set.
     *
     * @param status the text.
     * @return true when the {@code CapEff} line has bit 12 set; false when the line is missing or malformed.
     */
    public static boolean inStatus(final String status)
    {
        for (final String line : status.split("\n"))
        {
            if (line.startsWith(EFFECTIVE))
            {
                try
                {
                    final long effective = Long.parseUnsignedLong(line.substring(EFFECTIVE.length()).strip(), 16);
                    return (effective & (1L << CAP_NET_ADMIN_BIT)) != 0;
                }
                catch (final NumberFormatException ex)
                {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Refuses to go on without CAP_NET_ADMIN.
     *
     * @param what what needs the capability, for the message.
     * @throws LinuxFabricException when the capability is missing.
     */
    public static void require(final String what)
    {
        if (!held())
        {
            throw missing(what);
        }
    }

    /**
     * The error that says a capability set lacks CAP_NET_ADMIN.
     *
     * @param what what needs the capability, for the message.
     * @return the error.
     */
    public static LinuxFabricException missing(final String what)
    {
        return new LinuxFabricException(what + " needs CAP_NET_ADMIN to create network namespaces, veth pairs, " +
            "nftables rules and tc qdiscs: run it as root or grant the capability (CapEff bit 12 is clear)");
    }
}
