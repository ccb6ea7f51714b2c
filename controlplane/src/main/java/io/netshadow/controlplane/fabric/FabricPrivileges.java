package io.netshadow.controlplane.fabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Linux fabric needs of this process: CAP_NET_ADMIN (links, addresses, routes, nftables, tc) and
 * CAP_SYS_ADMIN ({@code ip netns} mounts each namespace and enters it) in the effective set, read from
 * {@code /proc/self/status}, and the right to create files in {@code /run/netns}. Root has all of it; the packaged
 * systemd unit grants it to the {@code netshadow} user through the drop-in {@code netshadow-linux-fabric.conf} and
 * its tmpfiles line.
 */
public final class FabricPrivileges
{
    /** The bit of CAP_NET_ADMIN in a capability set. */
    public static final int CAP_NET_ADMIN_BIT = 12;
    /** The bit of CAP_SYS_ADMIN in a capability set. */
    public static final int CAP_SYS_ADMIN_BIT = 21;
    /** Where {@code ip netns} keeps the namespaces it names. */
    public static final Path NAMESPACE_DIRECTORY = Path.of("/run/netns");

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String EFFECTIVE = "CapEff:";
    private static final String HOW = "run it as root, or under systemd install systemd/netshadow-linux-fabric.conf " +
        "as /etc/systemd/system/netshadow.service.d/linux-fabric.conf and " +
        "systemd/netshadow-linux-fabric.tmpfiles.conf as /etc/tmpfiles.d/netshadow-linux-fabric.conf";

    private FabricPrivileges()
    {
    }

    /**
     * Whether this process holds both capabilities the Linux fabric needs.
     *
     * @return true when CAP_NET_ADMIN and CAP_SYS_ADMIN are effective.
     */
    public static boolean held()
    {
        try
        {
            return missingCapabilities(Files.readString(STATUS)).isEmpty();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The capabilities the Linux fabric needs that a {@code /proc/PID/status} text does not show in the effective
     * set.
     *
     * @param status the text.
     * @return the missing capabilities' names, in bit order; both when the {@code CapEff} line is missing or
     *         malformed.
     */
    public static List<String> missingCapabilities(final String status)
    {
        long effective = 0;
        for (final String line : status.split("\n"))
        {
            if (line.startsWith(EFFECTIVE))
            {
                try
                {
                    effective = Long.parseUnsignedLong(line.substring(EFFECTIVE.length()).strip(), 16);
                }
                catch (final NumberFormatException ex)
                {
                    effective = 0;
                }
            }
        }
        final List<String> missing = new ArrayList<>();
        if ((effective & (1L << CAP_NET_ADMIN_BIT)) == 0)
        {
            missing.add("CAP_NET_ADMIN");
        }
        if ((effective & (1L << CAP_SYS_ADMIN_BIT)) == 0)
        {
            missing.add("CAP_SYS_ADMIN");
        }
        return missing;
    }

    /**
     * Refuses to go on without what the Linux fabric needs.
     *
     * @param what what needs it, for the message.
     * @throws LinuxFabricException naming the missing capabilities or the namespace directory it cannot write.
     */
    public static void require(final String what)
    {
        final List<String> missing;
        try
        {
            missing = missingCapabilities(Files.readString(STATUS));
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException(what + " cannot read its capabilities from " + STATUS + ": " +
                ex.getMessage());
        }
        if (!missing.isEmpty())
        {
            throw missing(what, missing);
        }
        if (Files.isDirectory(NAMESPACE_DIRECTORY) && !Files.isWritable(NAMESPACE_DIRECTORY))
        {
            throw unwritable(what, NAMESPACE_DIRECTORY);
        }
    }

    /**
     * The error that says which capabilities are missing.
     *
     * @param what    what needs them, for the message.
     * @param missing the missing capabilities' names.
     * @return the error.
     */
    public static LinuxFabricException missing(final String what, final List<String> missing)
    {
        return new LinuxFabricException(what + " needs CAP_NET_ADMIN and CAP_SYS_ADMIN to create network " +
            "namespaces, veth pairs, nftables rules and tc qdiscs, and lacks " + String.join(" and ", missing) +
            ": " + HOW);
    }

    /**
     * The error that says the namespace directory cannot be written.
     *
     * @param what      what needs it, for the message.
     * @param directory the directory.
     * @return the error.
     */
    public static LinuxFabricException unwritable(final String what, final Path directory)
    {
        return new LinuxFabricException(what + " cannot create network namespaces: " + directory +
            " is not writable by this user; " + HOW);
    }
}
