package io.netshadow.controlplane.fabric;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names a Linux fabric gives what it creates, all carrying a netshadow prefix and the creating process's id,
 * so a later process can tell a crashed fabric's leftovers (its process is gone) from a running one's.
 * <p>
 * Namespaces are {@code netshadow-PID-INSTANCE-dDEVICE} and {@code netshadow-PID-INSTANCE-edge}; the only
 * interface in the host's namespace is the edge underlay {@code nshPIDHEX-INSTANCE} (at most 15 bytes: a pid is
 * at most 0x400000); interfaces inside a device's namespace are {@code nsh-pPORT} by topology port index, so
 * {@code nsh-p0} is the host port, a VXLAN device. nftables tables are {@code ip netshadow} inside the namespaces.
 */
public final class LinuxNames
{
    /** Prefix of every namespace a Linux fabric creates. */
    public static final String NAMESPACE_PREFIX = "netshadow-";
    /** Prefix of every interface a Linux fabric creates. */
    public static final String INTERFACE_PREFIX = "nsh";
    /** Prefix of the IFB devices that carry ingress policers, followed by the port index. */
    public static final String POLICER_PREFIX = INTERFACE_PREFIX + "-ifb";
    /** The nftables table (family ip) inside every device namespace. */
    public static final String TABLE = "netshadow";
    /** The edge end of the underlay inside the edge namespace. */
    public static final String EDGE_INTERFACE = "nsh-edge";
    /** The device that routes to nowhere (blackhole routes): one end of a veth pair, its hits count as no route. */
    public static final String BLACKHOLE_INTERFACE = "nsh-bh";
    /** The device that routes out of the fabric (static routes out of a non-link port): one end of a veth pair. */
    public static final String OUTSIDE_INTERFACE = "nsh-out";

    private static final int MAX_INSTANCE = 0xFFF;
    private static final int UNDERLAY_BASE = 198 << 24 | 19 << 16;
    private static final int UNDERLAY_BLOCKS = 16_384;
    private static final long UNDERLAY_SPREAD = 4_099;

    private final long pid;
    private final int instance;

    /**
     * The names of one fabric.
     *
     * @param pid      the creating process.
     * @param instance the fabric's number within that process, 0..4095.
     */
    public LinuxNames(final long pid, final int instance)
    {
        if (instance < 0 || instance > MAX_INSTANCE)
        {
            throw new IllegalArgumentException("instance " + instance + " is outside 0..4095");
        }
        this.pid = pid;
        this.instance = instance;
    }

    /**
     * The namespace of a device.
     *
     * @param deviceIndex the device.
     * @return its name.
     */
    public String deviceNamespace(final int deviceIndex)
    {
        return NAMESPACE_PREFIX + pid + "-" + instance + "-d" + deviceIndex;
    }

    /**
     * The namespace holding the VXLAN underlay's sockets.
     *
     * @return its name.
     */
    public String edgeNamespace()
    {
        return NAMESPACE_PREFIX + pid + "-" + instance + "-edge";
    }

    /**
     * The host-side end of the underlay veth pair.
     *
     * @return its name, at most 15 bytes.
     */
    public String underlayInterface()
    {
        return INTERFACE_PREFIX + Long.toHexString(pid) + "-" + Integer.toHexString(instance);
    }

    /**
     * The underlay's preferred /30 inside 198.19.0.0/16, spread by process and instance (an odd multiplier keeps
     * the first fabrics of processes whose ids differ below 16384 apart); the fabric takes the next free one when
     * the host already uses it.
     *
     * @return the network address of the /30 as an int.
     */
    public int underlayNetwork()
    {
        return UNDERLAY_BASE + 4 * (int)Math.floorMod(pid * UNDERLAY_SPREAD + instance, UNDERLAY_BLOCKS);
    }

    /**
     * A device's interface for a topology port, inside the device's namespace.
     *
     * @param portIndex the port.
     * @return its name.
     */
    public static String port(final int portIndex)
    {
        return INTERFACE_PREFIX + "-p" + portIndex;
    }

    /**
     * The IFB device that carries a port's ingress policer.
     *
     * @param portIndex the port.
     * @return its name.
     */
    public static String policer(final int portIndex)
    {
        return POLICER_PREFIX + portIndex;
    }

    /**
     * A device's VXLAN device while it is still in the edge namespace, before it moves and becomes port 0.
     *
     * @param deviceIndex the device.
     * @return its name.
     */
    public static String edgeVxlan(final int deviceIndex)
    {
        return INTERFACE_PREFIX + "-vx" + deviceIndex;
    }

    /**
     * Whether a namespace name is one of ours whose creating process has gone.
     *
     * @param name a namespace name.
     * @return true for a crashed fabric's namespace.
     */
    public static boolean isStaleNamespace(final String name)
    {
        if (!name.startsWith(NAMESPACE_PREFIX))
        {
            return false;
        }
        final String rest = name.substring(NAMESPACE_PREFIX.length());
        final int dash = rest.indexOf('-');
        return dash > 0 && isDeadPid(rest.substring(0, dash), 10);
    }

    /**
     * Whether an interface name in the host's namespace is an underlay of ours whose creating process has gone.
     *
     * @param name an interface name.
     * @return true for a crashed fabric's underlay.
     */
    public static boolean isStaleUnderlay(final String name)
    {
        if (!name.startsWith(INTERFACE_PREFIX) || name.startsWith(INTERFACE_PREFIX + "-"))
        {
            return false;
        }
        final String rest = name.substring(INTERFACE_PREFIX.length());
        final int dash = rest.indexOf('-');
        return dash > 0 && isDeadPid(rest.substring(0, dash), 16);
    }

    private static boolean isDeadPid(final String digits, final int radix)
    {
        try
        {
            final long processId = Long.parseLong(digits, radix);
            return processId != ProcessHandle.current().pid() &&
                !Files.exists(Path.of("/proc", Long.toString(processId)));
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }
}
