package io.netshadow.dataplane.ingest.afpacket;

import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.FramePublisher;
import io.netshadow.dataplane.linux.Libc;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Captures a raw SPAN port through an AF_PACKET socket with a TPACKET_V3 receive ring mapped into the process, and
 * publishes every frame into ring A with the kernel's receive timestamp ({@link TimestampKind#KERNEL}).
 * <p>
 * The kernel fills the ring's blocks and hands each one over by setting {@code TP_STATUS_USER} in its descriptor;
 * {@link #doWork()} walks the handed-over blocks in ring order and works a block at a time: one walk over the
 * block's frame headers, then one claim of a run of ring A slots for the block's frames, each frame copied into
 * its slot (the one copy), one publication of the run, and the counters added once per block. The block is then
 * given back with {@code TP_STATUS_KERNEL}. No native call is made per frame: the kernel's statistics are read once
 * per call that found blocks, and {@link #awaitFrames(int)} calls {@code poll(2)} only when no block is ready.
 * <p>
 * The kernel strips a received frame's 802.1Q tag into the frame header ({@code tp_vlan_tci}, {@code tp_vlan_tpid});
 * the source puts it back after the MAC addresses, so the frame in ring A is the one on the wire and decodes as
 * tagged. Timestamps are the kernel's, in nanoseconds. Nothing is allocated per frame. Frames dropped because ring
 * A was full, frames larger than a slot, and the kernel's own drops ({@code PACKET_STATISTICS}) are counted under
 * labels from {@link #counterLabel(String, String)}. Outgoing frames are ignored: a SPAN port only receives.
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
    /** Counter name: frames whose 802.1Q tag, stripped by the kernel, was put back. */
    public static final String VLAN_RESTORED = "vlan_restored";

    private static final int TP_STATUS_KERNEL = 0;
    private static final int TP_STATUS_USER = 1;
    private static final int BLOCK_STATUS_OFFSET = 8;
    private static final int BLOCK_PACKET_COUNT_OFFSET = 12;
    private static final int BLOCK_FIRST_PACKET_OFFSET = 16;
    private static final int HDR_NEXT_OFFSET = 0;
    private static final int HDR_SEC_OFFSET = 4;
    private static final int HDR_NSEC_OFFSET = 8;
    private static final int HDR_SNAPLEN_OFFSET = 12;
    private static final int HDR_STATUS_OFFSET = 20;
    private static final int HDR_MAC_OFFSET = 24;
    private static final int HDR_VLAN_TCI_OFFSET = 32;
    private static final int HDR_VLAN_TPID_OFFSET = 36;
    private static final int TP_STATUS_VLAN_VALID = 0x10;
    private static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    private static final int ETH_P_8021Q = 0x8100;
    private static final int MAC_ADDRESSES_BYTES = 12;
    private static final int VLAN_TAG_BYTES = 4;
    /** The least room a frame takes in a block: its TPACKET_V3 header, aligned. */
    private static final int MIN_FRAME_RECORD_BYTES = 48;
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
    private final AtomicCounter vlanRestored;
    private final int[] frameOffsets;
    private final MemorySegment statisticsState;
    private final MemorySegment statistics;
    private final MemorySegment statisticsLength;
    private final MemorySegment pollDescriptor;
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
        this.vlanRestored = counters.counter(counterLabel(name, VLAN_RESTORED));
        this.frameOffsets = new int[blockSizeBytes / MIN_FRAME_RECORD_BYTES + 1];
        this.pollDescriptor = LinuxCalls.pollDescriptor(arena, fd);
        this.statisticsState = Libc.allocateCaptureState(arena);
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
            fd = LinuxCalls.socket(arena);
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
            if (!blockReady())
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
     * Waits until the kernel hands over a block, or the timeout passes, without spinning: {@code poll(2)} on the
     * socket, called only when no block is ready. For a thread that runs nothing but this source.
     *
     * @param timeoutMs the longest wait in milliseconds.
     * @return true when a block is ready or the socket reports an error, false when the wait timed out.
     */
    public boolean awaitFrames(final int timeoutMs)
    {
        return !closed && (blockReady() || LinuxCalls.poll(pollDescriptor, timeoutMs));
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

    private boolean blockReady()
    {
        block.wrap(ringAddress + (long)blockIndex * blockSizeBytes, blockSizeBytes);
        return 0 != (block.getIntAcquire(BLOCK_STATUS_OFFSET) & TP_STATUS_USER);
    }

    private int publishBlock()
    {
        final int packetCount = block.getInt(BLOCK_PACKET_COUNT_OFFSET);
        final int acceptedCount = acceptFrames(packetCount);
        int published = 0;
        int restored = 0;
        while (published < acceptedCount)
        {
            final int claimed = publisher.claim(acceptedCount - published);
            if (0 == claimed)
            {
                publisher.ringFull(acceptedCount - published);
                break;
            }
            for (int i = 0; i < claimed; i++)
            {
                restored += copyFrame(i, frameOffsets[published + i]);
            }
            publisher.publishClaimed();
            published += claimed;
        }
        frames.getAndAdd(packetCount);
        if (0 != restored)
        {
            vlanRestored.getAndAdd(restored);
        }
        return packetCount;
    }

    /**
     * Walks the block's frame headers once, keeping the offsets of the frames that fit a ring A slot.
     */
    private int acceptFrames(final int packetCount)
    {
        int offset = block.getInt(BLOCK_FIRST_PACKET_OFFSET);
        int acceptedCount = 0;
        int oversize = 0;
        for (int i = 0; i < packetCount; i++)
        {
            final int tagBytes = 0 != (block.getInt(offset + HDR_STATUS_OFFSET) & TP_STATUS_VLAN_VALID) ?
                VLAN_TAG_BYTES : 0;
            if (block.getInt(offset + HDR_SNAPLEN_OFFSET) + tagBytes > maxFrameBytes)
            {
                oversize++;
            }
            else
            {
                frameOffsets[acceptedCount++] = offset;
            }
            offset += block.getInt(offset + HDR_NEXT_OFFSET);
        }
        if (0 != oversize)
        {
            oversizeFrames.getAndAdd(oversize);
        }
        return acceptedCount;
    }

    /**
     * Copies one frame into its claimed slot, its VLAN tag put back when the kernel stripped one.
     *
     * @return 1 when a tag was put back, else 0.
     */
    private int copyFrame(final int slot, final int offset)
    {
        final long timestampNs = Integer.toUnsignedLong(block.getInt(offset + HDR_SEC_OFFSET)) * NANOS_PER_SECOND +
            Integer.toUnsignedLong(block.getInt(offset + HDR_NSEC_OFFSET));
        final int snapLength = block.getInt(offset + HDR_SNAPLEN_OFFSET);
        final int frameStart = offset + Short.toUnsignedInt(block.getShort(offset + HDR_MAC_OFFSET));
        final int status = block.getInt(offset + HDR_STATUS_OFFSET);
        if (0 == (status & TP_STATUS_VLAN_VALID) || snapLength < MAC_ADDRESSES_BYTES)
        {
            publisher.fill(
                slot, block, frameStart, snapLength, timestampNs, TimestampKind.KERNEL, sessionIndex, direction);
            return 0;
        }
        final int tpid = 0 != (status & TP_STATUS_VLAN_TPID_VALID) ?
            Short.toUnsignedInt(block.getShort(offset + HDR_VLAN_TPID_OFFSET)) : ETH_P_8021Q;
        final UnsafeBuffer frame = publisher.claimedEvent(slot).frame;
        frame.putBytes(0, block, frameStart, MAC_ADDRESSES_BYTES);
        frame.putShort(MAC_ADDRESSES_BYTES, (short)tpid, ByteOrder.BIG_ENDIAN);
        frame.putShort(MAC_ADDRESSES_BYTES + 2, (short)block.getInt(offset + HDR_VLAN_TCI_OFFSET), ByteOrder.BIG_ENDIAN);
        frame.putBytes(MAC_ADDRESSES_BYTES + VLAN_TAG_BYTES, block, frameStart + MAC_ADDRESSES_BYTES,
            snapLength - MAC_ADDRESSES_BYTES);
        publisher.stampClaimed(
            slot, snapLength + VLAN_TAG_BYTES, timestampNs, TimestampKind.KERNEL, sessionIndex, direction);
        return 1;
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
