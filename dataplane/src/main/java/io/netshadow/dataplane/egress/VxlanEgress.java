package io.netshadow.dataplane.egress;

import io.netshadow.dataplane.linux.Libc;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Sends frames to an external fabric as VXLAN (RFC 7348) datagrams over UDP: each staged frame is copied behind a
 * VXLAN header carrying its VNI into a preallocated native slab, and a flush sends the whole batch with one
 * {@code sendmmsg} call. Runs of consecutive datagrams of equal length go as one UDP GSO message
 * ({@code UDP_SEGMENT}) that the kernel splits, up to 64 datagrams a message; a kernel or route that refuses GSO
 * turns it off and the rest go one datagram a message. Allocates nothing per frame or per flush.
 * <p>
 * A {@code sendmmsg} of no message at construction links the downcall, so the first frame is not late for it.
 * Counters count datagrams sent, datagrams the kernel refused by {@link SendErrorKind}, frames too large for a
 * datagram, and {@code sendmmsg} calls. Not thread-safe: one thread stages, flushes and reads the counters, or
 * reads them after that thread is done.
 */
public final class VxlanEgress implements FrameBatch, AutoCloseable
{
    /** Datagrams in a batch by default: the most one sendmmsg call takes. */
    public static final int DEFAULT_BATCH_DATAGRAMS = UdpSocketCalls.UIO_MAXIOV;
    /** Bytes of the native slab that holds a batch's datagrams by default. */
    public static final int DEFAULT_SLAB_BYTES = 4 * 1024 * 1024;
    /** Largest datagram sent as part of a GSO run: a 1500-byte MTU less the IPv4 and UDP headers. */
    public static final int GSO_MAX_SEGMENT_BYTES = 1472;

    private static final int GSO_MAX_PAYLOAD_BYTES = 65_000;
    private static final int MAX_DATAGRAM_BYTES = 65_507;
    private static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int SOCKADDR_IN_BYTES = 16;
    private static final int SOCKADDR_IN6_BYTES = 28;

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final int batchDatagrams;
    private final MemorySegment slab;
    private final UnsafeBuffer slabBuffer;
    private final MemorySegment messages;
    private final MemorySegment[] messageAt;
    private final MemorySegment iovecs;
    private final MemorySegment controls;
    private final MemorySegment address;
    private final int addressBytes;
    private final MemorySegment errnoState;
    private final int[] datagramLengths;
    private final int[] messageFirstDatagram;
    private final int[] messageDatagrams;
    private final long[] failedDatagrams = new long[SendErrorKind.values().length];
    private boolean gso;
    private int staged;
    private int slabUsedBytes;
    private long sentDatagrams;
    private long sendCalls;
    private long gsoMessages;
    private long oversizeFrames;
    private boolean closed;

    /**
     * An egress with the default batch and slab sizes, using GSO where the kernel takes it.
     *
     * @param endpoint the fabric's VXLAN endpoint: a resolved IPv4 or IPv6 address and UDP port.
     */
    public VxlanEgress(final InetSocketAddress endpoint)
    {
        this(endpoint, DEFAULT_BATCH_DATAGRAMS, DEFAULT_SLAB_BYTES, true);
    }

