package io.netshadow.dataplane.ingest.afpacket;

import io.netshadow.dataplane.linux.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls an AF_PACKET ring needs, as downcall handles through the Foreign Function &amp; Memory API, each
 * capturing {@code errno} so a failure is reported with the kernel's reason. Used while opening and closing a
 * ring, for its statistics, and for {@code poll(2)} when no block is ready; never per packet.
 */
final class LinuxCalls
{
    static final int AF_PACKET = 17;
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_PACKET = 263;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int TPACKET_V3 = 2;
    static final int PACKET_FANOUT_HASH = 0;
    static final int PROT_READ_WRITE = 0x1 | 0x2;
    static final int MAP_SHARED = 0x01;
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;

    /** {@code struct sockaddr_ll}'s size in bytes. */
    static final int SOCKADDR_LL_BYTES = 20;
    /** {@code struct tpacket_req3}: seven unsigned ints. */
    static final int TPACKET_REQ3_BYTES = 7 * Integer.BYTES;
    /** {@code struct tpacket_stats_v3}: tp_packets, tp_drops, tp_freeze_q_cnt. */
    static final int TPACKET_STATS_V3_BYTES = 3 * Integer.BYTES;
    /** {@code struct pollfd}: fd, events, revents. */
    static final int POLLFD_BYTES = Integer.BYTES + 2 * Short.BYTES;

    private static final MethodHandle GETSOCKOPT = Libc.errnoCall("getsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle MMAP = Libc.errnoCall("mmap",
        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = Libc.errnoCall("munmap",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IF_NAMETOINDEX = Libc.errnoCall("if_nametoindex",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle POLL = Libc.downcall("poll",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private LinuxCalls()
    {
    }

    /**
     * Network byte order of a 16-bit value, as {@code htons} on a little-endian machine.
     *
     * @param value the value in host order.
     * @return the value in network order.
     */
    static int htons(final int value)
    {
        return Short.toUnsignedInt(Short.reverseBytes((short)value));
    }

    /**
     * Opens a raw AF_PACKET socket for every protocol.
     *
     * @param arena where to put the call's state.
     * @return the file descriptor.
     * @throws IllegalStateException saying CAP_NET_RAW is needed when the kernel refuses the socket for want of
     *                               permission, or naming the call and the kernel's reason otherwise.
     */
    static int socket(final Arena arena)
    {
        return Libc.socket(arena, AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0, "socket(AF_PACKET, SOCK_RAW)",
            errno -> "AF_PACKET capture needs CAP_NET_RAW: run as root or grant the capability (" +
                Libc.strerror(errno) + ")");
    }

    static void setIntOption(final Arena arena, final int fd, final int option, final int value, final String name)
    {
        Libc.setIntOption(arena, fd, SOL_PACKET, option, value, "setsockopt(SOL_PACKET, " + name + ")");
    }

    static void setOption(
        final Arena arena, final int fd, final int option, final MemorySegment value, final String name)
    {
        Libc.setOption(arena, fd, SOL_PACKET, option, value, "setsockopt(SOL_PACKET, " + name + ")");
    }

    static void getOption(
        final MemorySegment state,
        final int fd,
        final int option,
        final MemorySegment value,
        final MemorySegment valueLength,
        final String name)
    {
        valueLength.set(JAVA_INT, 0, (int)value.byteSize());
        final int result;
        try
        {
            result = (int)GETSOCKOPT.invokeExact(state, fd, SOL_PACKET, option, value, valueLength);
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("getsockopt", ex);
        }
        if (result < 0)
        {
            throw Libc.failure("getsockopt(SOL_PACKET, " + name + ")", Libc.errno(state));
        }
    }

    static void bind(final Arena arena, final int fd, final MemorySegment address, final String interfaceName)
    {
        Libc.bind(arena, fd, address, "bind to interface '" + interfaceName + "'");
    }

    static MemorySegment mmap(final Arena arena, final int fd, final long lengthBytes)
    {
        final MemorySegment state = Libc.allocateCaptureState(arena);
        final MemorySegment address;
        try
        {
            address = (MemorySegment)MMAP.invokeExact(
                state, MemorySegment.NULL, lengthBytes, PROT_READ_WRITE, MAP_SHARED, fd, 0L);
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("mmap", ex);
        }
        if (-1L == address.address())
        {
            throw Libc.failure("mmap of a " + lengthBytes + "-byte packet ring", Libc.errno(state));
        }
        return address.reinterpret(lengthBytes);
    }

    static void munmap(final Arena arena, final MemorySegment ring)
    {
        final MemorySegment state = Libc.allocateCaptureState(arena);
        try
        {
            Libc.check((int)MUNMAP.invokeExact(state, ring, ring.byteSize()), state, "munmap of the packet ring");
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("munmap", ex);
        }
    }

    static void close(final Arena arena, final int fd)
    {
        Libc.close(arena, fd, "close of the AF_PACKET socket");
    }

    /**
     * The index of a network interface.
     *
     * @param arena         where to put the name.
     * @param interfaceName the name, such as {@code eth1}.
     * @return the index.
     * @throws IllegalArgumentException naming the interface when there is none by that name.
     */
    static int interfaceIndex(final Arena arena, final String interfaceName)
    {
        final MemorySegment state = Libc.allocateCaptureState(arena);
        final int index;
        try
        {
            index = (int)IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(interfaceName));
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("if_nametoindex", ex);
        }
        if (0 == index)
        {
            throw new IllegalArgumentException(
                "no network interface named '" + interfaceName + "' (" + Libc.strerror(Libc.errno(state)) + ")");
        }
        return index;
    }

    /**
     * A {@code struct pollfd} asking for the socket's readiness: a ring block handed over, or an error.
     *
     * @param arena where to allocate it.
     * @param fd    the socket.
     * @return the descriptor, for {@link #poll(MemorySegment, int)}.
     */
    static MemorySegment pollDescriptor(final Arena arena, final int fd)
    {
        final MemorySegment descriptor = arena.allocate(POLLFD_BYTES, Integer.BYTES);
        descriptor.set(JAVA_INT, 0, fd);
        descriptor.set(JAVA_SHORT, Integer.BYTES, (short)(POLLIN | POLLERR));
        return descriptor;
    }

    /**
     * Waits with {@code poll(2)} until the socket is ready or the timeout passes. An interrupted or failed wait
     * returns early like a timeout: the caller looks at the ring again either way.
     *
     * @param descriptor the socket's {@code struct pollfd}.
     * @param timeoutMs  the longest wait in milliseconds.
     * @return true when the socket is ready.
     */
    static boolean poll(final MemorySegment descriptor, final int timeoutMs)
    {
        try
        {
            return (int)POLL.invokeExact(descriptor, 1L, timeoutMs) > 0;
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("poll", ex);
        }
    }
}
