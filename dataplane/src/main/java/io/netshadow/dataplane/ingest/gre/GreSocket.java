package io.netshadow.dataplane.ingest.gre;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A non-blocking raw IPv4 socket for GRE ({@code socket(AF_INET, SOCK_RAW, IPPROTO_GRE)}), opened through the
 * Foreign Function &amp; Memory API. A receiving socket is bound to an address and has the kernel stamp every packet
 * with its receive time ({@code SO_TIMESTAMPNS}); it is read whole packets at a time, outer IPv4 header included.
 * A sending socket has a filter that accepts nothing, so the GRE the host receives does not queue up on it, and
 * the kernel writes the IPv4 header of what it sends. Either needs {@code CAP_NET_RAW}.
 */
public final class GreSocket implements AutoCloseable
{
    private final Arena arena;
    private final int fd;
    private final Inet4Address address;
    private boolean closed;

    private GreSocket(final Arena arena, final int fd, final Inet4Address address)
    {
        this.arena = arena;
        this.fd = fd;
        this.address = address;
    }

    /**
     * Opens a socket that receives the GRE packets sent to an address, each with its kernel receive timestamp.
     *
     * @param bindAddress        the IPv4 address to bind, {@code 0.0.0.0} for every address of the host.
     * @param receiveBufferBytes the socket's receive buffer ({@code SO_RCVBUF}).
     * @return the open socket.
     * @throws IllegalArgumentException when the address is not IPv4 or cannot be resolved.
     * @throws IllegalStateException    saying CAP_NET_RAW is needed when the process lacks it, or naming the call
     *                                  that failed and the kernel's reason.
     */
    public static GreSocket openReceiver(final String bindAddress, final int receiveBufferBytes)
    {
        final Inet4Address address = ipv4(bindAddress);
        final Arena arena = Arena.ofShared();
        int fd = -1;
        try
        {
            fd = GreCalls.socket(arena, "ERSPAN ingest on " + address.getHostAddress());
            GreCalls.setIntOption(arena, fd, GreCalls.SO_RCVBUF, receiveBufferBytes, "SO_RCVBUF");
            GreCalls.setIntOption(arena, fd, GreCalls.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
            GreCalls.bind(arena, fd, address);
            return new GreSocket(arena, fd, address);
        }
        catch (final RuntimeException ex)
        {
            release(arena, fd, ex);
            throw ex;
        }
    }

    /**
     * Opens a socket that only sends GRE.
     *
     * @param what what the socket sends for, for the messages, such as {@code the lab's ERSPAN mirror sessions}.
     * @return the open socket.
     * @throws IllegalStateException saying CAP_NET_RAW is needed when the process lacks it, or naming the call that
     *                               failed and the kernel's reason.
     */
    public static GreSocket openSender(final String what)
    {
        final Arena arena = Arena.ofShared();
        int fd = -1;
        try
        {
            fd = GreCalls.socket(arena, what);
            final MemorySegment rejectAll = arena.allocate(GreCalls.SOCK_FILTER_BYTES, Integer.BYTES);
            rejectAll.set(JAVA_SHORT, 0, GreCalls.BPF_RET_K);
            final MemorySegment program = arena.allocate(GreCalls.SOCK_FPROG_BYTES, Long.BYTES);
            program.set(JAVA_SHORT, 0, (short)1);
            program.set(ADDRESS, Long.BYTES, rejectAll);
            GreCalls.setOption(arena, fd, GreCalls.SO_ATTACH_FILTER, program, "SO_ATTACH_FILTER");
            return new GreSocket(arena, fd, null);
        }
        catch (final RuntimeException ex)
        {
            release(arena, fd, ex);
            throw ex;
        }
    }

    /**
     * The message for a raw socket refused for want of permission.
     *
     * @param what   what the socket was for.
     * @param reason the kernel's reason.
     * @return a message naming the capability.
     */
    public static String missingCapabilityMessage(final String what, final String reason)
    {
        return "a raw GRE socket for " + what + " needs CAP_NET_RAW: run as root or grant the capability, such as " +
            "with CapabilityBoundingSet=CAP_NET_RAW and AmbientCapabilities=CAP_NET_RAW in the systemd unit (" +
            reason + ")";
    }

    /**
     * The address a receiving socket is bound to.
     *
     * @return the address, null for a sending socket.
     */
    public Inet4Address address()
    {
        return address;
    }

    /**
     * Closes the socket. Idempotent.
     *
     * @throws IllegalStateException with the kernel's reason when close fails.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        release(arena, fd, null);
    }

    int fd()
    {
        return fd;
    }

    private static Inet4Address ipv4(final String bindAddress)
    {
        try
        {
            if (InetAddress.getByName(bindAddress) instanceof Inet4Address address)
            {
                return address;
            }
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("ERSPAN ingest: cannot resolve bind address '" + bindAddress + "'", ex);
        }
        throw new IllegalArgumentException(
            "ERSPAN ingest: bind address '" + bindAddress + "' is not IPv4; ERSPAN arrives in GRE over IPv4");
    }

    private static void release(final Arena arena, final int fd, final Throwable cause)
    {
        try (arena)
        {
            if (fd >= 0)
            {
                GreCalls.close(arena, fd);
            }
        }
        catch (final RuntimeException ex)
        {
            if (null == cause)
            {
                throw ex;
            }
            cause.addSuppressed(ex);
        }
    }
}
