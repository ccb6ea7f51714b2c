package io.netshadow.dataplane.ingest.afpacket;

import io.netshadow.dataplane.ingest.Direction;

/**
 * How to open one AF_PACKET capture: the interface, the mirror session its frames belong to, and the shape of the
 * TPACKET_V3 ring the kernel fills.
 *
 * @param interfaceName   the interface to capture on, such as {@code eth1}.
 * @param sessionIndex    the index of the mirror session the frames belong to.
 * @param direction       the direction the SPAN port mirrors.
 * @param blockSizeBytes  the size of a ring block: a power of two, a multiple of the page size.
 * @param blockCount      the number of blocks in the ring.
 * @param frameSizeBytes  the kernel's nominal frame size: a multiple of 16 that divides the block size.
 * @param retireTimeoutMs how long the kernel waits before handing over a block that is not full, in milliseconds.
 * @param fanoutGroupId   the PACKET_FANOUT group to join (hashed by flow) so several sockets share an interface, or
 *                        {@link #NO_FANOUT}.
 */
public record AfPacketConfig(
    String interfaceName,
    int sessionIndex,
    Direction direction,
    int blockSizeBytes,
    int blockCount,
    int frameSizeBytes,
    int retireTimeoutMs,
    int fanoutGroupId)
{
    /** No fanout group: the socket alone receives the interface's frames. */
    public static final int NO_FANOUT = -1;
    /** A block size that holds hundreds of small frames: 1 MiB. */
    public static final int DEFAULT_BLOCK_SIZE_BYTES = 1 << 20;
    /** A ring of 64 MiB with the default block size. */
    public static final int DEFAULT_BLOCK_COUNT = 64;
    /** A nominal frame size that holds a standard frame with headers. */
    public static final int DEFAULT_FRAME_SIZE_BYTES = 2048;
    /** A retire timeout that bounds the added latency of a quiet port. */
    public static final int DEFAULT_RETIRE_TIMEOUT_MS = 10;

    private static final int PAGE_SIZE_BYTES = 4096;
    private static final int TPACKET_ALIGNMENT = 16;
    private static final int MAX_FANOUT_GROUP_ID = 0xFFFF;

    /**
     * Checks the ring's shape.
     *
     * @throws IllegalArgumentException naming the value that is out of range.
     */
    public AfPacketConfig
    {
        if (null == interfaceName || interfaceName.isBlank())
        {
            throw new IllegalArgumentException("AF_PACKET capture needs an interface name");
        }
        if (sessionIndex < 0)
        {
            throw new IllegalArgumentException("sessionIndex must be >= 0: " + sessionIndex);
        }
        if (null == direction)
        {
            throw new IllegalArgumentException("AF_PACKET capture on " + interfaceName + " needs a direction");
        }
        if (blockSizeBytes < PAGE_SIZE_BYTES || Integer.bitCount(blockSizeBytes) != 1)
        {
            throw new IllegalArgumentException(
                "blockSizeBytes must be a power of two of at least " + PAGE_SIZE_BYTES + ": " + blockSizeBytes);
        }
        if (blockCount < 1)
        {
            throw new IllegalArgumentException("blockCount must be >= 1: " + blockCount);
        }
        if (frameSizeBytes < TPACKET_ALIGNMENT || frameSizeBytes % TPACKET_ALIGNMENT != 0 ||
            blockSizeBytes % frameSizeBytes != 0)
        {
            throw new IllegalArgumentException("frameSizeBytes must be a multiple of " + TPACKET_ALIGNMENT +
                " that divides blockSizeBytes " + blockSizeBytes + ": " + frameSizeBytes);
        }
        if (retireTimeoutMs < 1)
        {
            throw new IllegalArgumentException("retireTimeoutMs must be >= 1: " + retireTimeoutMs);
        }
        if (NO_FANOUT != fanoutGroupId && (fanoutGroupId < 0 || fanoutGroupId > MAX_FANOUT_GROUP_ID))
        {
            throw new IllegalArgumentException(
                "fanoutGroupId must be -1 (none) or 0.." + MAX_FANOUT_GROUP_ID + ": " + fanoutGroupId);
        }
    }

    /**
     * A capture on an interface with the default ring and no fanout.
     *
     * @param interfaceName the interface.
     * @param sessionIndex  the mirror session's index.
     * @param direction     the direction the SPAN port mirrors.
     * @return the configuration.
     */
    public static AfPacketConfig of(final String interfaceName, final int sessionIndex, final Direction direction)
    {
        return new AfPacketConfig(
            interfaceName,
            sessionIndex,
            direction,
            DEFAULT_BLOCK_SIZE_BYTES,
            DEFAULT_BLOCK_COUNT,
            DEFAULT_FRAME_SIZE_BYTES,
            DEFAULT_RETIRE_TIMEOUT_MS,
            NO_FANOUT);
    }

    /**
     * The ring's size in bytes.
     *
     * @return block size times block count.
     */
    public long ringSizeBytes()
    {
        return (long)blockSizeBytes * blockCount;
    }
}
