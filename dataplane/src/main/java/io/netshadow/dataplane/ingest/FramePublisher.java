package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.function.Function;

/**
 * Publishes one Ethernet frame into ring A the way every source does: claims a slot without waiting (a full ring
 * is a counted drop), copies the frame into the slot (the packet's only copy), stamps it, decodes it there and
 * publishes. One instance per producing thread; it allocates nothing per frame.
 * <p>
 * A source that reads frames in batches claims a run of slots at once instead: {@link #claim(int)}, then
 * {@link #fill} each claimed slot, then {@link #publishClaimed()}, which publishes the run with one call and adds to
 * the counters once per run rather than once per frame.
 */
public final class FramePublisher
{
    private final RingBuffer<PacketEvent> ringA;
    private final PacketDecoder decoder;
    private final AtomicCounter published;
    private final AtomicCounter ringFull;
    private final AtomicCounter[] decodeResultCounters;
    private final long[] decodeResultTallies;
    private long claimedLowSequence;
    private int claimedCount;

    /**
     * A publisher into a ring, counting into the given counters.
     *
     * @param ringA               the ring to publish into.
     * @param hashKey0            the first half of the flow hash key.
     * @param hashKey1            the second half of the flow hash key.
     * @param published           counts frames published.
     * @param ringFull            counts frames dropped because the ring was full.
     * @param decodeResultCounter the counter of each decode result, looked up once here.
     */
    public FramePublisher(
        final RingBuffer<PacketEvent> ringA,
        final long hashKey0,
        final long hashKey1,
        final AtomicCounter published,
        final AtomicCounter ringFull,
        final Function<DecodeResult, AtomicCounter> decodeResultCounter)
    {
        this.ringA = ringA;
        this.decoder = new PacketDecoder(hashKey0, hashKey1);
        this.published = published;
        this.ringFull = ringFull;
        final DecodeResult[] results = DecodeResult.values();
        this.decodeResultCounters = new AtomicCounter[results.length];
        for (final DecodeResult result : results)
        {
            decodeResultCounters[result.ordinal()] = decodeResultCounter.apply(result);
        }
        this.decodeResultTallies = new long[results.length];
    }

    /**
     * Copies a frame into a ring A slot, decodes it there and publishes it, or counts it as a ring-full drop.
     * The caller has checked that the frame fits a slot.
     *
     * @param frame         the buffer holding the frame.
     * @param offset        where the Ethernet header starts.
     * @param frameLength   the frame's length in bytes.
     * @param timestampNs   when the frame was seen, in nanoseconds since the epoch.
     * @param timestampKind where the timestamp came from.
     * @param sessionIndex  the index of the source's mirror session.
     * @param direction     the direction the session mirrors.
     * @return true when published, false when ring A was full.
     */
    public boolean publish(
        final DirectBuffer frame,
        final int offset,
        final int frameLength,
        final long timestampNs,
        final TimestampKind timestampKind,
        final int sessionIndex,
        final Direction direction)
    {
        final long sequence;
        try
        {
            sequence = ringA.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            ringFull.increment();
            return false;
        }
        try
        {
            final PacketEvent event = ringA.get(sequence);
            event.frame.putBytes(0, frame, offset, frameLength);
            event.frameLength = frameLength;
            event.timestampNs = timestampNs;
            event.timestampKind = timestampKind;
            event.sessionIndex = sessionIndex;
            event.direction = direction;
            final DecodeResult result = decoder.decode(event.frame, 0, frameLength, event.packet);
            event.decodeResult = result;
            event.packetKey = decoder.packetKey();
            decodeResultCounters[result.ordinal()].increment();
        }
        finally
        {
            ringA.publish(sequence);
        }
        published.increment();
        return true;
    }

