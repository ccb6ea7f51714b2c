package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.ingest.SourceKind;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One packet read back from the journal: a mutable holder that {@link PacketJournal.Reader#next} fills, reused
 * from record to record.
 */
public final class JournalRecord
{
    /** Capacity that holds any frame the data plane journals. */
    public static final int DEFAULT_CAPACITY_BYTES = 65_536;
    /** The {@link #sessionIndex} of a packet journalled in format 1, which did not record it. */
    public static final int UNKNOWN_SESSION_INDEX = -1;

    /** The frame's bytes, over a direct buffer. */
    public final UnsafeBuffer frame;
    /** Length of the frame in bytes. */
    public int frameLength;
    /** The packet's timestamp in nanoseconds since the epoch. */
    public long timestampNs;
    /** Where the timestamp came from. */
    public TimestampKind timestampKind;
    /** The VNI (or ERSPAN session id) of the mirror session that sent the packet. */
    public int vni;
    /** The index of that session in the data plane's session list; {@link #UNKNOWN_SESSION_INDEX} in format 1. */
    public int sessionIndex;
    /** The kind of that session; null for a packet of no session (an interface capture) or journalled in format 1. */
    public SourceKind sourceKind;

    /**
     * A record whose frame buffer holds {@link #DEFAULT_CAPACITY_BYTES}.
     */
    public JournalRecord()
    {
        this(DEFAULT_CAPACITY_BYTES);
    }

    /**
     * A record whose frame buffer holds the given number of bytes.
     *
     * @param capacityBytes the frame buffer's capacity.
     */
    public JournalRecord(final int capacityBytes)
    {
        this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes));
    }
}
