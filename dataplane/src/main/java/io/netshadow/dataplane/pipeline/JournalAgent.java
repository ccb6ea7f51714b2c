package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every packet of ring B, in timestamp order, to the {@link PacketJournal}. A write that fails is counted
 * and logged (the first, then at powers of two) and the stage moves on: a full disk must not stop the data plane.
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
    private final AtomicCounter written;
    private final AtomicCounter writeFailed;
    private final EventPoller.Handler<PacketRef> handler = this::onPacket;
    private PacketJournal.Writer writer;
    private int polled;

    /**
     * A journal stage, registered as a gating consumer of ring B.
     *
     * @param ringB        the timestamp-order ring.
     * @param journal      where packets go.
     * @param vniBySession each mirror session's VNI, by session index.
     * @param counters     the data plane's counters.
     */
    public JournalAgent(
        final RingBuffer<PacketRef> ringB,
        final PacketJournal journal,
        final int[] vniBySession,
        final DataPlaneCounters counters)
    {
        this.journal = journal;
        this.poller = ringB.newPoller();
        ringB.addGatingSequences(poller.getSequence());
        this.vniBySession = vniBySession.clone();
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
        writer = journal.newWriter();
    }

    @Override
    public int doWork() throws Exception
    {
        polled = 0;
        poller.poll(handler);
        return polled;
    }

    @Override
    public void onClose()
    {
        if (null != writer)
        {
            writer.close();
            writer = null;
        }
    }

    private boolean onPacket(final PacketRef ref, final long sequence, final boolean endOfBatch)
    {
        polled++;
        final PacketEvent event = ref.event;
        try
        {
            writer.append(
                event.timestampNs,
                event.timestampKind,
                vniBySession[event.sessionIndex],
                event.frame,
                0,
                event.frameLength);
            written.incrementRelease();
        }
        catch (final RuntimeException ex)
        {
            final long failures = writeFailed.incrementRelease() + 1;
            if (Long.bitCount(failures) == 1)
            {
                LOG.warn("packet journal in {} failed to write ({} failures so far)",
                    journal.directory(), failures, ex);
            }
        }
        return true;
    }
}
