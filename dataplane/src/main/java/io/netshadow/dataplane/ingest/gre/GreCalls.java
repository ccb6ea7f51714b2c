package io.netshadow.dataplane.ingest.gre;

import io.netshadow.dataplane.linux.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
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
    static final int IPPROTO_GRE = 47;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    /** {@code struct sockaddr_in}'s size in bytes. */
    static final int SOCKADDR_IN_BYTES = 16;
    /** {@code struct sock_filter}: code, jt, jf, k. */
    static final int SOCK_FILTER_BYTES = 8;
    /** {@code struct sock_fprog}: a length and, aligned, a pointer. */
    static final int SOCK_FPROG_BYTES = 16;
    /** The classic BPF instruction {@code ret #k}. */
    static final short BPF_RET_K = 0x06;

    private static final MethodHandle RECVMMSG = Libc.errnoCall("recvmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SENDTO = Libc.errnoCall("sendto",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

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
        return Libc.socket(arena, Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, IPPROTO_GRE,
            "socket(AF_INET, SOCK_RAW, IPPROTO_GRE) for " + what,
            errno -> GreSocket.missingCapabilityMessage(what, Libc.describe(errno)));
    }

    static void setIntOption(final Arena arena, final int fd, final int option, final int value, final String name)
    {
        Libc.setIntOption(arena, fd, Libc.SOL_SOCKET, option, value, "setsockopt(SOL_SOCKET, " + name + ")");
    }

    static void setOption(
        final Arena arena, final int fd, final int option, final MemorySegment value, final String name)
    {
        Libc.setOption(arena, fd, Libc.SOL_SOCKET, option, value, "setsockopt(SOL_SOCKET, " + name + ")");
    }

    static void bind(final Arena arena, final int fd, final Inet4Address address)
    {
        Libc.bind(arena, fd, socketAddress(arena, address),
            "bind of the raw GRE socket to " + address.getHostAddress());
    }

    static void close(final Arena arena, final int fd)
    {
        Libc.close(arena, fd, "close of the raw GRE socket");
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
        catch (final Throwable ex)
        {
            throw Libc.propagate("recvmmsg", ex);
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
        catch (final Throwable ex)
        {
            throw Libc.propagate("sendto", ex);
        }
    }

    static MemorySegment socketAddress(final Arena arena, final Inet4Address address)
    {
        final MemorySegment socketAddress = arena.allocate(SOCKADDR_IN_BYTES, Integer.BYTES);
        socketAddress.set(JAVA_SHORT, 0, (short)Libc.AF_INET);
        MemorySegment.copy(address.getAddress(), 0, socketAddress, JAVA_BYTE, 4, 4);
        return socketAddress;
    }
}
