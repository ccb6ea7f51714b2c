package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * Moves packets from ring A (arrival order, many ingest threads) to ring B (timestamp order) within a bounded
 * lateness window.
 * <p>
 * Each mirror session is a source with a watermark: the highest timestamp it has sent, less the lateness window.
 * A held packet is released once its timestamp is at or below every active source's watermark; a source that has
 * sent nothing for longer than the window is idle and stops holding the others back. A packet older than one
 * already released is late: counted, then dropped or passed on unordered as the {@link LatePolicy} says. The
 * packets held back sit in a bounded heap; when it is full and another packet arrives, the oldest is released
 * early, and counted.
 * <p>
 * Packets are not copied: the heap holds ring A sequences, ring B holds references to ring A slots, and a ring A
 * slot is handed back to the producers only when every ring B consumer has passed it (or it was dropped late).
 */
public final class ReorderAgent implements Agent
{
    /** Counter label: packets released to ring B. */
    public static final String RELEASED = "reorder.released";
    /** Counter label: late packets dropped. */
    public static final String LATE_DROPPED = "reorder.late_dropped";
    /** Counter label: late packets passed on out of order. */
    public static final String LATE_PASSED = "reorder.late_passed";
    /** Counter label: packets released before their watermark because the reorder buffer was full. */
    public static final String RELEASED_EARLY = "reorder.released_early";

    private static final long NEVER = Long.MIN_VALUE;

    private final RingBuffer<PacketEvent> ringA;
    private final EventPoller<PacketEvent> pollerA;
    private final Sequence releasedSequenceA = new Sequence();
    private final boolean[] releasedA;
    private final int maskA;
    private final RingBuffer<PacketRef> ringB;
    private final ReorderHeap heap;
    private final long latenessNs;
    private final LatePolicy latePolicy;
    private final EpochNanoClock clock;
    private final long[] maxTimestampNsBySource;
    private final long[] lastArrivalNsBySource;
    private final AtomicCounter released;
    private final AtomicCounter lateDropped;
    private final AtomicCounter latePassed;
    private final AtomicCounter releasedEarly;
    private final EventPoller.Handler<PacketEvent> handler = this::onEvent;
    private long releasedUpToA = -1;
    private long freedUpToB = -1;
    private long releasedTimestampNs = Long.MIN_VALUE;
    private long nowNs;
    private int polled;
    private volatile boolean flushRequested;
    private volatile boolean drained;

    /**
     * A reorder stage between two rings; it becomes ring A's only gating consumer and ring B's only producer.
     *
     * @param ringA           the arrival-order ring.
     * @param ringB           the timestamp-order ring.
     * @param sourceCount     the number of sources (mirror sessions).
     * @param capacity        the most packets held back at once.
     * @param latenessNs      the lateness window.
     * @param latePolicy      what to do with late packets.
     * @param clock           tells when a source has gone idle.
     * @param counters        the data plane's counters.
     */
    public ReorderAgent(
        final RingBuffer<PacketEvent> ringA,
        final RingBuffer<PacketRef> ringB,
        final int sourceCount,
        final int capacity,
        final long latenessNs,
        final LatePolicy latePolicy,
        final EpochNanoClock clock,
        final DataPlaneCounters counters)
    {
        if (capacity > ringA.getBufferSize())
        {
            throw new IllegalArgumentException(
                "reorder capacity " + capacity + " exceeds ring A's size " + ringA.getBufferSize());
        }
        if (latenessNs < 0)
        {
            throw new IllegalArgumentException("lateness must not be negative: " + latenessNs + " ns");
        }
        this.ringA = ringA;
        this.pollerA = ringA.newPoller();
        this.releasedA = new boolean[ringA.getBufferSize()];
        this.maskA = ringA.getBufferSize() - 1;
        this.ringB = ringB;
        this.heap = new ReorderHeap(capacity);
        this.latenessNs = latenessNs;
        this.latePolicy = latePolicy;
        this.clock = clock;
        this.maxTimestampNsBySource = new long[sourceCount];
        this.lastArrivalNsBySource = new long[sourceCount];
        Arrays.fill(maxTimestampNsBySource, Long.MIN_VALUE);
        Arrays.fill(lastArrivalNsBySource, NEVER);
        this.released = counters.counter(RELEASED);
        this.lateDropped = counters.counter(LATE_DROPPED);
        this.latePassed = counters.counter(LATE_PASSED);
        this.releasedEarly = counters.counter(RELEASED_EARLY);
        ringA.addGatingSequences(releasedSequenceA);
    }

    @Override
    public String roleName()
    {
        return "reorder";
    }

