package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Handles the datagrams of one ingest channel on its event-loop thread: checks the VXLAN header, maps the VNI to
 * its mirror session, stamps the ingest time, claims a ring A slot (a full ring is a counted drop, never a wait),
 * copies the inner frame into the slot, decodes it there and publishes. One instance per channel.
 */
final class VxlanDatagramHandler extends ChannelInboundHandlerAdapter
{
    static final int MAX_DATAGRAM_BYTES = 9216 + VxlanHeader.LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(VxlanDatagramHandler.class);
    private static final int NO_SESSION = -1;

    private final RingBuffer<PacketEvent> ringA;
    private final Int2IntHashMap sessionByVni;
    private final Direction[] directionBySession;
    private final EpochNanoClock clock;
    private final PacketDecoder decoder;
    private final VxlanHeader vxlanHeader = new VxlanHeader();
    private final UnsafeBuffer datagramView = new UnsafeBuffer(0, 0);
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final UnsafeBuffer scratchView = new UnsafeBuffer(scratch);
    private final int maxFrameBytes;
    private final AtomicCounter datagrams;
    private final AtomicCounter published;
    private final AtomicCounter badVxlan;
    private final AtomicCounter unknownVni;
    private final AtomicCounter oversizeFrame;
    private final AtomicCounter ringFull;
    private final AtomicCounter errors;
    private final AtomicCounter[] decodeResults;

    VxlanDatagramHandler(
        final RingBuffer<PacketEvent> ringA,
        final Int2IntHashMap sessionByVni,
        final Direction[] directionBySession,
        final EpochNanoClock clock,
        final long hashKey0,
        final long hashKey1,
        final int maxFrameBytes,
        final DataPlaneCounters counters)
    {
        this.ringA = ringA;
        this.sessionByVni = sessionByVni;
        this.directionBySession = directionBySession;
        this.clock = clock;
        this.decoder = new PacketDecoder(hashKey0, hashKey1);
        this.maxFrameBytes = maxFrameBytes;
        this.datagrams = counters.counter(VxlanIngest.DATAGRAMS);
        this.published = counters.counter(VxlanIngest.PUBLISHED);
        this.badVxlan = counters.counter(VxlanIngest.BAD_VXLAN);
        this.unknownVni = counters.counter(VxlanIngest.UNKNOWN_VNI);
        this.oversizeFrame = counters.counter(VxlanIngest.OVERSIZE_FRAME);
        this.ringFull = counters.counter(VxlanIngest.RING_FULL);
        this.errors = counters.counter(VxlanIngest.ERRORS);
        final DecodeResult[] results = DecodeResult.values();
        this.decodeResults = new AtomicCounter[results.length];
        for (final DecodeResult result : results)
        {
            decodeResults[result.ordinal()] = counters.counter(result.counterLabel());
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof final DatagramPacket packet)
        {
            try
            {
                onDatagram(packet.content());
            }
            finally
            {
                packet.release();
            }
        }
        else
        {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        final long count = errors.increment() + 1;
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("VXLAN ingest channel {} failed ({} errors so far)", ctx.channel().localAddress(), count, cause);
        }
    }

    /**
     * Ingests one VXLAN datagram's payload.
     *
     * @param datagram the buffer holding the UDP payload.
     * @param offset   where the VXLAN header starts.
     * @param length   the UDP payload's length.
     */
    void onDatagram(final DirectBuffer datagram, final int offset, final int length)
    {
        final long timestampNs = clock.nanoTime();
        datagrams.increment();
        if (length < VxlanHeader.LENGTH || !vxlanHeader.wrap(datagram, offset).isVniValid())
        {
            badVxlan.increment();
            return;
        }
        final int session = sessionByVni.get(vxlanHeader.vni());
        if (NO_SESSION == session)
        {
            unknownVni.increment();
            return;
        }
        final int frameLength = length - VxlanHeader.LENGTH;
        if (frameLength > maxFrameBytes)
        {
            oversizeFrame.increment();
            return;
        }

        final long sequence;
        try
        {
            sequence = ringA.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            ringFull.increment();
            return;
        }
        try
        {
            final PacketEvent event = ringA.get(sequence);
            event.frame.putBytes(0, datagram, offset + VxlanHeader.LENGTH, frameLength);
            event.frameLength = frameLength;
            event.timestampNs = timestampNs;
            event.timestampKind = TimestampKind.INGEST;
            event.sessionIndex = session;
            event.direction = directionBySession[session];
            final DecodeResult result = decoder.decode(event.frame, 0, frameLength, event.packet);
            event.decodeResult = result;
            event.packetKey = decoder.packetKey();
            decodeResults[result.ordinal()].increment();
        }
        finally
        {
            ringA.publish(sequence);
        }
        published.increment();
    }

    private void onDatagram(final ByteBuf content)
    {
        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            datagramView.wrap(content.memoryAddress() + content.readerIndex(), length);
        }
        else if (content.hasArray())
        {
            datagramView.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
        }
        else if (length <= MAX_DATAGRAM_BYTES)
        {
            scratch.clear().limit(length);
            content.getBytes(content.readerIndex(), scratch);
            datagramView.wrap(scratchView, 0, length);
        }
        else
        {
            datagrams.increment();
            oversizeFrame.increment();
            return;
        }
        onDatagram(datagramView, 0, length);
    }
}
