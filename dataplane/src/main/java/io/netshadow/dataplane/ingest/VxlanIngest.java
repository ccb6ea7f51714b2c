package io.netshadow.dataplane.ingest;

import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.pipeline.AgentRole;
import io.netshadow.dataplane.pipeline.CpuAffinity;
import io.netshadow.dataplane.pipeline.CpuSet;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receives VXLAN and GENEVE mirror datagrams on Netty datagram channels bound to the configured address, one
 * listener per encapsulation ({@link SourceKind}) on its own port, and publishes each inner frame into ring A. The
 * GENEVE listener is bound only when a GENEVE session exists. The Netty event-loop threads are ring A's producers.
 * <p>
 * With epoll, a read takes a batch of datagrams in one {@code recvmmsg} call; with more than one ingest thread
 * (native transports only), one channel per thread shares the port through {@code SO_REUSEPORT}. A transport
 * that is unavailable falls back to the next, and the choice is logged with the reason.
 */
public final class VxlanIngest implements AutoCloseable
{
    /** Counter label: datagrams received, VXLAN and GENEVE. */
    public static final String DATAGRAMS = "ingest.datagrams";
    /** Counter label: the datagrams received on the GENEVE port, a part of {@link #DATAGRAMS}. */
    public static final String GENEVE_DATAGRAMS = "ingest.geneve_datagrams";
    /** Counter label: frames published into ring A. */
    public static final String PUBLISHED = "ingest.published";
    /** Counter label: datagrams too short for a VXLAN header or without its I flag. */
    public static final String BAD_VXLAN = "ingest.bad_vxlan";
    /** Counter label: VXLAN datagrams whose VNI belongs to no mirror session. */
    public static final String UNKNOWN_VNI = "ingest.unknown_vni";
    /** Counter label: GENEVE datagrams whose VNI belongs to no GENEVE mirror session. */
    public static final String UNKNOWN_GENEVE_VNI = "ingest.unknown_geneve_vni";
    /** Counter label: inner frames larger than a ring slot. */
    public static final String OVERSIZE_FRAME = "ingest.oversize_frame";
    /** Counter label: datagrams dropped because ring A was full. */
    public static final String RING_FULL = "ingest.ring_full";
    /** Counter label: channel errors. */
    public static final String ERRORS = "ingest.errors";

    private static final Logger LOG = LoggerFactory.getLogger(VxlanIngest.class);
    private static final int RECV_BATCH_DATAGRAMS = 16;
    private static final long SHUTDOWN_QUIET_MS = 0;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final DataPlaneConfig config;
    private final RingBuffer<PacketEvent> ringA;
    private final EpochNanoClock clock;
    private final IngestCounters counters;
    private final Int2IntHashMap sessionByVni = new Int2IntHashMap(SessionTable.NO_SESSION);
    private final Int2IntHashMap sessionByGeneveVni = new Int2IntHashMap(SessionTable.NO_SESSION);
    private final Direction[] directionBySession;
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup group;
    private IngestTransport transport;
    private int boundPort = -1;
    private int geneveBoundPort = -1;

    /**
     * An ingest for the given mirror sessions; nothing is bound until {@link #start()}.
     *
     * @param config   the data plane's configuration: address, port, transport, threads, buffer and frame sizes.
     * @param sessions the mirror sessions; a session's index in this list is its session index.
     * @param ringA    the ring to publish into.
     * @param clock    the ingest clock, in nanoseconds since the epoch.
     * @param counters the data plane's counters.
     * @throws IllegalArgumentException when two sessions of one kind share a key.
     */
    public VxlanIngest(
        final DataPlaneConfig config,
        final List<MirrorSession> sessions,
        final RingBuffer<PacketEvent> ringA,
        final EpochNanoClock clock,
        final DataPlaneCounters counters)
    {
        this.config = config;
        this.ringA = ringA;
        this.clock = clock;
        this.counters = new IngestCounters(counters);
        final SessionTable table = new SessionTable(sessions);
        this.directionBySession = new Direction[sessions.size()];
        for (int i = 0; i < sessions.size(); i++)
        {
            final MirrorSession session = sessions.get(i);
            directionBySession[i] = table.direction(i);
            switch (session.kind())
            {
                case VXLAN -> sessionByVni.put(session.vni(), i);
                case GENEVE -> sessionByGeneveVni.put(session.vni(), i);
                case ERSPAN ->
                {
                }
            }
        }
    }

