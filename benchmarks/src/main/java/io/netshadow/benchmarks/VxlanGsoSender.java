package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Sends VXLAN mirror datagrams of one size over loopback with UDP GSO: each send is one
 * {@link SegmentedDatagramPacket} of {@link #SEGMENTS_PER_SEND} datagrams that the kernel splits, so a send costs
 * one system call for many datagrams. Each inner frame is a UDP packet with a 64-byte payload whose first four
 * bytes are a sequence number that differs from datagram to datagram, so every packet has its own packet key.
 * Paced to a rate in datagrams per second, or at top speed; the sending thread parks rather than spins when it
 * must wait, so on a small machine the sender takes as little CPU as it can from the receiver it measures.
 */
final class VxlanGsoSender implements AutoCloseable
{
    /** Datagrams per GSO send: the kernel's UDP_MAX_SEGMENTS is 64 on older kernels. */
    static final int SEGMENTS_PER_SEND = 64;
    /** The inner UDP payload in bytes. */
    static final int PAYLOAD_BYTES = 64;

    private static final int IPV4_UDP_HEADER_BYTES = 28;
    private static final int SEQ_OFFSET = VxlanHeader.LENGTH + 14 + IPV4_UDP_HEADER_BYTES;
    private static final int HIGH_WATER_MARK_BYTES = 1 << 20;
    /** How long the sending thread parks when ahead of its pace or its channel is full: it leaves the CPU. */
    private static final long WAIT_NS = 20_000;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Channel channel;
    private final InetSocketAddress recipient;
    private final UnsafeBuffer datagram = new UnsafeBuffer(new byte[256]);
    private final int datagramBytes;
    private final AtomicLong sentDatagrams = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final ChannelFutureListener onSent = future ->
    {
        if (future.isSuccess())
        {
            sentDatagrams.addAndGet(SEGMENTS_PER_SEND);
        }
        else
        {
            failedSends.incrementAndGet();
        }
    };
    private int sequence;

    /**
     * A sender to a VXLAN port on loopback.
     *
     * @param port the receiver's UDP port.
     * @param vni  the VNI of every datagram.
     * @throws IllegalStateException when the kernel or Netty cannot do UDP GSO.
     */
    VxlanGsoSender(final int port, final int vni)
    {
        if (!EpollDatagramChannel.isSegmentedDatagramPacketSupported())
        {
            throw new IllegalStateException("UDP GSO (UDP_SEGMENT) is not supported here");
        }
        recipient = new InetSocketAddress("127.0.0.1", port);
        channel = new Bootstrap()
            .group(group)
            .channel(EpollDatagramChannel.class)
            .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(HIGH_WATER_MARK_BYTES / 2, HIGH_WATER_MARK_BYTES))
            .handler(new ChannelInboundHandlerAdapter())
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .syncUninterruptibly()
            .channel();
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress("10.0.0.5");
        packet.dstIp = Ipv4Prefix.parseAddress("10.0.2.9");
        packet.protocol = Ipv4Flyweight.PROTOCOL_UDP;
        packet.srcPort = 40_000;
        packet.dstPort = 5_001;
        packet.lengthBytes = PAYLOAD_BYTES + IPV4_UDP_HEADER_BYTES;
        packet.ttl = 64;
        datagramBytes = FrameWriter.writeVxlan(packet, vni, datagram, 0);
    }

    /**
     * The size of one datagram's UDP payload.
     *
     * @return bytes: VXLAN header and inner frame.
     */
    int datagramBytes()
    {
        return datagramBytes;
    }

    /**
     * Sends for a while, then waits for the sends to complete and their listeners to have counted them.
     *
     * @param durationNs             how long to send.
     * @param rateDatagramsPerSecond the pace, or 0 for top speed.
     * @return the datagrams the kernel accepted in this call.
     */
    long send(final long durationNs, final long rateDatagramsPerSecond)
    {
        final long sentBefore = sentDatagrams.get();
        final long startNs = System.nanoTime();
        final long endNs = startNs + durationNs;
        long queued = 0;
        ChannelFuture last = null;
        long nowNs;
        while ((nowNs = System.nanoTime()) < endNs)
        {
            if (!channel.isWritable() || (rateDatagramsPerSecond > 0 &&
                queued >= (nowNs - startNs) * rateDatagramsPerSecond / TimeUnit.SECONDS.toNanos(1)))
            {
                LockSupport.parkNanos(WAIT_NS);
                continue;
            }
            last = channel.writeAndFlush(new SegmentedDatagramPacket(nextBatch(), datagramBytes, recipient))
                .addListener(onSent);
            queued += SEGMENTS_PER_SEND;
        }
        if (null != last)
        {
            last.awaitUninterruptibly();
        }
        channel.eventLoop().submit(() -> {}).awaitUninterruptibly();
        return sentDatagrams.get() - sentBefore;
    }

    /**
     * Sends that failed so far (a full send buffer, for instance): their datagrams never left.
     *
     * @return the number of failed sends of {@link #SEGMENTS_PER_SEND} datagrams.
     */
    long failedSends()
    {
        return failedSends.get();
    }

    @Override
    public void close()
    {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private ByteBuf nextBatch()
    {
        final ByteBuf batch = channel.alloc().directBuffer(datagramBytes * SEGMENTS_PER_SEND);
        for (int i = 0; i < SEGMENTS_PER_SEND; i++)
        {
            datagram.putInt(SEQ_OFFSET, sequence++, BIG_ENDIAN);
            batch.writeBytes(datagram.byteArray(), 0, datagramBytes);
        }
        return batch;
    }
}