    /**
     * An egress.
     *
     * @param endpoint       the fabric's VXLAN endpoint: a resolved IPv4 or IPv6 address and UDP port.
     * @param batchDatagrams the most datagrams a batch holds, 1 to 1024.
     * @param slabBytes      the bytes a batch's datagrams may take, at least one largest datagram.
     * @param gso            whether runs of equal-length datagrams go as UDP GSO messages.
     * @throws IllegalArgumentException when the endpoint is unresolved or a size is out of range.
     * @throws IllegalStateException    when the socket cannot be opened.
     */
    public VxlanEgress(
        final InetSocketAddress endpoint, final int batchDatagrams, final int slabBytes, final boolean gso)
    {
        if (endpoint.isUnresolved())
        {
            throw new IllegalArgumentException("VXLAN endpoint " + endpoint.getHostString() + " is not resolved");
        }
        if (batchDatagrams < 1 || batchDatagrams > UdpSocketCalls.UIO_MAXIOV)
        {
            throw new IllegalArgumentException("batch of " + batchDatagrams + " datagrams is outside 1.." +
                UdpSocketCalls.UIO_MAXIOV);
        }
        if (slabBytes < MAX_DATAGRAM_BYTES)
        {
            throw new IllegalArgumentException("slab of " + slabBytes + " bytes is below " + MAX_DATAGRAM_BYTES);
        }
        this.batchDatagrams = batchDatagrams;
        this.gso = gso;
        this.slab = arena.allocate(slabBytes, 64);
        this.slabBuffer = new UnsafeBuffer(slab.address(), slabBytes);
        this.messages = arena.allocate((long)batchDatagrams * UdpSocketCalls.MMSGHDR_BYTES, 64);
        this.messageAt = new MemorySegment[batchDatagrams];
        for (int i = 0; i < batchDatagrams; i++)
        {
            messageAt[i] = messages.asSlice((long)i * UdpSocketCalls.MMSGHDR_BYTES);
        }
        this.iovecs = arena.allocate((long)batchDatagrams * UdpSocketCalls.IOVEC_BYTES, 64);
        this.controls = arena.allocate((long)batchDatagrams * UdpSocketCalls.GSO_CMSG_SPACE_BYTES, 64);
        this.errnoState = Libc.allocateCaptureState(arena);
        this.datagramLengths = new int[batchDatagrams];
        this.messageFirstDatagram = new int[batchDatagrams];
        this.messageDatagrams = new int[batchDatagrams];
        final boolean ipv4 = endpoint.getAddress() instanceof Inet4Address;
        this.addressBytes = ipv4 ? SOCKADDR_IN_BYTES : SOCKADDR_IN6_BYTES;
        this.address = arena.allocate(addressBytes, 8);
        writeAddress(endpoint, ipv4);
        this.fd = UdpSocketCalls.socket(arena, ipv4 ? Libc.AF_INET : Libc.AF_INET6);
        try
        {
            UdpSocketCalls.setIntOption(arena, fd, Libc.SOL_SOCKET, UdpSocketCalls.SO_SNDBUF,
                SEND_BUFFER_BYTES, "SO_SNDBUF");
            UdpSocketCalls.sendmmsg(errnoState, fd, messages, 0);
        }
        catch (final RuntimeException ex)
        {
            UdpSocketCalls.close(fd);
            arena.close();
            throw ex;
        }
    }

    @Override
    public boolean stage(final int vni, final DirectBuffer frame, final int offset, final int length)
    {
        final int datagramBytes = VxlanHeader.LENGTH + length;
        if (datagramBytes > MAX_DATAGRAM_BYTES)
        {
            oversizeFrames++;
            return true;
        }
        if (staged == batchDatagrams || slabUsedBytes + datagramBytes > slabBuffer.capacity())
        {
            return false;
        }
        final int datagramOffset = slabUsedBytes;
        VxlanHeader.write(slabBuffer, datagramOffset, vni & VxlanHeader.MAX_VNI);
        slabBuffer.putBytes(datagramOffset + VxlanHeader.LENGTH, frame, offset, length);
        final long iovec = (long)staged * UdpSocketCalls.IOVEC_BYTES;
        iovecs.set(JAVA_LONG, iovec, slab.address() + datagramOffset);
        iovecs.set(JAVA_LONG, iovec + Long.BYTES, datagramBytes);
        datagramLengths[staged] = datagramBytes;
        staged++;
        slabUsedBytes = align(datagramOffset + datagramBytes);
        return true;
    }

    @Override
    public int stagedCount()
    {
        return staged;
    }

    @Override
    public void flush()
    {
        int datagram = 0;
        while (datagram < staged)
        {
            final int messageCount = buildMessages(datagram);
            datagram = send(messageCount);
        }
        staged = 0;
        slabUsedBytes = 0;
    }

    /**
     * Datagrams the kernel accepted.
     *
     * @return the count so far.
     */
    public long sentDatagrams()
    {
        return sentDatagrams;
    }

    /**
     * Datagrams the kernel refused for one reason.
     *
     * @param kind the reason.
     * @return the count so far.
     */
    public long failedDatagrams(final SendErrorKind kind)
    {
        return failedDatagrams[kind.ordinal()];
    }

    /**
     * Datagrams the kernel refused for any reason.
     *
     * @return the count so far.
     */
    public long failedDatagrams()
    {
        long total = 0;
        for (final long count : failedDatagrams)
        {
            total += count;
        }
        return total;
    }

    /**
     * Frames too large for one VXLAN datagram, never sent.
     *
     * @return the count so far.
     */
    public long oversizeFrames()
    {
        return oversizeFrames;
    }

    /**
     * {@code sendmmsg} system calls made: one a flush, more when the kernel stops part way.
     *
     * @return the count so far.
     */
    public long sendCalls()
    {
        return sendCalls;
    }

    /**
     * Messages sent as a UDP GSO run of several datagrams.
     *
     * @return the count so far.
     */
    public long gsoMessages()
    {
        return gsoMessages;
    }

