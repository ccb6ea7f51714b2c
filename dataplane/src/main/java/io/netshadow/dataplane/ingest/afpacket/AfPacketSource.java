package io.netshadow.dataplane.ingest.afpacket;

import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.FramePublisher;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Captures a raw SPAN port through an AF_PACKET socket with a TPACKET_V3 receive ring mapped into the process, and
 * publishes every frame into ring A with the kernel's receive timestamp ({@link TimestampKind#KERNEL}).
 * <p>
 * The kernel fills the ring's blocks and hands each one over by setting {@code TP_STATUS_USER} in its descriptor;
 * {@link #doWork()} walks the handed-over blocks in ring order, copies each frame into its ring A slot (the one
 * copy), and gives the block back with {@code TP_STATUS_KERNEL}. Nothing is allocated per frame. Frames dropped
 * because ring A was full, frames larger than a slot, and the kernel's own drops ({@code PACKET_STATISTICS}) are
 * counted under labels from {@link #counterLabel(String, String)}. Outgoing frames are ignored: a SPAN port only
 * receives.
 * <p>
 * Not thread safe: one thread runs the agent, and {@link #close()} is called after it has stopped.
 */
public final class AfPacketSource implements Agent, AutoCloseable
{
    /** Counter name: frames read from the ring. */
    public static final String FRAMES = "frames";
    /** Counter name: frames published into ring A. */
    public static final String PUBLISHED = "published";
    /** Counter name: frames dropped because ring A was full. */
    public static final String RING_FULL = "ring_full";
    /** Counter name: frames larger than a ring A slot. */
    public static final String OVERSIZE_FRAME = "oversize_frame";
    /** Counter name: frames the kernel saw for this socket, its drops included. */
    public static final String KERNEL_PACKETS = "kernel_packets";
    /** Counter name: frames the kernel dropped because the ring had no free block. */
    public static final String KERNEL_DROPS = "kernel_drops";

    private static final int TP_STATUS_KERNEL = 0;
    private static final int TP_STATUS_USER = 1;
    private static final int BLOCK_STATUS_OFFSET = 8;
    private static final int BLOCK_PACKET_COUNT_OFFSET = 12;
    private static final int BLOCK_FIRST_PACKET_OFFSET = 16;
    private static final int HDR_NEXT_OFFSET = 0;
    private static final int HDR_SEC_OFFSET = 4;
    private static final int HDR_NSEC_OFFSET = 8;
    private static final int HDR_SNAPLEN_OFFSET = 12;
    private static final int HDR_MAC_OFFSET = 24;
    private static final int STATS_PACKETS_OFFSET = 0;
    private static final int STATS_DROPS_OFFSET = 4;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AfPacketConfig config;
    private final Arena arena;
    private final int fd;
    private final MemorySegment ring;
    private final long ringAddress;
    private final int blockSizeBytes;
    private final int blockCount;
    private final int maxFrameBytes;
    private final int sessionIndex;
    private final Direction direction;
    private final String roleName;
    private final UnsafeBuffer block = new UnsafeBuffer(0, 0);
    private final FramePublisher publisher;
    private final AtomicCounter frames;
    private final AtomicCounter oversizeFrames;
    private final AtomicCounter kernelPackets;
    private final AtomicCounter kernelDrops;
    private final MemorySegment statisticsState;
    private final MemorySegment statistics;
    private final MemorySegment statisticsLength;
    private int blockIndex;
    private boolean closed;

    private AfPacketSource(
        final AfPacketConfig config,
        final Arena arena,
        final int fd,
        final MemorySegment ring,
        final FramePublisher publisher,
        final int maxFrameBytes,
        final DataPlaneCounters counters)
    {
        final String name = config.interfaceName();
        this.config = config;
        this.arena = arena;
        this.fd = fd;
        this.ring = ring;
        this.ringAddress = ring.address();
        this.blockSizeBytes = config.blockSizeBytes();
        this.blockCount = config.blockCount();
        this.maxFrameBytes = maxFrameBytes;
        this.sessionIndex = config.sessionIndex();
        this.direction = config.direction();
        this.roleName = "afpacket-" + name;
        this.publisher = publisher;
        this.frames = counters.counter(counterLabel(name, FRAMES));
        this.oversizeFrames = counters.counter(counterLabel(name, OVERSIZE_FRAME));
        this.kernelPackets = counters.counter(counterLabel(name, KERNEL_PACKETS));
        this.kernelDrops = counters.counter(counterLabel(name, KERNEL_DROPS));
        this.statisticsState = LinuxCalls.allocateCaptureState(arena);
        this.statistics = arena.allocate(LinuxCalls.TPACKET_STATS_V3_BYTES, Integer.BYTES);
        this.statisticsLength = arena.allocate(JAVA_INT);
    }

    /**
     * Opens the socket, maps its ring and binds it to the interface, ready for {@link #doWork()}.
     *
     * @param config        the interface, session and ring shape.
     * @param ringA         the ring to publish into.
     * @param maxFrameBytes the capacity of a ring A slot; larger frames are counted and dropped.
     * @param hashKey0      the first half of the flow hash key.
     * @param hashKey1      the second half of the flow hash key.
     * @param counters      the data plane's counters.
     * @return the open source.
     * @throws IllegalArgumentException naming the interface when there is none by that name.
     * @throws IllegalStateException    saying CAP_NET_RAW is needed when the process lacks it, or naming the call
     *                                  that failed and the kernel's reason.
     */
    public static AfPacketSource open(
        final AfPacketConfig config,
        final RingBuffer<PacketEvent> ringA,
        final int maxFrameBytes,
        final long hashKey0,
        final long hashKey1,
        final DataPlaneCounters counters)
    {
        final String name = config.interfaceName();
        final Arena arena = Arena.ofShared();
        int fd = -1;
        MemorySegment ring = null;
        try
        {
            final int interfaceIndex = LinuxCalls.interfaceIndex(arena, name);
            // Protocol 0 until bind: no frame from another interface can reach the ring in between.
            fd = LinuxCalls.socket(arena, LinuxCalls.AF_PACKET, LinuxCalls.SOCK_RAW | LinuxCalls.SOCK_CLOEXEC, 0);
            LinuxCalls.setIntOption(arena, fd, LinuxCalls.PACKET_VERSION, LinuxCalls.TPACKET_V3, "PACKET_VERSION");
            LinuxCalls.setIntOption(arena, fd, LinuxCalls.PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING");
            LinuxCalls.setOption(arena, fd, LinuxCalls.PACKET_RX_RING, ringRequest(arena, config), "PACKET_RX_RING");
            ring = LinuxCalls.mmap(arena, fd, config.ringSizeBytes());
            LinuxCalls.bind(arena, fd, linkAddress(arena, interfaceIndex), name);
            if (AfPacketConfig.NO_FANOUT != config.fanoutGroupId())
            {
                final int fanout = config.fanoutGroupId() | (LinuxCalls.PACKET_FANOUT_HASH << 16);
                LinuxCalls.setIntOption(arena, fd, LinuxCalls.PACKET_FANOUT, fanout, "PACKET_FANOUT");
            }
            final FramePublisher publisher = new FramePublisher(
                ringA,
                hashKey0,
                hashKey1,
                counters.counter(counterLabel(name, PUBLISHED)),
                counters.counter(counterLabel(name, RING_FULL)),
                result -> counters.counter(result.counterLabel()));
            return new AfPacketSource(config, arena, fd, ring, publisher, maxFrameBytes, counters);
        }
        catch (final RuntimeException ex)
        {
            release(arena, fd, ring, ex);
            throw ex;
        }
    }

    /**
     * The label of one of a capture's counters.
     *
     * @param interfaceName the interface captured.
     * @param counterName   one of the counter names of this class, such as {@link #RING_FULL}.
     * @return the label, {@code afpacket.<interface>.<counter>}.
     */
    public static String counterLabel(final String interfaceName, final String counterName)
    {
        return "afpacket." + interfaceName + "." + counterName;
    }

    /**
     * The configuration the source was opened with.
     *
     * @return the configuration.
     */
    public AfPacketConfig config()
    {
        return config;
    }

    /**
     * Publishes the frames of every block the kernel has handed over, returns the blocks, and then adds the kernel's
     * statistics to the counters.
     *
     * @return the number of frames read.
     */
    @Override
    public int doWork()
    {
        int framesRead = 0;
        for (int i = 0; i < blockCount; i++)
        {
            block.wrap(ringAddress + (long)blockIndex * blockSizeBytes, blockSizeBytes);
            if (0 == (block.getIntAcquire(BLOCK_STATUS_OFFSET) & TP_STATUS_USER))
            {
                break;
            }
            framesRead += publishBlock();
            block.putIntRelease(BLOCK_STATUS_OFFSET, TP_STATUS_KERNEL);
            blockIndex = blockIndex + 1 == blockCount ? 0 : blockIndex + 1;
        }
        if (framesRead > 0)
        {
            readKernelStatistics();
        }
        return framesRead;
    }

    /**
     * The agent's name, {@code afpacket-<interface>}.
     *
     * @return the name.
     */
    @Override
    public String roleName()
    {
        return roleName;
    }

    /**
     * Adds the kernel's last statistics to the counters, unmaps the ring and closes the socket. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            readKernelStatistics();
        }
        finally
        {
            release(arena, fd, ring, null);
        }
    }

    private int publishBlock()
    {
        final int packetCount = block.getInt(BLOCK_PACKET_COUNT_OFFSET);
        int offset = block.getInt(BLOCK_FIRST_PACKET_OFFSET);
        for (int i = 0; i < packetCount; i++)
        {
            final long seconds = Integer.toUnsignedLong(block.getInt(offset + HDR_SEC_OFFSET));
            final long nanos = Integer.toUnsignedLong(block.getInt(offset + HDR_NSEC_OFFSET));
            final int snapLength = block.getInt(offset + HDR_SNAPLEN_OFFSET);
            final int macOffset = Short.toUnsignedInt(block.getShort(offset + HDR_MAC_OFFSET));
            frames.increment();
            if (snapLength > maxFrameBytes)
            {
                oversizeFrames.increment();
            }
            else
            {
                publisher.publish(
                    block,
                    offset + macOffset,
                    snapLength,
                    seconds * NANOS_PER_SECOND + nanos,
                    TimestampKind.KERNEL,
                    sessionIndex,
                    direction);
            }
            offset += block.getInt(offset + HDR_NEXT_OFFSET);
        }
        return packetCount;
    }

    private void readKernelStatistics()
    {
        // The kernel resets its statistics on each read, so each read is added.
        LinuxCalls.getOption(
            statisticsState, fd, LinuxCalls.PACKET_STATISTICS, statistics, statisticsLength, "PACKET_STATISTICS");
        kernelPackets.getAndAdd(Integer.toUnsignedLong(statistics.get(JAVA_INT, STATS_PACKETS_OFFSET)));
        kernelDrops.getAndAdd(Integer.toUnsignedLong(statistics.get(JAVA_INT, STATS_DROPS_OFFSET)));
    }

    private static MemorySegment ringRequest(final Arena arena, final AfPacketConfig config)
    {
        final MemorySegment request = arena.allocate(LinuxCalls.TPACKET_REQ3_BYTES, Integer.BYTES);
        final int framesPerBlock = config.blockSizeBytes() / config.frameSizeBytes();
        request.set(JAVA_INT, 0, config.blockSizeBytes());
        request.set(JAVA_INT, 4, config.blockCount());
        request.set(JAVA_INT, 8, config.frameSizeBytes());
        request.set(JAVA_INT, 12, framesPerBlock * config.blockCount());
        request.set(JAVA_INT, 16, config.retireTimeoutMs());
        return request;
    }

    private static MemorySegment linkAddress(final Arena arena, final int interfaceIndex)
    {
        final MemorySegment address = arena.allocate(LinuxCalls.SOCKADDR_LL_BYTES, Integer.BYTES);
        address.set(JAVA_SHORT, 0, (short)LinuxCalls.AF_PACKET);
        address.set(JAVA_SHORT, 2, (short)LinuxCalls.htons(LinuxCalls.ETH_P_ALL));
        address.set(JAVA_INT, 4, interfaceIndex);
        return address;
    }

    private static void release(final Arena arena, final int fd, final MemorySegment ring, final Throwable cause)
    {
        try (arena)
        {
            if (null != ring)
            {
                LinuxCalls.munmap(arena, ring);
            }
            if (fd >= 0)
            {
                LinuxCalls.close(arena, fd);
            }
        }
        catch (final RuntimeException ex)
        {
            if (null == cause)
            {
                throw ex;
            }
            cause.addSuppressed(ex);
        }
    }
}