    /**
     * Claims a run of consecutive ring A slots without waiting: as many of the wanted slots as the ring has free.
     * Frames that find no slot are the caller's to count with {@link #ringFull(int)}. Every claimed slot must be
     * filled before {@link #publishClaimed()}: with {@link #fill}, or written through {@link #claimedEvent(int)} and
     * then stamped with {@link #stampClaimed}.
     *
     * @param frameCount the number of slots wanted, at least one.
     * @return the number claimed, from 0 (the ring is full) to {@code frameCount}.
     */
    public int claim(final int frameCount)
    {
        while (true)
        {
            final int count = (int)Math.min(frameCount, ringA.remainingCapacity());
            if (count <= 0)
            {
                return 0;
            }
            try
            {
                final long highSequence = ringA.tryNext(count);
                claimedLowSequence = highSequence - count + 1;
                claimedCount = count;
                return count;
            }
            catch (final InsufficientCapacityException ex)
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Copies a frame into one claimed slot, stamps it and decodes it there.
     *
     * @param index         the slot's place in the claimed run, from 0.
     * @param frame         the buffer holding the frame.
     * @param offset        where the Ethernet header starts.
     * @param frameLength   the frame's length in bytes, at most a slot's capacity.
     * @param timestampNs   when the frame was seen, in nanoseconds since the epoch.
     * @param timestampKind where the timestamp came from.
     * @param sessionIndex  the index of the source's mirror session.
     * @param direction     the direction the session mirrors.
     */
    public void fill(
        final int index,
        final DirectBuffer frame,
        final int offset,
        final int frameLength,
        final long timestampNs,
        final TimestampKind timestampKind,
        final int sessionIndex,
        final Direction direction)
    {
        final PacketEvent event = ringA.get(claimedLowSequence + index);
        event.frame.putBytes(0, frame, offset, frameLength);
        stamp(event, frameLength, timestampNs, timestampKind, sessionIndex, direction);
    }

    /**
     * Stamps and decodes a slot whose frame the caller has written itself, such as one with a VLAN tag put back.
     *
     * @param index         the slot's place in the claimed run, from 0.
     * @param frameLength   the frame's length in bytes.
     * @param timestampNs   when the frame was seen, in nanoseconds since the epoch.
     * @param timestampKind where the timestamp came from.
     * @param sessionIndex  the index of the source's mirror session.
     * @param direction     the direction the session mirrors.
     */
    public void stampClaimed(
        final int index,
        final int frameLength,
        final long timestampNs,
        final TimestampKind timestampKind,
        final int sessionIndex,
        final Direction direction)
    {
        stamp(ringA.get(claimedLowSequence + index), frameLength, timestampNs, timestampKind, sessionIndex, direction);
    }

    /**
     * The event of one claimed slot, for a caller that writes the frame itself.
     *
     * @param index the slot's place in the claimed run, from 0.
     * @return the event.
     */
    public PacketEvent claimedEvent(final int index)
    {
        return ringA.get(claimedLowSequence + index);
    }

    /**
     * Publishes the claimed run with one call and adds it to the published and decode-result counters.
     */
    public void publishClaimed()
    {
        final int count = claimedCount;
        if (0 == count)
        {
            return;
        }
        claimedCount = 0;
        ringA.publish(claimedLowSequence, claimedLowSequence + count - 1);
        published.getAndAdd(count);
        final long[] tallies = decodeResultTallies;
        for (int i = 0; i < tallies.length; i++)
        {
            if (0 != tallies[i])
            {
                decodeResultCounters[i].getAndAdd(tallies[i]);
                tallies[i] = 0;
            }
        }
    }

    /**
     * Counts frames dropped because ring A had no free slot for them.
     *
     * @param frameCount the number of frames.
     */
    public void ringFull(final int frameCount)
    {
        ringFull.getAndAdd(frameCount);
    }

    private void stamp(
        final PacketEvent event,
        final int frameLength,
        final long timestampNs,
        final TimestampKind timestampKind,
        final int sessionIndex,
        final Direction direction)
    {
        event.frameLength = frameLength;
        event.timestampNs = timestampNs;
        event.timestampKind = timestampKind;
        event.sessionIndex = sessionIndex;
        event.direction = direction;
        final DecodeResult result = decoder.decode(event.frame, 0, frameLength, event.packet);
        event.decodeResult = result;
        event.packetKey = decoder.packetKey();
        decodeResultTallies[result.ordinal()]++;
    }
}
