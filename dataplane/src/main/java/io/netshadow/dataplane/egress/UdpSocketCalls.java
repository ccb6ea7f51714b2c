package io.netshadow.dataplane.egress;

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

/**
 * The Linux calls a batching UDP sender needs, as downcall handles through the Foreign Function & Memory API, each
 * capturing {@code errno}: {@code socket}, {@code setsockopt}, {@code close} once per socket, and {@code sendmmsg},
 * which takes a preallocated capture segment so that a send allocates nothing.
 */
final class UdpSocketCalls
{
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;

    /** {@code struct msghdr} on x86-64 and aarch64 Linux. */
    static final int MSGHDR_BYTES = 56;
    /** {@code struct mmsghdr}: a msghdr, the sent length and padding. */
    static final int MMSGHDR_BYTES = 64;
    static final int MSG_NAME_OFFSET = 0;
    static final int MSG_NAMELEN_OFFSET = 8;
    static final int MSG_IOV_OFFSET = 16;
    static final int MSG_IOVLEN_OFFSET = 24;
    static final int MSG_CONTROL_OFFSET = 32;
    static final int MSG_CONTROLLEN_OFFSET = 40;
    static final int MSG_LEN_OFFSET = MSGHDR_BYTES;
    /** {@code struct iovec}: base and length. */
    static final int IOVEC_BYTES = 16;
    /** {@code CMSG_SPACE(sizeof(uint16_t))}: the control message carrying a GSO segment size. */
    static final int GSO_CMSG_SPACE_BYTES = 24;
    /** {@code CMSG_LEN(sizeof(uint16_t))}. */
    static final int GSO_CMSG_LEN_BYTES = 18;
    /** The kernel's limit on datagrams in one UDP GSO send (UDP_MAX_SEGMENTS). */
    static final int UDP_MAX_SEGMENTS = 64;
    /** The kernel's limit on messages in one sendmmsg call (UIO_MAXIOV). */
    static final int UIO_MAXIOV = 1024;

    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMMSG = errnoCall("sendmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
        LIBC.findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private UdpSocketCalls()
    {
    }

    static int socket(final Arena arena, final int domain)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        final int fd;
        try
        {
            fd = (int)SOCKET.invokeExact(state, domain, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("socket failed", ex);
        }
        if (fd < 0)
        {
            throw failure("socket(SOCK_DGRAM)", errno(state));
        }
        return fd;
    }

    static void setIntOption(
        final Arena arena, final int fd, final int level, final int option, final int value, final String name)
    {
        final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
        final MemorySegment optionValue = arena.allocate(JAVA_INT);
        optionValue.set(JAVA_INT, 0, value);
        final int result;
        try
        {
            result = (int)SETSOCKOPT.invokeExact(state, fd, level, option, optionValue, Integer.BYTES);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("setsockopt failed", ex);
        }
        if (result < 0)
        {
            throw failure("setsockopt(" + name + ")", errno(state));
        }
    }

    /**
     * Sends messages with one system call.
     *
     * @param state    a capture segment of {@link #CAPTURE_LAYOUT} that receives errno.
     * @param fd       the socket.
     * @param messages the first {@code struct mmsghdr}.
     * @param count    how many messages follow it.
     * @return the number of messages sent, or -1 with errno in {@code state}.
     */
    static int sendmmsg(final MemorySegment state, final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)SENDMMSG.invokeExact(state, fd, messages, count, 0);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sendmmsg failed", ex);
        }
    }

    static void close(final int fd)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            if ((int)CLOSE.invokeExact(state, fd) < 0)
            {
                throw failure("close of the UDP socket", errno(state));
            }
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("close failed", ex);
        }
    }

    static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    static String strerror(final int errno)
    {
        try
        {
            final MemorySegment text = (MemorySegment)STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        }
        catch (final Throwable ex)
        {
            return "errno " + errno;
        }
    }

    private static IllegalStateException failure(final String call, final int errno)
    {
        return new IllegalStateException(call + " failed: " + strerror(errno) + " (errno " + errno + ")");
    }

    private static MethodHandle errnoCall(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO);
    }
}
