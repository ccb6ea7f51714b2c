package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.packet.EncapsulationDecoder;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.GeneveHeader;
import io.netshadow.dataplane.packet.VxlanHeader;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Handles the datagrams of one ingest channel on its event-loop thread: checks the VXLAN or GENEVE header (the
 * channel's {@link SourceKind}), maps the VNI to its mirror session, stamps the ingest time, claims a ring A slot
 * (a full ring is a counted drop, never a wait), copies the inner frame into the slot, decodes it there and
 * publishes. One instance per channel.
 */
final class VxlanDatagramHandler extends ChannelInboundHandlerAdapter
{
    static final int MAX_DATAGRAM_BYTES = 9216 + GeneveHeader.FIXED_LENGTH + GeneveHeader.MAX_OPTIONS_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(VxlanDatagramHandler.class);
    private static final int NO_SESSION = -1;

    private final SourceKind kind;
    private final EncapsulationDecoder encapsulation = new EncapsulationDecoder();
    private final Int2IntHashMap sessionByVni;
    private final Direction[] directionBySession;
    private final EpochNanoClock clock;
    private final FramePublisher publisher;
    private final VxlanHeader vxlanHeader = new VxlanHeader();
    private final UnsafeBuffer datagramView = new UnsafeBuffer(0, 0);
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final UnsafeBuffer scratchView = new UnsafeBuffer(scratch);
    private final int maxFrameBytes;
    private final IngestCounters counters;

    VxlanDatagramHandler(
        final RingBuffer<PacketEvent> ringA,
        final Int2IntHashMap sessionByVni,
        final Direction[] directionBySession,
        final EpochNanoClock clock,
        final long hashKey0,
        final long hashKey1,
        final int maxFrameBytes,
        final IngestCounters counters)
    {
        this(ringA, SourceKind.VXLAN, sessionByVni, directionBySession, clock, hashKey0, hashKey1, maxFrameBytes,
            counters);
    }

    VxlanDatagramHandler(
        final RingBuffer<PacketEvent> ringA,
        final SourceKind kind,
        final Int2IntHashMap sessionByVni,
        final Direction[] directionBySession,
        final EpochNanoClock clock,
        final long hashKey0,
        final long hashKey1,
        final int maxFrameBytes,
        final IngestCounters counters)
    {
        if (SourceKind.ERSPAN == kind)
        {
            throw new IllegalArgumentException("ERSPAN does not arrive over UDP");
        }
        this.kind = kind;
        this.sessionByVni = sessionByVni;
        this.directionBySession = directionBySession;
        this.clock = clock;
        this.publisher = new FramePublisher(
            ringA, hashKey0, hashKey1, counters.published, counters.ringFull, counters::decodeResult);
        this.maxFrameBytes = maxFrameBytes;
        this.counters = counters;
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
        final long count = counters.errors.increment() + 1;
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("VXLAN ingest channel {} failed ({} errors so far)", ctx.channel().localAddress(), count, cause);
        }
    }

    /**
     * Ingests one VXLAN or GENEVE datagram's payload, as the channel's kind says.
     *
     * @param datagram the buffer holding the UDP payload.
     * @param offset   where the VXLAN or GENEVE header starts.
     * @param length   the UDP payload's length.
     */
    void onDatagram(final DirectBuffer datagram, final int offset, final int length)
    {
        final long timestampNs = clock.nanoTime();
        counters.datagrams.increment();
        if (SourceKind.GENEVE == kind)
        {
            counters.geneveDatagrams.increment();
            onGeneve(datagram, offset, length, timestampNs);
            return;
        }
        if (length < VxlanHeader.LENGTH || !vxlanHeader.wrap(datagram, offset).isVniValid())
        {
            counters.badVxlan.increment();
            return;
        }
        final int session = sessionByVni.get(vxlanHeader.vni());
        if (NO_SESSION == session)
        {
            counters.unknownVni.increment();
            return;
        }
        final int frameLength = length - VxlanHeader.LENGTH;
        if (frameLength > maxFrameBytes)
        {
            counters.oversizeFrame.increment();
            return;
        }
        publisher.publish(
            datagram,
            offset + VxlanHeader.LENGTH,
            frameLength,
            timestampNs,
            TimestampKind.INGEST,
            session,
            directionBySession[session]);
    }

    private void onGeneve(final DirectBuffer datagram, final int offset, final int length, final long timestampNs)
    {
        final EncapsulationResult result = encapsulation.decodeGeneve(datagram, offset, length);
        if (EncapsulationResult.DECODED != result)
        {
            counters.encapsulationResult(result).increment();
            return;
        }
        final int session = sessionByVni.get(encapsulation.sessionKey());
        if (NO_SESSION == session)
        {
            counters.unknownGeneveVni.increment();
            return;
        }
        final int frameLength = encapsulation.innerLength();
        if (frameLength > maxFrameBytes)
        {
            counters.oversizeFrame.increment();
            return;
        }
        publisher.publish(
            datagram,
            encapsulation.innerOffset(),
            frameLength,
            timestampNs,
            TimestampKind.INGEST,
            session,
            directionBySession[session]);
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
            counters.datagrams.increment();
            counters.oversizeFrame.increment();
            return;
        }
        onDatagram(datagramView, 0, length);
    }
}
