package io.netshadow.dataplane.ingest.gre;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls a raw IPv4 GRE socket needs, as downcall handles through the Foreign Function &amp; Memory API,
 * each capturing {@code errno} so a failure is reported with the kernel's reason. {@link #recvmmsg} and
 * {@link #sendto} run per batch and per packet and take their capture state from the caller, so they allocate
 * nothing; the others run while a socket opens or closes.
 */
final class GreCalls
{
    static final int AF_INET = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_GRE = 47;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;

    /** {@code struct sockaddr_in}'s size in bytes. */
    static final int SOCKADDR_IN_BYTES = 16;
    /** {@code struct sock_filter}: code, jt, jf, k. */
    static final int SOCK_FILTER_BYTES = 8;
    /** {@code struct sock_fprog}: a length and, aligned, a pointer. */
    static final int SOCK_FPROG_BYTES = 16;
    /** The classic BPF instruction {@code ret #k}. */
    static final short BPF_RET_K = 0x06;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = errnoCall("bind",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle RECVMMSG = errnoCall("recvmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SENDTO = errnoCall("sendto",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
        LIBC.findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private GreCalls()
    {
    }

    /**
     * Opens a raw IPv4 socket for GRE.
     *
     * @param arena where to put the call's state.
     * @param what  what the socket is for, for the messages.
     * @return the file descriptor.
     * @throws IllegalStateException saying CAP_NET_RAW is needed when the kernel refuses the socket for want of
     *                               permission, or naming the call and the kernel's reason otherwise.
     */
    static int socket(final Arena arena, final String what)
    {
        final MemorySegment state = allocateCaptureState(arena);
        final int fd = invokeInt(
            SOCKET, state, AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_GRE);
        if (fd < 0)
        {
            final int errno = errno(state);
            if (EPERM == errno || EACCES == errno)
            {
                throw new IllegalStateException(GreSocket.missingCapabilityMessage(what, describe(errno)));
            }
            throw failure("socket(AF_INET, SOCK_RAW, IPPROTO_GRE) for " + what, errno);
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
        final MemorySegment state = allocateCaptureState(arena);
        if (invokeInt(SETSOCKOPT, state, fd, SOL_SOCKET, option, value, (int)value.byteSize()) < 0)
        {
            throw failure("setsockopt(SOL_SOCKET, " + name + ")", errno(state));
        }
    }

    static void bind(final Arena arena, final int fd, final Inet4Address address)
    {
        final MemorySegment state = allocateCaptureState(arena);
        if (invokeInt(BIND, state, fd, socketAddress(arena, address), SOCKADDR_IN_BYTES) < 0)
        {
            throw failure("bind of the raw GRE socket to " + address.getHostAddress(), errno(state));
        }
    }

    static void close(final Arena arena, final int fd)
    {
        final MemorySegment state = allocateCaptureState(arena);
        if (invokeInt(CLOSE, state, fd) < 0)
        {
            throw failure("close of the raw GRE socket", errno(state));
        }
    }

    /**
     * {@code recvmmsg} without waiting: fills up to {@code count} messages.
     *
     * @param state    the capture state for {@code errno}.
     * @param fd       the socket.
     * @param messages the {@code struct mmsghdr} array.
     * @param count    how many entries it has.
     * @return the number of messages received, or -1 with {@code errno} in the state.
     */
    static int recvmmsg(final MemorySegment state, final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)RECVMMSG.invokeExact(state, fd, messages, count, MSG_DONTWAIT, MemorySegment.NULL);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("recvmmsg failed", ex);
        }
    }

    /**
     * {@code sendto} one packet.
     *
     * @param state       the capture state for {@code errno}.
     * @param fd          the socket.
     * @param payload     the bytes to send.
     * @param lengthBytes how many of them.
     * @param destination a {@code struct sockaddr_in}.
     * @return the bytes sent, or -1 with {@code errno} in the state.
     */
    static long sendto(
        final MemorySegment state,
        final int fd,
        final MemorySegment payload,
        final long lengthBytes,
        final MemorySegment destination)
    {
        try
        {
            return (long)SENDTO.invokeExact(
                state, fd, payload, lengthBytes, 0, destination, (int)destination.byteSize());
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sendto failed", ex);
        }
    }

    static MemorySegment socketAddress(final Arena arena, final Inet4Address address)
    {
        final MemorySegment socketAddress = arena.allocate(SOCKADDR_IN_BYTES, Integer.BYTES);
        socketAddress.set(JAVA_SHORT, 0, (short)AF_INET);
        MemorySegment.copy(address.getAddress(), 0, socketAddress, JAVA_BYTE, 4, 4);
        return socketAddress;
    }

    static MemorySegment allocateCaptureState(final Arena arena)
    {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    /**
     * The kernel's text for an error number, with the number.
     *
     * @param errno the error number.
     * @return such as {@code Operation not permitted (errno 1)}.
     */
    static String describe(final int errno)
    {
        try
        {
            final MemorySegment message = (MemorySegment)STRERROR.invokeExact(errno);
            return message.reinterpret(Integer.MAX_VALUE).getString(0) + " (errno " + errno + ")";
        }
        catch (final Throwable ex)
        {
            return "errno " + errno;
        }
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

    private static IllegalStateException failure(final String what, final int errno)
    {
        return new IllegalStateException(what + " failed: " + describe(errno));
    }
}
