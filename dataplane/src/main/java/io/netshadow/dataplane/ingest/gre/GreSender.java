package io.netshadow.dataplane.ingest.gre;

import io.netshadow.dataplane.linux.Libc;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;

/**
 * Sends GRE packets to one IPv4 address through a raw GRE socket: the caller writes the GRE header and its payload
 * into {@link #buffer()} and calls {@link #send(int)}; the kernel adds the IPv4 header. Nothing is allocated per
 * packet. Needs {@code CAP_NET_RAW}.
 * <p>
 * Not thread safe: one thread writes and sends.
 */
public final class GreSender implements AutoCloseable
{
    /** The largest GRE packet, header and payload, the buffer holds. */
    public static final int MAX_PACKET_BYTES = 9216;

    private final GreSocket socket;
    private final Arena arena;
    private final Inet4Address destination;
    private final MemorySegment destinationAddress;
    private final MemorySegment packet;
    private final MemorySegment callState;
    private final UnsafeBuffer buffer;
    private boolean closed;

    private GreSender(final GreSocket socket, final Arena arena, final Inet4Address destination)
    {
        this.socket = socket;
        this.arena = arena;
        this.destination = destination;
        this.destinationAddress = GreCalls.socketAddress(arena, destination);
        this.packet = arena.allocate(MAX_PACKET_BYTES, Long.BYTES);
        this.callState = Libc.allocateCaptureState(arena);
        this.buffer = new UnsafeBuffer(packet.address(), MAX_PACKET_BYTES);
    }

    /**
     * Opens a raw GRE socket that sends to an address.
     *
     * @param what        what the packets are, for the messages, such as {@code the lab's ERSPAN mirror sessions}.
     * @param destination where every packet goes.
     * @return the open sender.
     * @throws IllegalStateException saying CAP_NET_RAW is needed when the process lacks it, or naming the call that
     *                               failed and the kernel's reason.
     */
    public static GreSender open(final String what, final Inet4Address destination)
    {
        final GreSocket socket = GreSocket.openSender(what);
        final Arena arena = Arena.ofShared();
        try
        {
            return new GreSender(socket, arena, destination);
        }
        catch (final RuntimeException ex)
        {
            arena.close();
            socket.close();
            throw ex;
        }
    }

    /**
     * Where to write the next packet, from its GRE header on, at offset 0.
     *
     * @return a buffer of {@link #MAX_PACKET_BYTES}.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * The address packets are sent to.
     *
     * @return the address.
     */
    public Inet4Address destination()
    {
        return destination;
    }

    /**
     * Sends the packet written in {@link #buffer()}.
     *
     * @param lengthBytes its length, GRE header included.
     * @return 0 when sent, otherwise the {@code errno} of the failure (such as {@code EAGAIN} when the socket's send
     *         buffer is full).
     * @throws IllegalArgumentException when the length exceeds the buffer.
     */
    public int send(final int lengthBytes)
    {
        if (lengthBytes < 0 || lengthBytes > MAX_PACKET_BYTES)
        {
            throw new IllegalArgumentException(
                "a GRE packet of " + lengthBytes + " bytes does not fit the " + MAX_PACKET_BYTES + "-byte buffer");
        }
        if (GreCalls.sendto(callState, socket.fd(), packet, lengthBytes, destinationAddress) < 0)
        {
            return Libc.errno(callState);
        }
        return 0;
    }

    /**
     * Closes the socket. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try (arena)
        {
            socket.close();
        }
    }
}
