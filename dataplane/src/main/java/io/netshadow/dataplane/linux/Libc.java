package io.netshadow.dataplane.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.function.IntFunction;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The C library as the data plane's Linux calls share it: a factory for downcall handles that capture
 * {@code errno} into a caller's state segment, that state's {@code errno}, the kernel's text for an error number,
 * the exception that names a failed call, and {@code socket}, {@code setsockopt}, {@code bind} and {@code close},
 * which run while a socket opens or closes. A handle made here and called with {@code invokeExact} and a
 * preallocated state allocates nothing, so per-packet calls use it directly.
 */
public final class Libc
{
    /** Address family: IPv4. */
    public static final int AF_INET = 2;
    /** Address family: IPv6. */
    public static final int AF_INET6 = 10;
    /** Socket type: datagrams. */
    public static final int SOCK_DGRAM = 2;
    /** Socket type: raw packets. */
    public static final int SOCK_RAW = 3;
    /** Socket type flag: calls on the socket do not block. */
    public static final int SOCK_NONBLOCK = 0x800;
    /** Socket type flag: the descriptor closes on {@code exec}. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** Option level: the socket itself. */
    public static final int SOL_SOCKET = 1;
    /** {@code errno}: operation not permitted. */
    public static final int EPERM = 1;
    /** {@code errno}: interrupted by a signal. */
    public static final int EINTR = 4;
    /** {@code errno}: try again, such as when a non-blocking socket has nothing to read. */
    public static final int EAGAIN = 11;
    /** {@code errno}: permission denied. */
    public static final int EACCES = 13;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
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
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc()
    {
    }

    /**
     * A downcall handle to a C library function that captures {@code errno}: its first argument is a state segment
     * from {@link #allocateCaptureState(Arena)}, followed by the function's own.
     *
     * @param name       the function's name, such as {@code recvmmsg}.
     * @param descriptor its signature.
     * @return the handle.
     */
    public static MethodHandle errnoCall(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(LOOKUP.findOrThrow(name), descriptor, CAPTURE_ERRNO);
    }

    /**
     * A downcall handle to a C library function whose {@code errno} nobody reads.
     *
     * @param name       the function's name, such as {@code poll}.
     * @param descriptor its signature.
     * @return the handle.
     */
    public static MethodHandle downcall(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(LOOKUP.findOrThrow(name), descriptor);
    }

