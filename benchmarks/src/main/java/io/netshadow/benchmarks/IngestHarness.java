package io.netshadow.benchmarks;

import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.pipeline.CounterValue;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.JournalAgent;
import io.netshadow.dataplane.pipeline.ReorderAgent;
import io.netshadow.dataplane.pipeline.ThreadingMode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.ReferenceCountUtil;
import org.agrona.IoUtil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 4's ingest benchmark: the same UDP-GSO sender ({@link VxlanGsoSender}) of 64-byte-payload VXLAN datagrams
 * over loopback, first into a bare receive-and-discard Netty epoll socket (recvmmsg, the ingest's socket options),
 * then into the whole {@link DataPlane} (ingest, reorder, journal, replay into an emulated fabric, live meter),
 * both at the sender's top speed; then a run into the data plane at half the bare socket's rate that checks that
 * nothing is lost inside the appliance: every loss counter zero, and datagrams ingested equal to datagrams sent less
 * the kernel's drops (the change in {@code /proc/net/snmp} Udp InErrors over the run, which includes
 * RcvbufErrors; it counts every UDP socket of the network namespace, not only ours).
 * <p>
 * A plain {@code main}: {@code --seconds S} (top-speed runs, default 10), {@code --steady-seconds S} (default 60),
 * {@code --rate N} (datagrams per second of the steady run; default half the bare rate just measured),
 * {@code --threading shared|dedicated} (the data plane's threading mode, default shared), {@code --ring-size N}
 * (slots of rings A and B, a power of two; default the data plane's), {@code --warmup-seconds S} (a bare socket
 * and a data plane run at top speed for this long first, their figures discarded, so that both measured runs find
 * their code compiled; default 5, 0 for none).
 */
public final class IngestHarness
{
    private static final int VNI = 100;
    /** The bare socket's options are the ingest's (VxlanIngest, VxlanDatagramHandler), so both read alike. */
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final int MAX_DATAGRAM_BYTES = 9216 + 8;
    private static final int RECV_BATCH_DATAGRAMS = 16;
    private static final long DRAIN_WAIT_MS = 5_000;
    private static final List<String> LOSS_COUNTER_PARTS = List.of(
        "ring_full", "late", "released_early", "error", "failed", "oversize", "bad_vxlan", "unknown_vni",
        "malformed", "drop");

    private IngestHarness()
    {
    }

    /**
     * Runs the three measurements and prints their figures.
     *
     * @param args {@code --seconds S}, {@code --steady-seconds S}, {@code --rate N}, {@code --threading M},
     *             {@code --ring-size N}, {@code --warmup-seconds S}, all optional.
     * @throws Exception when a run cannot be set up.
     */
    public static void main(final String[] args) throws Exception
    {
        long seconds = 10;
        long steadySeconds = 60;
        long steadyRate = 0;
        long warmupSeconds = 5;
        ThreadingMode threadingMode = ThreadingMode.SHARED;
        int ringSize = DataPlaneConfig.defaults().ringASize();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--steady-seconds" -> steadySeconds = Long.parseLong(args[i + 1]);
                case "--rate" -> steadyRate = Long.parseLong(args[i + 1]);
                case "--ring-size" -> ringSize = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmupSeconds = Long.parseLong(args[i + 1]);
                case "--threading" -> threadingMode = ThreadingMode.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        if (warmupSeconds > 0)
        {
            System.out.printf("warm-up, %d s each, figures discarded:%n", warmupSeconds);
            bareSocketRate(warmupSeconds);
            dataPlaneRun(warmupSeconds, 0, threadingMode, ringSize);
        }
        final double bareRate = bareSocketRate(seconds);
        final double pipelineRate = dataPlaneRun(seconds, 0, threadingMode, ringSize).ingestedPerSecond;
        System.out.printf("top speed, %d s each: bare socket %.0f datagrams/s, data plane %.0f datagrams/s, " +
            "ratio %.1f %%%n", seconds, bareRate, pipelineRate, 100.0 * pipelineRate / bareRate);

        final long rate = steadyRate > 0 ? steadyRate : (long)(bareRate / 2);
        final RunResult steady = dataPlaneRun(steadySeconds, rate, threadingMode, ringSize);
        System.out.printf("steady, %d s at %d datagrams/s, %s threading, rings of %d: sent %d, " +
            "kernel drops (Udp InErrors) %d, ingested %d, unexplained %d, loss counters not zero %s%n",
            steadySeconds, rate, threadingMode, ringSize, steady.sent, steady.kernelDrops, steady.ingested,
            steady.sent - steady.kernelDrops - steady.ingested, steady.lossCounters);
    }

    private static double bareSocketRate(final long seconds)
    {
        final AtomicLong received = new AtomicLong();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try
        {
            final Channel channel = new Bootstrap()
                .group(group)
                .channel(EpollDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES)
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES * RECV_BATCH_DATAGRAMS))
                .handler(new ChannelInboundHandlerAdapter()
                {
                    @Override
                    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                    {
                        received.incrementAndGet();
                        ReferenceCountUtil.release(msg);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
            final int port = ((InetSocketAddress)channel.localAddress()).getPort();
            try (VxlanGsoSender sender = new VxlanGsoSender(port, VNI))
            {
                final long startNs = System.nanoTime();
                final long receivedBefore = received.get();
                sender.send(TimeUnit.SECONDS.toNanos(seconds), 0);
                final long count = received.get() - receivedBefore;
                final double rate = count * 1e9 / (System.nanoTime() - startNs);
                System.out.printf("bare socket: received %d datagrams of %d bytes in %d s: %.0f/s%n",
                    count, sender.datagramBytes(), seconds, rate);
                return rate;
            }
            finally
            {
                channel.close().awaitUninterruptibly();
            }
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private static RunResult dataPlaneRun(
        final long seconds, final long rate, final ThreadingMode threadingMode, final int ringSize)
        throws IOException, InterruptedException
    {
        final Path journalDirectory = Files.createTempDirectory("netshadow-ingest-harness");
        final FabricTopology topology = FabricTopology.builder()
            .device("edge1", List.of("10.0.0.0/24"))
            .device("core", List.of("10.0.2.0/24"))
            .link("edge1", "uplink", "core", "down", 100_000_000_000L, 10_000, 16_000_000)
            .build();
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .receiveBufferBytes(RECEIVE_BUFFER_BYTES)
            .matchTableCapacity(1 << 18)
            .journalDirectory(journalDirectory)
            .threadingMode(threadingMode)
            .ringASize(ringSize)
            .ringBSize(ringSize)
            .build();
        try (DataPlane dataPlane = new DataPlane(
            config,
            List.of(new MirrorSession(VNI, "edge1", FabricTopology.HOST_PORT, Direction.INGRESS)),
            listener -> new EmulatedFabric(topology, 1.0, listener, null)))
        {
            dataPlane.start();
            final DataPlaneCounters counters = dataPlane.counters();
            try (VxlanGsoSender sender = new VxlanGsoSender(dataPlane.boundPort(), VNI))
            {
                final long kernelDropsBefore = udpInErrors();
                final long ingestedBefore = counters.value(VxlanIngest.DATAGRAMS);
                final long publishedBefore = counters.value(VxlanIngest.PUBLISHED);
                final long startNs = System.nanoTime();
                final long sent = sender.send(TimeUnit.SECONDS.toNanos(seconds), rate);
                final long elapsedNs = System.nanoTime() - startNs;
                final long publishedInRun = counters.value(VxlanIngest.PUBLISHED) - publishedBefore;
                awaitQuiet(counters);
                final RunResult result = new RunResult(
                    sent,
                    udpInErrors() - kernelDropsBefore,
                    counters.value(VxlanIngest.DATAGRAMS) - ingestedBefore,
                    publishedInRun * 1e9 / elapsedNs,
                    lossCounters(counters));
                System.out.printf("data plane: sent %d (failed sends %d), ingested %d, published %.0f/s, " +
                    "released %d, journalled %d%n", sent, sender.failedSends(), result.ingested,
                    result.ingestedPerSecond, counters.value(ReorderAgent.RELEASED),
                    counters.value(JournalAgent.WRITTEN));
                return result;
            }
        }
        finally
        {
            IoUtil.delete(journalDirectory.toFile(), true);
        }
    }

    private static void awaitQuiet(final DataPlaneCounters counters) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + DRAIN_WAIT_MS;
        long last = -1;
        while (System.currentTimeMillis() < deadlineMs)
        {
            final long now = counters.value(VxlanIngest.DATAGRAMS) + counters.value(JournalAgent.WRITTEN);
            if (now == last)
            {
                return;
            }
            last = now;
            Thread.sleep(200);
        }
    }

    private static String lossCounters(final DataPlaneCounters counters)
    {
        final StringBuilder text = new StringBuilder("{");
        for (final CounterValue counter : counters.snapshot())
        {
            final String label = counter.label();
            if (0 != counter.value() && LOSS_COUNTER_PARTS.stream().anyMatch(label::contains))
            {
                text.append(text.length() > 1 ? ", " : "").append(label).append('=').append(counter.value());
            }
        }
        return text.append('}').toString();
    }

    private static long udpInErrors() throws IOException
    {
        final List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++)
        {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: "))
            {
                final List<String> names = List.of(lines.get(i).split(" "));
                final String[] values = lines.get(i + 1).split(" ");
                return Long.parseLong(values[names.indexOf("InErrors")]);
            }
        }
        throw new IOException("no Udp InErrors in /proc/net/snmp");
    }

    private record RunResult(long sent, long kernelDrops, long ingested, double ingestedPerSecond, String lossCounters)
    {
    }
}