    @Override
    public int doWork() throws Exception
    {
        nowNs = clock.nanoTime();
        int work = freeConsumedSlots();
        work += pollArrivals();
        work += releaseDue();
        if (flushRequested && heap.isEmpty() && pollerA.getSequence().get() >= ringA.getCursor())
        {
            drained = true;
        }
        return work;
    }

    /**
     * Asks the stage to release everything it holds without waiting for watermarks: the ingest has stopped.
     * Safe to call from any thread.
     */
    public void requestFlush()
    {
        flushRequested = true;
    }

    /**
     * Whether, after {@link #requestFlush()}, every packet in ring A has been taken and released.
     *
     * @return true when drained.
     */
    public boolean isDrained()
    {
        return drained;
    }

    /**
     * How many packets are held back now. For tests and diagnostics, from the agent's thread.
     *
     * @return the number held.
     */
    public int heldCount()
    {
        return heap.size();
    }

    private int pollArrivals() throws Exception
    {
        if (heap.isFull())
        {
            if (!ringA.isAvailable(pollerA.getSequence().get() + 1) || !hasRoomInRingB())
            {
                return 0;
            }
            releaseOldest();
            releasedEarly.incrementRelease();
        }
        polled = 0;
        pollerA.poll(handler);
        return polled;
    }

    private boolean onEvent(final PacketEvent event, final long sequence, final boolean endOfBatch)
    {
        polled++;
        final int source = event.sessionIndex;
        final long timestampNs = event.timestampNs;
        lastArrivalNsBySource[source] = nowNs;
        if (timestampNs > maxTimestampNsBySource[source])
        {
            maxTimestampNsBySource[source] = timestampNs;
        }
        if (timestampNs < releasedTimestampNs)
        {
            if (LatePolicy.DROP == latePolicy)
            {
                lateDropped.incrementRelease();
                releasedA[(int)sequence & maskA] = true;
                return true;
            }
            latePassed.incrementRelease();
        }
        heap.push(timestampNs, sequence);
        return !heap.isFull();
    }

    private int releaseDue()
    {
        final long watermarkNs = flushRequested ? Long.MAX_VALUE : watermarkNs();
        int count = 0;
        while (!heap.isEmpty() && heap.peekTimestampNs() <= watermarkNs && hasRoomInRingB())
        {
            releaseOldest();
            count++;
        }
        return count;
    }

    /**
     * Ring B has room when its next slot is one whose reference this stage has already read back: checking only
     * the consumers' progress could overwrite a reference before {@link #freeConsumedSlots()} frees its slot.
     */
    private boolean hasRoomInRingB()
    {
        return ringB.getCursor() - freedUpToB < ringB.getBufferSize();
    }

    private long watermarkNs()
    {
        long watermarkNs = Long.MAX_VALUE;
        for (int source = 0; source < lastArrivalNsBySource.length; source++)
        {
            final long lastArrivalNs = lastArrivalNsBySource[source];
            if (NEVER != lastArrivalNs && nowNs - lastArrivalNs <= latenessNs)
            {
                watermarkNs = Math.min(watermarkNs, maxTimestampNsBySource[source] - latenessNs);
            }
        }
        return watermarkNs;
    }

    private void releaseOldest()
    {
        final long timestampNs = heap.peekTimestampNs();
        final long sequenceA = heap.peekSequence();
        heap.pop();
        if (timestampNs > releasedTimestampNs)
        {
            releasedTimestampNs = timestampNs;
        }
        final long sequenceB = ringB.next();
        final PacketRef ref = ringB.get(sequenceB);
        ref.event = ringA.get(sequenceA);
        ref.sourceSequence = sequenceA;
        ringB.publish(sequenceB);
        released.incrementRelease();
    }

    private int freeConsumedSlots()
    {
        final long consumedB = ringB.getMinimumGatingSequence();
        int freed = 0;
        for (long sequenceB = freedUpToB + 1; sequenceB <= consumedB; sequenceB++)
        {
            releasedA[(int)ringB.get(sequenceB).sourceSequence & maskA] = true;
            freed++;
        }
        freedUpToB = Math.max(freedUpToB, consumedB);

        final long polledUpToA = pollerA.getSequence().get();
        long next = releasedUpToA + 1;
        while (next <= polledUpToA && releasedA[(int)next & maskA])
        {
            releasedA[(int)next & maskA] = false;
            next++;
        }
        if (next - 1 != releasedUpToA)
        {
            releasedUpToA = next - 1;
            releasedSequenceA.set(releasedUpToA);
        }
        return freed;
    }
}
