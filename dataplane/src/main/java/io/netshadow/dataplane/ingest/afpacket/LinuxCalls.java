package io.netshadow.dataplane.ingest.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls an AF_PACKET ring needs, as downcall handles through the Foreign Function & Memory API, each
 * capturing {@code errno} so a failure is reported with the kernel's reason. Used while opening and closing a
 * ring, for its statistics, and for {@code poll(2)} when no block is ready; never per packet.
 */
final class LinuxCalls
{
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
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
    static final int EPERM = 1;
    static final int EACCES = 13;
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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = errnoCall("getsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle BIND = errnoCall("bind",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MMAP = errnoCall("mmap",
        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = errnoCall("munmap",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = errnoCall("close",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = errnoCall("if_nametoindex",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle POLL = LINKER.downcallHandle(
        LIBC.findOrThrow("poll"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
        LIBC.findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

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

    static int socket(final Arena arena, final int domain, final int type, final int protocol)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        final int fd = invokeInt(SOCKET, state, domain, type, protocol);
        if (fd < 0)
        {
            final int errno = errno(state);
            if (EPERM == errno || EACCES == errno)
            {
                throw new IllegalStateException(
                    "AF_PACKET capture needs CAP_NET_RAW: run as root or grant the capability (" +
                    strerror(errno) + ")");
            }
            throw failure("socket(AF_PACKET, SOCK_RAW)", errno);
        }
        return fd;
    }

    static void setIntOption(final Arena arena, final int fd, final int option, final int value, final String name)
    {
        final MemorySegment optionValue = arena.allocate(JAVA_INT);
        optionValue.set(JAVA_INT, 0, value);
        setOption(arena, fd, option, optionValue, name);
    }

    static void setOption(
        final Arena arena, final int fd, final int option, final MemorySegment value, final String name)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        if (invokeInt(SETSOCKOPT, state, fd, SOL_PACKET, option, value, (int)value.byteSize()) < 0)
        {
            throw failure("setsockopt(SOL_PACKET, " + name + ")", errno(state));
        }
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
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("getsockopt failed", ex);
        }
        if (result < 0)
        {
            throw failure("getsockopt(SOL_PACKET, " + name + ")", errno(state));
        }
    }

    static void bind(final Arena arena, final int fd, final MemorySegment address, final String interfaceName)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        if (invokeInt(BIND, state, fd, address, (int)address.byteSize()) < 0)
        {
            throw failure("bind to interface '" + interfaceName + "'", errno(state));
        }
    }

    static MemorySegment mmap(final Arena arena, final int fd, final long lengthBytes)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        try
        {
            final MemorySegment address = (MemorySegment)MMAP.invokeExact(
                state, MemorySegment.NULL, lengthBytes, PROT_READ_WRITE, MAP_SHARED, fd, 0L);
            if (-1L == address.address())
            {
                throw failure("mmap of a " + lengthBytes + "-byte packet ring", errno(state));
            }
            return address.reinterpret(lengthBytes);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("mmap failed", ex);
        }
    }

    static void munmap(final Arena arena, final MemorySegment ring)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        if (invokeInt(MUNMAP, state, ring, ring.byteSize()) < 0)
        {
            throw failure("munmap of the packet ring", errno(state));
        }
    }

    static void close(final Arena arena, final int fd)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        if (invokeInt(CLOSE, state, fd) < 0)
        {
            throw failure("close of the AF_PACKET socket", errno(state));
        }
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
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        final int index = invokeInt(IF_NAMETOINDEX, state, arena.allocateFrom(interfaceName));
        if (0 == index)
        {
            throw new IllegalArgumentException(
                "no network interface named '" + interfaceName + "' (" + strerror(errno(state)) + ")");
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
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("poll failed", ex);
        }
    }

    static MemorySegment allocateCaptureState(final Arena arena)
    {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    private static MethodHandle errnoCall(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO);
    }

    private static int invokeInt(final MethodHandle handle, final Object... arguments)
    {
        try
        {
            return (int)handle.invokeWithArguments(arguments);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("native call failed", ex);
        }
    }

    private static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    private static IllegalStateException failure(final String what, final int errno)
    {
        return new IllegalStateException(what + " failed: " + strerror(errno) + " (errno " + errno + ")");
    }

    private static String strerror(final int errno)
    {
        try
        {
            final MemorySegment message = (MemorySegment)STRERROR.invokeExact(errno);
            return message.reinterpret(Integer.MAX_VALUE).getString(0);
        }
        catch (final Throwable ex)
        {
            return "errno " + errno;
        }
    }
}