    /**
     * Whether runs of equal-length datagrams still go as GSO messages: false once the kernel refused one.
     *
     * @return true while GSO is in use.
     */
    public boolean isGsoEnabled()
    {
        return gso;
    }

    /**
     * Closes the socket and frees the slab; frames still staged are not sent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            UdpSocketCalls.close(fd);
            arena.close();
        }
    }

    private int buildMessages(final int firstDatagram)
    {
        int messageCount = 0;
        int datagram = firstDatagram;
        final long iovecBase = iovecs.address();
        final long controlBase = controls.address();
        while (datagram < staged)
        {
            final int length = datagramLengths[datagram];
            int end = datagram + 1;
            if (gso && length <= GSO_MAX_SEGMENT_BYTES)
            {
                while (end < staged && datagramLengths[end] == length &&
                    end - datagram < UdpSocketCalls.UDP_MAX_SEGMENTS &&
                    (end - datagram + 1) * length <= GSO_MAX_PAYLOAD_BYTES)
                {
                    end++;
                }
            }
            final int datagrams = end - datagram;
            final long message = (long)messageCount * UdpSocketCalls.MMSGHDR_BYTES;
            messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_NAME_OFFSET, address.address());
            messages.set(JAVA_INT, message + UdpSocketCalls.MSG_NAMELEN_OFFSET, addressBytes);
            messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_IOV_OFFSET,
                iovecBase + (long)datagram * UdpSocketCalls.IOVEC_BYTES);
            messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_IOVLEN_OFFSET, datagrams);
            if (datagrams > 1)
            {
                final long control = (long)messageCount * UdpSocketCalls.GSO_CMSG_SPACE_BYTES;
                controls.set(JAVA_LONG, control, UdpSocketCalls.GSO_CMSG_LEN_BYTES);
                controls.set(JAVA_INT, control + Long.BYTES, UdpSocketCalls.SOL_UDP);
                controls.set(JAVA_INT, control + Long.BYTES + Integer.BYTES, UdpSocketCalls.UDP_SEGMENT);
                controls.set(JAVA_SHORT, control + 2 * Long.BYTES, (short)length);
                messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_CONTROL_OFFSET, controlBase + control);
                messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_CONTROLLEN_OFFSET,
                    UdpSocketCalls.GSO_CMSG_SPACE_BYTES);
            }
            else
            {
                messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_CONTROL_OFFSET, 0L);
                messages.set(JAVA_LONG, message + UdpSocketCalls.MSG_CONTROLLEN_OFFSET, 0L);
            }
            messages.set(JAVA_INT, message + UdpSocketCalls.MSGHDR_BYTES - Integer.BYTES * 2, 0);
            messageFirstDatagram[messageCount] = datagram;
            messageDatagrams[messageCount] = datagrams;
            messageCount++;
            datagram = end;
        }
        return messageCount;
    }

    private int send(final int messageCount)
    {
        int message = 0;
        while (message < messageCount)
        {
            final int sent = UdpSocketCalls.sendmmsg(errnoState, fd, messageAt[message], messageCount - message);
            sendCalls++;
            if (sent > 0)
            {
                for (int i = message; i < message + sent; i++)
                {
                    sentDatagrams += messageDatagrams[i];
                    if (messageDatagrams[i] > 1)
                    {
                        gsoMessages++;
                    }
                }
                message += sent;
            }
            else
            {
                final int errno = Libc.errno(errnoState);
                if (Libc.EINTR == errno)
                {
                    continue;
                }
                final SendErrorKind kind = SendErrorKind.of(errno);
                if (messageDatagrams[message] > 1 && SendErrorKind.REFUSED_BY_KERNEL == kind)
                {
                    gso = false;
                    return messageFirstDatagram[message];
                }
                failedDatagrams[kind.ordinal()] += messageDatagrams[message];
                message++;
            }
        }
        return staged;
    }

    private void writeAddress(final InetSocketAddress endpoint, final boolean ipv4)
    {
        final byte[] bytes = endpoint.getAddress().getAddress();
        address.set(JAVA_SHORT, 0, (short)(ipv4 ? Libc.AF_INET : Libc.AF_INET6));
        address.set(JAVA_SHORT.withOrder(BIG_ENDIAN), 2, (short)endpoint.getPort());
        final int addressOffset = ipv4 ? 4 : 8;
        for (int i = 0; i < bytes.length; i++)
        {
            address.set(JAVA_BYTE, addressOffset + i, bytes[i]);
        }
    }

    private static int align(final int offset)
    {
        return (offset + 7) & ~7;
    }
}
