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
 */
public final class FramePublisher
{
    private final RingBuffer<PacketEvent> ringA;
    private final PacketDecoder decoder;
    private final AtomicCounter published;
    private final AtomicCounter ringFull;
    private final AtomicCounter[] decodeResultCounters;

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
}
