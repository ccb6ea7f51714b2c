package io.netshadow.dataplane.ingest.gre;

import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.linux.Libc;
import io.netshadow.dataplane.packet.ErspanHeader;
import io.netshadow.dataplane.packet.GreHeader;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Receives ERSPAN type II and III mirror copies from a raw GRE socket and hands each to an {@link ErspanReceiver},
 * which publishes its inner frame into ring A. Each {@link #doWork()} reads a batch of up to
 * {@link #BATCH_PACKETS} packets with one {@code recvmmsg} call into native memory allocated when the source
 * opens, stamping each with the kernel's receive time ({@link TimestampKind#KERNEL}); a type III copy's hardware
 * timestamp still wins inside the receiver. GRE that is not ERSPAN (other tunnels on the host) is counted and
 * skipped; packets too large for a slot are counted and skipped; failed reads are counted by {@code errno}.
 * Nothing is allocated per packet.
 * <p>
 * Not thread safe: one thread runs the agent, and {@link #close()} is called after it has stopped.
 */
public final class GreSource implements Agent, AutoCloseable
{
    /** Counter label: GRE packets read from the socket, ERSPAN or not. */
    public static final String PACKETS = "ingest.gre.packets";
    /** Counter label: {@code recvmmsg} calls that returned at least one packet. */
    public static final String BATCHES = "ingest.gre.batches";
    /** Counter label: GRE packets whose protocol type is not ERSPAN type II or III. */
    public static final String NOT_ERSPAN = "ingest.gre.not_erspan";
    /** Counter label: GRE packets larger than a receive slot, truncated by the kernel and skipped. */
    public static final String TRUNCATED = "ingest.gre.truncated";
    /** Counter label: failed reads, every {@code errno} but {@code EAGAIN} and {@code EINTR}. */
    public static final String ERRORS = "ingest.gre.errors";
    /** The most packets one {@code recvmmsg} call reads. */
    public static final int BATCH_PACKETS = 32;
    /** Room in a slot for the outer headers: IPv4 with options, GRE with every optional word, ERSPAN III. */
    public static final int MAX_OUTER_HEADER_BYTES = 60 + 16 + ErspanHeader.TYPE_III_LENGTH +
        ErspanHeader.PLATFORM_SUBHEADER_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(GreSource.class);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long NO_TIMESTAMP = -1;
    private static final int MAX_ERRNO = 133;
    private static final int SLOT_ALIGNMENT = 64;
    private static final int MMSGHDR_BYTES = 64;
    private static final int MSG_IOV_OFFSET = 16;
    private static final int MSG_IOVLEN_OFFSET = 24;
    private static final int MSG_CONTROL_OFFSET = 32;
    private static final int MSG_CONTROLLEN_OFFSET = 40;
    private static final int MSG_FLAGS_OFFSET = 48;
    private static final int MSG_LEN_OFFSET = 56;
    private static final int IOVEC_BYTES = 16;
    private static final int CONTROL_BYTES = 64;
    private static final int CMSG_HEADER_BYTES = 16;
    private static final int CMSG_LEVEL_OFFSET = 8;
    private static final int CMSG_TYPE_OFFSET = 12;
    private static final int TIMESPEC_BYTES = 16;

    private final GreSocket socket;
    private final Arena arena;
    private final ErspanReceiver receiver;
    private final DataPlaneCounters counters;
    private final int slotBytes;
    private final MemorySegment messages;
    private final MemorySegment control;
    private final MemorySegment callState;
    private final UnsafeBuffer packetBuffer;
    private final AtomicCounter packets;
    private final AtomicCounter batches;
    private final AtomicCounter notErspan;
    private final AtomicCounter truncated;
    private final AtomicCounter errors;
    private final AtomicCounter[] errorsByErrno = new AtomicCounter[MAX_ERRNO + 2];
    private boolean closed;

    private GreSource(
        final GreSocket socket,
        final Arena arena,
        final int maxFrameBytes,
        final ErspanReceiver receiver,
        final DataPlaneCounters counters)
    {
        this.socket = socket;
        this.arena = arena;
        this.receiver = receiver;
        this.counters = counters;
        this.slotBytes = align(maxFrameBytes + MAX_OUTER_HEADER_BYTES, SLOT_ALIGNMENT);
        this.messages = arena.allocate((long)BATCH_PACKETS * MMSGHDR_BYTES, Long.BYTES);
        this.control = arena.allocate((long)BATCH_PACKETS * CONTROL_BYTES, Long.BYTES);
        final MemorySegment iovecs = arena.allocate((long)BATCH_PACKETS * IOVEC_BYTES, Long.BYTES);
        final MemorySegment slots = arena.allocate((long)BATCH_PACKETS * slotBytes, SLOT_ALIGNMENT);
        for (int i = 0; i < BATCH_PACKETS; i++)
        {
            final long iovec = (long)i * IOVEC_BYTES;
            iovecs.set(JAVA_LONG, iovec, slots.address() + (long)i * slotBytes);
            iovecs.set(JAVA_LONG, iovec + Long.BYTES, slotBytes);
            final long message = (long)i * MMSGHDR_BYTES;
            messages.set(JAVA_LONG, message + MSG_IOV_OFFSET, iovecs.address() + iovec);
            messages.set(JAVA_LONG, message + MSG_IOVLEN_OFFSET, 1);
            messages.set(JAVA_LONG, message + MSG_CONTROL_OFFSET, control.address() + (long)i * CONTROL_BYTES);
        }
        this.callState = Libc.allocateCaptureState(arena);
        this.packetBuffer = new UnsafeBuffer(slots.address(), (int)slots.byteSize());
        this.packets = counters.counter(PACKETS);
        this.batches = counters.counter(BATCHES);
        this.notErspan = counters.counter(NOT_ERSPAN);
        this.truncated = counters.counter(TRUNCATED);
        this.errors = counters.counter(ERRORS);
    }

    /**
     * Opens a raw GRE socket bound to an address, ready for {@link #doWork()}.
     *
     * @param bindAddress        the IPv4 address ERSPAN copies are sent to, {@code 0.0.0.0} for any.
     * @param receiveBufferBytes the socket's receive buffer.
     * @param maxFrameBytes      the largest inner frame a ring A slot holds; a receive slot holds it and its
     *                           outer headers.
     * @param receiver           decodes the copies and publishes them into ring A.
     * @param counters           the data plane's counters.
     * @return the open source.
     * @throws IllegalArgumentException when the address is not IPv4.
     * @throws IllegalStateException    saying CAP_NET_RAW is needed when the process lacks it, or naming the call
     *                                  that failed and the kernel's reason.
     */
    public static GreSource open(
        final String bindAddress,
        final int receiveBufferBytes,
        final int maxFrameBytes,
        final ErspanReceiver receiver,
        final DataPlaneCounters counters)
    {
        final GreSocket socket = GreSocket.openReceiver(bindAddress, receiveBufferBytes);
        final Arena arena = Arena.ofShared();
        try
        {
            final GreSource source = new GreSource(socket, arena, maxFrameBytes, receiver, counters);
            LOG.info("ERSPAN ingest reading GRE on {} through a raw socket, up to {} packets a call, kernel " +
                "receive timestamps", socket.address().getHostAddress(), BATCH_PACKETS);
            return source;
        }
        catch (final RuntimeException ex)
        {
            arena.close();
            socket.close();
            throw ex;
        }
    }

    /**
     * The label of the counter of failed reads with one {@code errno}.
     *
     * @param errno the error number.
     * @return such as {@code ingest.gre.errors.errno_105}.
     */
    public static String errnoCounterLabel(final int errno)
    {
        return ERRORS + ".errno_" + errno;
    }

    /**
     * The socket the source reads.
     *
     * @return the socket.
     */
    public GreSocket socket()
    {
        return socket;
    }

    /**
     * Reads one batch of packets without waiting and hands each ERSPAN copy to the receiver.
     *
     * @return the number of packets read.
     */
    @Override
    public int doWork()
    {
        for (int i = 0; i < BATCH_PACKETS; i++)
        {
            messages.set(JAVA_LONG, (long)i * MMSGHDR_BYTES + MSG_CONTROLLEN_OFFSET, CONTROL_BYTES);
        }
        final int received = GreCalls.recvmmsg(callState, socket.fd(), messages, BATCH_PACKETS);
        if (received <= 0)
        {
            if (received < 0)
            {
                onError(Libc.errno(callState));
            }
            return 0;
        }
        batches.increment();
        for (int i = 0; i < received; i++)
        {
            onPacket(i);
        }
        return received;
    }

    /**
     * The agent's name.
     *
     * @return {@code erspan-gre}.
     */
    @Override
    public String roleName()
    {
        return "erspan-gre";
    }

    /**
     * Closes the socket and frees the receive memory. Idempotent.
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

    private void onPacket(final int index)
    {
        final long message = (long)index * MMSGHDR_BYTES;
        final int length = messages.get(JAVA_INT, message + MSG_LEN_OFFSET);
        final int flags = messages.get(JAVA_INT, message + MSG_FLAGS_OFFSET);
        packets.increment();
        if (0 != (flags & GreCalls.MSG_TRUNC))
        {
            truncated.increment();
            return;
        }
        final int offset = index * slotBytes;
        if (!mayBeErspan(offset, length))
        {
            notErspan.increment();
            return;
        }
        final long receivedNs = kernelTimestampNs(index, messages.get(JAVA_LONG, message + MSG_CONTROLLEN_OFFSET));
        if (NO_TIMESTAMP == receivedNs)
        {
            receiver.onIpPacket(packetBuffer, offset, length);
        }
        else
        {
            receiver.onIpPacket(packetBuffer, offset, length, receivedNs, TimestampKind.KERNEL);
        }
    }

    private boolean mayBeErspan(final int offset, final int length)
    {
        if (length < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            return true;
        }
        final int ipHeaderLength = (packetBuffer.getByte(offset + Ipv4Flyweight.VERSION_IHL_OFFSET) & 0x0F) * 4;
        if (length < ipHeaderLength + GreHeader.MIN_LENGTH)
        {
            return true;
        }
        final int protocolType =
            packetBuffer.getShort(offset + ipHeaderLength + GreHeader.PROTOCOL_OFFSET, BIG_ENDIAN) & 0xFFFF;
        return ErspanHeader.GRE_PROTOCOL_TYPE_II == protocolType || ErspanHeader.GRE_PROTOCOL_TYPE_III == protocolType;
    }

    private long kernelTimestampNs(final int index, final long controlLength)
    {
        final long base = (long)index * CONTROL_BYTES;
        final long end = Math.min(controlLength, CONTROL_BYTES);
        long position = 0;
        while (position + CMSG_HEADER_BYTES <= end)
        {
            final long cmsgLength = control.get(JAVA_LONG, base + position);
            if (cmsgLength < CMSG_HEADER_BYTES)
            {
                break;
            }
            if (Libc.SOL_SOCKET == control.get(JAVA_INT, base + position + CMSG_LEVEL_OFFSET) &&
                GreCalls.SCM_TIMESTAMPNS == control.get(JAVA_INT, base + position + CMSG_TYPE_OFFSET) &&
                cmsgLength >= CMSG_HEADER_BYTES + TIMESPEC_BYTES)
            {
                final long seconds = control.get(JAVA_LONG, base + position + CMSG_HEADER_BYTES);
                final long nanos = control.get(JAVA_LONG, base + position + CMSG_HEADER_BYTES + Long.BYTES);
                return seconds * NANOS_PER_SECOND + nanos;
            }
            position += align(cmsgLength, Long.BYTES);
        }
        return NO_TIMESTAMP;
    }

    private void onError(final int errno)
    {
        if (Libc.EAGAIN == errno || Libc.EINTR == errno)
        {
            return;
        }
        errors.increment();
        final int slot = errno >= 0 && errno <= MAX_ERRNO ? errno : MAX_ERRNO + 1;
        AtomicCounter counter = errorsByErrno[slot];
        if (null == counter)
        {
            counter = counters.counter(slot <= MAX_ERRNO ? errnoCounterLabel(errno) : ERRORS + ".errno_other");
            errorsByErrno[slot] = counter;
            LOG.warn("ERSPAN ingest: recvmmsg on the raw GRE socket failed: {}", Libc.describe(errno));
        }
        counter.increment();
    }

    private static int align(final int value, final int alignment)
    {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static long align(final long value, final long alignment)
    {
        return (value + alignment - 1) / alignment * alignment;
    }
}