    /**
     * Pins the event-loop threads when the configuration gives the ingest a CPU set, then binds the channels and
     * starts receiving.
     *
     * @throws IllegalStateException when the address and port cannot be bound, naming both, or when an event-loop
     *                               thread cannot be pinned, naming its CPUs and the kernel's reason.
     */
    public synchronized void start()
    {
        if (null != group)
        {
            throw new IllegalStateException("VXLAN ingest already started");
        }
        transport = resolve(config.transport());
        final int threads = IngestTransport.NIO == transport ? 1 : config.ingestThreads();
        group = new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("netshadow-ingest"), ioHandler(transport));
        try
        {
            pinEventLoops();
            boundPort = bindListener(SourceKind.VXLAN, config.bindPort(), threads);
            if (!sessionByGeneveVni.isEmpty())
            {
                geneveBoundPort = bindListener(SourceKind.GENEVE, config.geneveBindPort(), threads);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
        LOG.info("VXLAN ingest listening on {}:{}{} with {} ({} thread{})",
            config.bindAddress(), boundPort, -1 == geneveBoundPort ? "" : ", GENEVE on port " + geneveBoundPort,
            transport, threads, 1 == threads ? "" : "s");
    }

    /**
     * The UDP port the channels are bound to: the configured one, or the one the system picked for port 0.
     *
     * @return the port, -1 before {@link #start()}.
     */
    public synchronized int boundPort()
    {
        return boundPort;
    }

    /**
     * The UDP port a listener is bound to.
     *
     * @param kind {@link SourceKind#VXLAN} or {@link SourceKind#GENEVE}.
     * @return the port, -1 before {@link #start()} or when the kind has no listener.
     */
    public synchronized int boundPort(final SourceKind kind)
    {
        return switch (kind)
        {
            case VXLAN -> boundPort;
            case GENEVE -> geneveBoundPort;
            case ERSPAN -> -1;
        };
    }

    /**
     * The transport in use after any fallback.
     *
     * @return the transport, null before {@link #start()}.
     */
    public synchronized IngestTransport transport()
    {
        return transport;
    }

    /**
     * Closes the channels and stops the event-loop threads, waiting until no datagram is being published.
     */
    @Override
    public synchronized void close()
    {
        for (final Channel channel : channels)
        {
            channel.close().awaitUninterruptibly();
        }
        channels.clear();
        if (null != group)
        {
            group.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
        }
    }

    private void pinEventLoops()
    {
        final CpuSet cpus = config.threading().cpus(AgentRole.INGEST);
        if (null != cpus)
        {
            for (final EventExecutor loop : group)
            {
                loop.submit(() -> CpuAffinity.pinCurrentThread(AgentRole.INGEST, cpus)).syncUninterruptibly();
            }
        }
    }

    private int bindListener(final SourceKind kind, final int configuredPort, final int threads)
    {
        int port = configuredPort;
        for (int i = 0; i < threads; i++)
        {
            final Channel channel = bind(kind, port, threads > 1);
            channels.add(channel);
            port = ((InetSocketAddress)channel.localAddress()).getPort();
        }
        return port;
    }

    private Channel bind(final SourceKind kind, final int port, final boolean reusePort)
    {
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
            .handler(new VxlanDatagramHandler(
                ringA,
                kind,
                SourceKind.GENEVE == kind ? sessionByGeneveVni : sessionByVni,
                directionBySession,
                clock,
                config.flowHashKey0(),
                config.flowHashKey1(),
                config.maxFrameBytes(),
                counters));
        final int batchBytes = VxlanDatagramHandler.MAX_DATAGRAM_BYTES * RECV_BATCH_DATAGRAMS;
        switch (transport)
        {
            case EPOLL -> bootstrap.channel(EpollDatagramChannel.class)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, VxlanDatagramHandler.MAX_DATAGRAM_BYTES)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(batchBytes))
                .option(UnixChannelOption.SO_REUSEPORT, reusePort);
            case IO_URING -> bootstrap.channel(IoUringDatagramChannel.class)
                .option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, VxlanDatagramHandler.MAX_DATAGRAM_BYTES)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(batchBytes))
                .option(UnixChannelOption.SO_REUSEPORT, reusePort);
            case NIO -> bootstrap.channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(VxlanDatagramHandler.MAX_DATAGRAM_BYTES));
        }
        final InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port);
        final ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
        if (!future.isSuccess())
        {
            final Throwable cause = future.cause();
            throw new IllegalStateException("cannot bind " + kind + " ingest to " + config.bindAddress() + ":" + port +
                " (UDP): " + cause.getMessage(), cause);
        }
        return future.channel();
    }

    private static IngestTransport resolve(final IngestTransport requested)
    {
        IngestTransport candidate = requested;
        if (IngestTransport.IO_URING == candidate && !IoUring.isAvailable())
        {
            LOG.warn("io_uring ingest unavailable ({}), falling back to epoll", reason(IoUring.unavailabilityCause()));
            candidate = IngestTransport.EPOLL;
        }
        if (IngestTransport.EPOLL == candidate && !Epoll.isAvailable())
        {
            LOG.warn("epoll ingest unavailable ({}), falling back to NIO", reason(Epoll.unavailabilityCause()));
            candidate = IngestTransport.NIO;
        }
        return candidate;
    }

    private static String reason(final Throwable cause)
    {
        return null == cause ? "no reason given" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static IoHandlerFactory ioHandler(final IngestTransport transport)
    {
        return switch (transport)
        {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }
}
