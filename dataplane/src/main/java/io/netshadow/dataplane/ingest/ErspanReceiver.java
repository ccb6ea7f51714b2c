package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.EncapsulationDecoder;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Ingests ERSPAN type II and III mirror copies handed over by whatever transport reads GRE from the wire (a raw IP
 * socket or an AF_PACKET ring): decodes the outer IPv4, GRE and ERSPAN headers, maps the ERSPAN session id to its
 * {@link SourceKind#ERSPAN} mirror session, and publishes the inner frame into ring A. A type III copy with a
 * hardware timestamp is stamped with it ({@link TimestampKind#HARDWARE}); any other with the transport's time.
 * Malformed copies are counted by reason, never thrown.
 * <p>
 * One instance per producing thread; it allocates nothing per packet.
 */
public final class ErspanReceiver
{
    /** Counter label: ERSPAN packets handed to the receiver. */
    public static final String PACKETS = "ingest.erspan.packets";
    /** Counter label: ERSPAN packets whose session id belongs to no ERSPAN mirror session. */
    public static final String UNKNOWN_SESSION = "ingest.erspan.unknown_session";
    /** Counter label: ERSPAN inner frames larger than a ring slot. */
    public static final String OVERSIZE_FRAME = "ingest.erspan.oversize_frame";

    private final SessionTable sessions;
    private final EpochNanoClock clock;
    private final int maxFrameBytes;
    private final FramePublisher publisher;
    private final EncapsulationDecoder decoder = new EncapsulationDecoder();
    private final AtomicCounter packets;
    private final AtomicCounter unknownSession;
    private final AtomicCounter oversizeFrame;
    private final AtomicCounter[] encapsulationResults;

    /**
     * A receiver publishing into a ring.
     *
     * @param ringA         the ring to publish into.
     * @param sessions      the mirror sessions by key.
     * @param clock         stamps copies without a hardware timestamp, and places wrapped hardware timestamps.
     * @param hashKey0      the first half of the flow hash key.
     * @param hashKey1      the second half of the flow hash key.
     * @param maxFrameBytes the largest inner frame a ring slot holds.
     * @param counters      the data plane's counters.
     */
    public ErspanReceiver(
        final RingBuffer<PacketEvent> ringA,
        final SessionTable sessions,
        final EpochNanoClock clock,
        final long hashKey0,
        final long hashKey1,
        final int maxFrameBytes,
        final DataPlaneCounters counters)
    {
        this.sessions = sessions;
        this.clock = clock;
        this.maxFrameBytes = maxFrameBytes;
        this.publisher = new FramePublisher(
            ringA,
            hashKey0,
            hashKey1,
            counters.counter(VxlanIngest.PUBLISHED),
            counters.counter(VxlanIngest.RING_FULL),
            result -> counters.counter(result.counterLabel()));
        this.packets = counters.counter(PACKETS);
        this.unknownSession = counters.counter(UNKNOWN_SESSION);
        this.oversizeFrame = counters.counter(OVERSIZE_FRAME);
        final EncapsulationResult[] results = EncapsulationResult.values();
        this.encapsulationResults = new AtomicCounter[results.length];
        for (final EncapsulationResult result : results)
        {
            encapsulationResults[result.ordinal()] = counters.counter(result.counterLabel());
        }
    }

    /**
     * Ingests one packet from its outer IPv4 header on, as a raw IP socket delivers it.
     *
     * @param buffer      the packet's buffer.
     * @param offset      where the outer IPv4 header starts.
     * @param length      the packet's length.
     * @param receivedNs  when the transport received it, nanoseconds since the epoch.
     * @param receivedKind where {@code receivedNs} came from (the kernel's or the ingest clock's).
     * @return true when the inner frame was published.
     */
    public boolean onIpPacket(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long receivedNs,
        final TimestampKind receivedKind)
    {
        packets.increment();
        return publish(buffer, decoder.decodeErspan(buffer, offset, length, receivedNs), receivedNs, receivedKind);
    }

    /**
     * Ingests one packet from its outer Ethernet header on, as an AF_PACKET ring delivers it.
     *
     * @param buffer       the frame's buffer.
     * @param offset       where the outer Ethernet header starts.
     * @param length       the frame's length.
     * @param receivedNs   when the transport received it, nanoseconds since the epoch.
     * @param receivedKind where {@code receivedNs} came from.
     * @return true when the inner frame was published.
     */
    public boolean onFrame(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long receivedNs,
        final TimestampKind receivedKind)
    {
        packets.increment();
        return publish(
            buffer, decoder.decodeErspanFrame(buffer, offset, length, receivedNs), receivedNs, receivedKind);
    }

    /**
     * Ingests one packet from its outer IPv4 header on, stamped now by the ingest clock unless it carries a
     * hardware timestamp.
     *
     * @param buffer the packet's buffer.
     * @param offset where the outer IPv4 header starts.
     * @param length the packet's length.
     * @return true when the inner frame was published.
     */
    public boolean onIpPacket(final DirectBuffer buffer, final int offset, final int length)
    {
        return onIpPacket(buffer, offset, length, clock.nanoTime(), TimestampKind.INGEST);
    }

    private boolean publish(
        final DirectBuffer buffer,
        final EncapsulationResult result,
        final long receivedNs,
        final TimestampKind receivedKind)
    {
        if (EncapsulationResult.DECODED != result)
        {
            encapsulationResults[result.ordinal()].increment();
            return false;
        }
        final int session = sessions.sessionIndex(SourceKind.ERSPAN, decoder.sessionKey());
        if (SessionTable.NO_SESSION == session)
        {
            unknownSession.increment();
            return false;
        }
        final int frameLength = decoder.innerLength();
        if (frameLength > maxFrameBytes)
        {
            oversizeFrame.increment();
            return false;
        }
        final boolean hardware = decoder.hasHardwareTimestamp();
        return publisher.publish(
            buffer,
            decoder.innerOffset(),
            frameLength,
            hardware ? decoder.timestampNs() : receivedNs,
            hardware ? TimestampKind.HARDWARE : receivedKind,
            session,
            sessions.direction(session));
    }
}
