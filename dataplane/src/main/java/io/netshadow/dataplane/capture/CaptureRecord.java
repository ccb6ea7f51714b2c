package io.netshadow.dataplane.capture;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One packet read from a capture file: a mutable holder that {@link CaptureReader#next} fills, reused from packet
 * to packet so that reading allocates nothing.
 */
public final class CaptureRecord
{
    /** Link type of Ethernet frames (LINKTYPE_ETHERNET). */
    public static final int LINK_TYPE_ETHERNET = 1;
    /** Capacity that holds any packet a capture file may carry (the largest snapshot length tools write). */
    public static final int DEFAULT_CAPACITY_BYTES = 262_144;

    /** The captured bytes, over a direct buffer. */
    public final UnsafeBuffer frame;
    /** Bytes captured, at most the frame buffer's capacity. */
    public int capturedLength;
    /** Length of the packet on the wire, at least {@link #capturedLength} in a well-formed file. */
    public int originalLength;
    /** The packet's timestamp in nanoseconds since the epoch; 0 for a pcapng simple packet block, which has none. */
    public long timestampNs;
    /** The link type of the interface it was captured on, such as {@link #LINK_TYPE_ETHERNET}. */
    public int linkType;
    /** Index of the interface it was captured on, 0 in a pcap file. */
    public int interfaceIndex;

    /**
     * A record whose frame buffer holds {@link #DEFAULT_CAPACITY_BYTES}.
     */
    public CaptureRecord()
    {
        this(DEFAULT_CAPACITY_BYTES);
    }

    /**
     * A record whose frame buffer holds the given number of bytes.
     *
     * @param capacityBytes the frame buffer's capacity.
     */
    public CaptureRecord(final int capacityBytes)
    {
        this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes));
    }
}
