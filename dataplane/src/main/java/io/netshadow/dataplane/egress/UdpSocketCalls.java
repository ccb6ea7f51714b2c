package io.netshadow.dataplane.egress;

import io.netshadow.dataplane.linux.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The Linux calls a batching UDP sender needs, as downcall handles through the Foreign Function &amp; Memory API, each
 * capturing {@code errno}: {@code socket}, {@code setsockopt}, {@code close} once per socket, and {@code sendmmsg},
 * which takes a preallocated capture segment so that a send allocates nothing.
 */
final class UdpSocketCalls
{
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

    private static final MethodHandle SENDMMSG = Libc.errnoCall("sendmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private UdpSocketCalls()
    {
    }

    static int socket(final Arena arena, final int domain)
    {
        return Libc.socket(arena, domain, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0, "socket(SOCK_DGRAM)");
    }

    static void setIntOption(
        final Arena arena, final int fd, final int level, final int option, final int value, final String name)
    {
        Libc.setIntOption(arena, fd, level, option, value, "setsockopt(" + name + ")");
    }

    /**
     * Sends messages with one system call.
     *
     * @param state    a capture segment from {@link Libc#allocateCaptureState} that receives errno.
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
            throw Libc.propagate("sendmmsg", ex);
        }
    }

    static void close(final int fd)
    {
        try (Arena arena = Arena.ofConfined())
        {
            Libc.close(arena, fd, "close of the UDP socket");
        }
    }
}
