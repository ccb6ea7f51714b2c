package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Writes every packet of ring B, in timestamp order, to the {@link PacketJournal}, in batches: each duty cycle takes
 * what ring B holds, up to a packet limit, and writes it as one or more journal documents within a byte budget, so
 * the journal's per-document cost is shared by the packets of a batch. A batch that fails to write is counted,
 * packet by packet, and logged (the first failure, then at powers of two) and the stage moves on: a full disk must
 * not stop the data plane.
 */
public final class JournalAgent implements Agent
{
    /** Counter label: packets written to the journal. */
    public static final String WRITTEN = "journal.written";
    /** Counter label: packets the journal failed to write. */
    public static final String WRITE_FAILED = "journal.write_failed";

    private static final Logger LOG = LoggerFactory.getLogger(JournalAgent.class);

    private final PacketJournal journal;
    private final EventPoller<PacketRef> poller;
    private final int[] vniBySession;
    private final SourceKind[] kindBySession;
    private final int maxBatchBytes;
    private final int maxBatchPackets;
    private final AtomicCounter written;
    private final AtomicCounter writeFailed;
    private final EventPoller.Handler<PacketRef> handler = this::onPacket;
    private PacketJournal.Writer writer;
    private int polled;

    /**
     * A journal stage with the journal's default batch limits, registered as a gating consumer of ring B.
     *
     * @param ringB    the timestamp-order ring.
     * @param journal  where packets go.
     * @param sessions the mirror sessions, in the data plane's session order.
     * @param counters the data plane's counters.
     */
    public JournalAgent(
        final RingBuffer<PacketRef> ringB,
        final PacketJournal journal,
        final List<MirrorSession> sessions,
        final DataPlaneCounters counters)
    {
        this(ringB, journal, sessions, counters,
            PacketJournal.DEFAULT_MAX_BATCH_BYTES, PacketJournal.DEFAULT_MAX_BATCH_PACKETS);
    }

    /**
     * A journal stage, registered as a gating consumer of ring B.
     *
     * @param ringB           the timestamp-order ring.
     * @param journal         where packets go.
     * @param sessions        the mirror sessions, in the data plane's session order.
     * @param counters        the data plane's counters.
     * @param maxBatchBytes   the byte budget of one journal document.
     * @param maxBatchPackets the most packets a duty cycle takes from ring B, which is also the most in a document.
     */
    public JournalAgent(
        final RingBuffer<PacketRef> ringB,
        final PacketJournal journal,
        final List<MirrorSession> sessions,
        final DataPlaneCounters counters,
        final int maxBatchBytes,
        final int maxBatchPackets)
    {
        this.journal = journal;
        this.poller = ringB.newPoller();
        ringB.addGatingSequences(poller.getSequence());
        this.vniBySession = new int[sessions.size()];
        this.kindBySession = new SourceKind[sessions.size()];
        for (int i = 0; i < vniBySession.length; i++)
        {
            vniBySession[i] = sessions.get(i).vni();
            kindBySession[i] = sessions.get(i).kind();
        }
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchPackets = maxBatchPackets;
        this.written = counters.counter(WRITTEN);
        this.writeFailed = counters.counter(WRITE_FAILED);
    }

    @Override
    public String roleName()
    {
        return "journal";
    }

    @Override
    public void onStart()
    {
        writer = journal.newWriter(maxBatchBytes, maxBatchPackets);
    }

    @Override
    public int doWork() throws Exception
    {
        polled = 0;
        poller.poll(handler);
        commitBatch();
        return polled;
    }

    @Override
    public void onClose()
    {
        if (null != writer)
        {
            commitBatch();
            writer.close();
            writer = null;
        }
    }

    private boolean onPacket(final PacketRef ref, final long sequence, final boolean endOfBatch)
    {
        polled++;
        final PacketEvent event = ref.event;
        final int length = event.frameLength;
        if (!writer.hasRoomFor(length))
        {
            commitBatch();
        }
        final int pending = writer.batchPackets();
        try
        {
            final int session = event.sessionIndex;
            writer.append(
                event.timestampNs,
                event.timestampKind,
                session,
                kindBySession[session],
                vniBySession[session],
                event.frame,
                0,
                length);
        }
        catch (final RuntimeException ex)
        {
            onFailure(pending + 1, ex);
        }
        return polled < maxBatchPackets;
    }

    private void commitBatch()
    {
        final int pending = writer.batchPackets();
        if (0 == pending)
        {
            return;
        }
        try
        {
            written.getAndAddRelease(writer.commit());
        }
        catch (final RuntimeException ex)
        {
            onFailure(pending, ex);
        }
    }

    private void onFailure(final int lostPackets, final RuntimeException ex)
    {
        final long before = writeFailed.getAndAddRelease(lostPackets);
        final long failures = before + lostPackets;
        if (0 == before || Long.numberOfLeadingZeros(before) != Long.numberOfLeadingZeros(failures))
        {
            LOG.warn("packet journal in {} failed to write a batch of {} packets ({} packets lost so far)",
                journal.directory(), lostPackets, failures, ex);
        }
    }
}