    /**
     * A state segment for the handles of {@link #errnoCall(String, FunctionDescriptor)} to capture {@code errno}
     * into; one allocated up front serves every call of a hot path.
     *
     * @param arena where to allocate it.
     * @return the segment.
     */
    public static MemorySegment allocateCaptureState(final Arena arena)
    {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /**
     * The {@code errno} the last call captured into a state segment.
     *
     * @param state the segment.
     * @return the error number.
     */
    public static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    /**
     * The kernel's text for an error number, as {@code strerror(3)} gives it.
     *
     * @param errno the error number.
     * @return such as {@code Operation not permitted}, or {@code errno 1} when there is no text.
     */
    public static String strerror(final int errno)
    {
        try
        {
            return text(errno);
        }
        catch (final Throwable ex)
        {
            return "errno " + errno;
        }
    }

    /**
     * The kernel's text for an error number, with the number.
     *
     * @param errno the error number.
     * @return such as {@code Operation not permitted (errno 1)}.
     */
    public static String describe(final int errno)
    {
        try
        {
            return text(errno) + " (errno " + errno + ")";
        }
        catch (final Throwable ex)
        {
            return "errno " + errno;
        }
    }

    /**
     * The exception for a call the kernel failed.
     *
     * @param what  the call, such as {@code setsockopt(SOL_SOCKET, SO_RCVBUF)}.
     * @param errno the error number it failed with.
     * @return such as {@code close of the UDP socket failed: Bad file descriptor (errno 9)}.
     */
    public static IllegalStateException failure(final String what, final int errno)
    {
        return new IllegalStateException(what + " failed: " + describe(errno));
    }

    /**
     * Throws the {@link #failure(String, int)} of a call that returned a negative result, with the {@code errno}
     * it captured.
     *
     * @param result what the call returned.
     * @param state  the state it captured {@code errno} into.
     * @param what   the call, for the message.
     * @throws IllegalStateException naming the call and the kernel's reason when the result is negative.
     */
    public static void check(final int result, final MemorySegment state, final String what)
    {
        if (result < 0)
        {
            throw failure(what, errno(state));
        }
    }

    /**
     * What to throw when a downcall throws instead of returning: a runtime exception or error as it is, anything
     * else wrapped with the call's name.
     *
     * @param call the function, such as {@code recvmmsg}.
     * @param ex   what it threw.
     * @return the exception to throw.
     */
    public static RuntimeException propagate(final String call, final Throwable ex)
    {
        if (ex instanceof final RuntimeException runtimeException)
        {
            return runtimeException;
        }
        if (ex instanceof final Error error)
        {
            throw error;
        }
        return new IllegalStateException(call + " failed", ex);
    }

    /**
     * Opens a socket.
     *
     * @param arena    where to put the call's state.
     * @param domain   the address family, such as {@link #AF_INET}.
     * @param type     the type and its flags, such as {@code SOCK_RAW | SOCK_CLOEXEC}.
     * @param protocol the protocol, or 0 for the type's own.
     * @param what     the call, for the message of a failure.
     * @return the file descriptor.
     * @throws IllegalStateException naming the call and the kernel's reason when the kernel refuses the socket.
     */
    public static int socket(
        final Arena arena, final int domain, final int type, final int protocol, final String what)
    {
        return socket(arena, domain, type, protocol, what, errno -> what + " failed: " + describe(errno));
    }

    /**
     * Opens a socket, with a message of the caller's for when the kernel refuses it for want of permission, as it
     * refuses a raw socket without {@code CAP_NET_RAW}.
     *
     * @param arena            where to put the call's state.
     * @param domain           the address family, such as {@link #AF_INET}.
     * @param type             the type and its flags, such as {@code SOCK_RAW | SOCK_CLOEXEC}.
     * @param protocol         the protocol, or 0 for the type's own.
     * @param what             the call, for the message of a failure.
     * @param permissionDenied the message for {@link #EPERM} or {@link #EACCES}, from the error number.
     * @return the file descriptor.
     * @throws IllegalStateException with that message when permission is denied, or naming the call and the
     *                               kernel's reason otherwise.
     */
    public static int socket(
        final Arena arena,
        final int domain,
        final int type,
        final int protocol,
        final String what,
        final IntFunction<String> permissionDenied)
    {
        final MemorySegment state = allocateCaptureState(arena);
        final int fd;
        try
        {
            fd = (int)SOCKET.invokeExact(state, domain, type, protocol);
        }
        catch (final Throwable ex)
        {
            throw propagate("socket", ex);
        }
        if (fd < 0)
        {
            final int errno = errno(state);
            if (EPERM == errno || EACCES == errno)
            {
                throw new IllegalStateException(permissionDenied.apply(errno));
            }
            throw failure(what, errno);
        }
        return fd;
    }

    /**
     * Sets a socket option whose value is an {@code int}.
     *
     * @param arena  where to put the value and the call's state.
     * @param fd     the socket.
     * @param level  the option's level, such as {@link #SOL_SOCKET}.
     * @param option the option.
     * @param value  its value.
     * @param what   the call, for the message of a failure.
     * @throws IllegalStateException naming the call and the kernel's reason when the kernel refuses it.
     */
    public static void setIntOption(
        final Arena arena, final int fd, final int level, final int option, final int value, final String what)
    {
        final MemorySegment optionValue = arena.allocate(JAVA_INT);
        optionValue.set(JAVA_INT, 0, value);
        setOption(arena, fd, level, option, optionValue, what);
    }

    /**
     * Sets a socket option.
     *
     * @param arena  where to put the call's state.
     * @param fd     the socket.
     * @param level  the option's level, such as {@link #SOL_SOCKET}.
     * @param option the option.
     * @param value  its value, all of the segment.
     * @param what   the call, for the message of a failure.
     * @throws IllegalStateException naming the call and the kernel's reason when the kernel refuses it.
     */
    public static void setOption(
        final Arena arena,
        final int fd,
        final int level,
        final int option,
        final MemorySegment value,
        final String what)
    {
        final MemorySegment state = allocateCaptureState(arena);
        try
        {
            check((int)SETSOCKOPT.invokeExact(state, fd, level, option, value, (int)value.byteSize()), state, what);
        }
        catch (final Throwable ex)
        {
            throw propagate("setsockopt", ex);
        }
    }

    /**
     * Binds a socket to an address.
     *
     * @param arena   where to put the call's state.
     * @param fd      the socket.
     * @param address the {@code struct sockaddr} of the socket's family, all of the segment.
     * @param what    the call, for the message of a failure.
     * @throws IllegalStateException naming the call and the kernel's reason when the kernel refuses it.
     */
    public static void bind(final Arena arena, final int fd, final MemorySegment address, final String what)
    {
        final MemorySegment state = allocateCaptureState(arena);
        try
        {
            check((int)BIND.invokeExact(state, fd, address, (int)address.byteSize()), state, what);
        }
        catch (final Throwable ex)
        {
            throw propagate("bind", ex);
        }
    }

    /**
     * Closes a file descriptor.
     *
     * @param arena where to put the call's state.
     * @param fd    the descriptor.
     * @param what  the call, for the message of a failure.
     * @throws IllegalStateException naming the call and the kernel's reason when the kernel refuses it.
     */
    public static void close(final Arena arena, final int fd, final String what)
    {
        final MemorySegment state = allocateCaptureState(arena);
        try
        {
            check((int)CLOSE.invokeExact(state, fd), state, what);
        }
        catch (final Throwable ex)
        {
            throw propagate("close", ex);
        }
    }

    private static String text(final int errno) throws Throwable
    {
        final MemorySegment message = (MemorySegment)STRERROR.invokeExact(errno);
        return message.reinterpret(Integer.MAX_VALUE).getString(0);
    }
}
