package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SessionTable;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.ingest.afpacket.AfPacketIdleStrategy;
import io.netshadow.dataplane.ingest.afpacket.AfPacketSource;
import io.netshadow.dataplane.ingest.gre.GreSource;
import io.netshadow.dataplane.meter.KpiRing;
import io.netshadow.dataplane.meter.LiveMeter;
import io.netshadow.dataplane.meter.ShadowMeter;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The data path, assembled: VXLAN and GENEVE ingest, ERSPAN over GRE and AF_PACKET captures → ring A → reorder →
 * ring B → journal, replay into the shadow fabric and the live meter; the shadow meter listens to the fabric's fates.
 * Both meters write KPI samples to {@link #kpiRing()}, which the control plane drains on its own thread, feeding the
 * shadow's samples to the {@link #redirectGate()} so redirection stops when the shadow degrades.
 * <p>
 * {@link #start()} binds the ingest (failing with the address and port when it cannot), opens the captures and,
 * when a mirror session arrives as ERSPAN, a raw GRE socket on the ingest's address, and starts the agents, capture
 * agents among them; {@link #close()} stops the ingest and the captures first, lets every packet already accepted
 * flow through reorder, journal, replay and meter, then stops the agents and closes the captures, the journal and
 * the fabric.
 */
public final class DataPlane implements AutoCloseable
{
    /** Counter label: exceptions thrown by an agent's duty cycle. */
    public static final String AGENT_ERRORS = "agent.errors";
    /** Counter label: KPI samples dropped because the KPI ring was full. */
    public static final String KPI_RING_FULL = "kpi.ring_full";
    /** Counter label: live packets not replayed that the shadow's policers were fed as background. */
    public static final String POLICER_BACKGROUND = "replay.policer_background";

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int CAPTURE_POLL_TIMEOUT_MS = 10;

    private enum State
    {
        NEW, RUNNING, CLOSED
    }

    private final DataPlaneConfig config;
    private final SessionTable sessionTable;
    private final EpochNanoClock clock;
    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final KpiRing kpiRing;
    private final ShadowFabric fabric;
    private final RingBuffer<PacketEvent> ringA;
    private final RingBuffer<PacketRef> ringB;
    private final ReorderAgent reorderAgent;
    private final PacketJournal journal;
    private final RedirectGate redirectGate;
    private final VxlanReturn redirectReturn;
    private final List<Agent> agents = new ArrayList<>();
    private final VxlanIngest ingest;
    private final List<CaptureAgent> captures = new ArrayList<>();
    private final AtomicCounter agentErrors;
    private final List<AgentRunner> runners = new ArrayList<>();
    private GreSource erspanSource;
    private State state = State.NEW;

    /**
     * A data plane on the system clock.
     *
     * @param config        the configuration.
     * @param sessions      the mirror sessions; a session's index in this list is its session index.
     * @param fabricFactory builds the shadow fabric around the listener it must report fates to.
     */
    public DataPlane(
        final DataPlaneConfig config,
        final List<MirrorSession> sessions,
        final Function<FateListener, ShadowFabric> fabricFactory)
    {
        this(config, sessions, fabricFactory, SystemEpochNanoClock.INSTANCE);
    }

    /**
     * A data plane on a given clock, which stamps ingested packets and paces the replay.
     *
     * @param config        the configuration.
     * @param sessions      the mirror sessions.
     * @param fabricFactory builds the shadow fabric around the listener it must report fates to.
     * @param clock         nanoseconds since the epoch.
     * @throws IllegalArgumentException when two sessions of one kind share a key, or an AF_PACKET capture names a
     *                                  session that does not exist or mirrors the other direction, or a thread is
     *                                  pinned to a CPU that is not online (naming the thread's role and the CPU).
     * @throws IllegalStateException    when the journal cannot be opened.
     */
    public DataPlane(
        final DataPlaneConfig config,
        final List<MirrorSession> sessions,
        final Function<FateListener, ShadowFabric> fabricFactory,
        final EpochNanoClock clock)
    {
        this(config, sessions, fabricFactory, clock, null);
    }

    /**
     * A data plane whose replay also feeds the shadow's policers the live packets it does not replay, traced through
     * the live network's topology, when the shadow is an {@link EmulatedFabric} (built with live policers).
     *
     * @param config        the configuration.
     * @param sessions      the mirror sessions.
     * @param fabricFactory builds the shadow fabric around the listener it must report fates to.
     * @param clock         nanoseconds since the epoch.
     * @param liveTopology  the live network's topology, or null to feed no policer.
     * @throws IllegalArgumentException when two sessions of one kind share a key, or an AF_PACKET capture names a
     *                                  session that does not exist or mirrors the other direction, or a thread is
     *                                  pinned to a CPU that is not online (naming the thread's role and the CPU).
     * @throws IllegalStateException    when the journal cannot be opened.
     */
    public DataPlane(
        final DataPlaneConfig config,
        final List<MirrorSession> sessions,
        final Function<FateListener, ShadowFabric> fabricFactory,
        final EpochNanoClock clock,
        final FabricTopology liveTopology)
    {
        final List<MirrorSession> sessionList = List.copyOf(sessions);
        this.sessionTable = new SessionTable(sessionList); // rejects two sessions of one kind with one key
        checkCaptures(config.afPacketCaptures(), sessionList);
        if (!config.threading().cpus().isEmpty())
        {
            config.threading().checkOnline(CpuAffinity.onlineCpus());
        }
        this.config = config;
        this.clock = clock;
        this.agentErrors = counters.counter(AGENT_ERRORS);
        this.kpiRing = new KpiRing(config.kpiRingCapacity(), counters.counter(KPI_RING_FULL));
        this.redirectGate = new RedirectGate(config.redirectGate(), counters);
        final ShadowMeter shadowMeter = new ShadowMeter(
            kpiRing, config.meterIntervalNs(), config.mirrorShare(), counters::counter);
        this.redirectReturn = openRedirectReturn(config, sessionList, counters);
        final RedirectPath redirectPath = null == redirectReturn ? null : new RedirectPath(redirectGate,
            redirectReturn, shadowMeter, config.redirectReturn().frameSlots(), config.maxFrameBytes(), counters);
        this.fabric = fabricFactory.apply(null == redirectPath ? shadowMeter : redirectPath);
        PacketJournal openedJournal = null;
        try
        {
            final int maxFrameBytes = config.maxFrameBytes();
            this.ringA = RingBuffer.createMultiProducer(
                () -> new PacketEvent(maxFrameBytes), config.ringASize(), new BusySpinWaitStrategy());
            this.ringB = RingBuffer.createSingleProducer(
                PacketRef::new, config.ringBSize(), new BusySpinWaitStrategy());
            this.reorderAgent = new ReorderAgent(
                ringA,
                ringB,
                sessionList.size(),
                config.reorderCapacity(),
                config.latenessNs(),
                config.latePolicy(),
                clock,
                counters);
            agents.add(reorderAgent);
            if (null != config.journalDirectory())
            {
                openedJournal = PacketJournal.open(config.journalDirectory(), config.journalRollCycle());
                agents.add(new JournalAgent(ringB, openedJournal, sessionList, counters));
            }
            this.journal = openedJournal;
            final PolicerFeed policerFeed = null != liveTopology && fabric instanceof EmulatedFabric emulated ?
                new PolicerFeed(liveTopology, emulated, counters.counter(POLICER_BACKGROUND)) : null;
            agents.add(new ReplayAgent(
                ringB,
                fabric,
                sessionList,
                new FlowSampler(config.mirrorShare()),
                config.replayDelayNs(),
                clock,
                shadowMeter::advanceTo,
                redirectPath,
                policerFeed,
                counters));
            final LiveMeter liveMeter = new LiveMeter(
                kpiRing,
                config.meterIntervalNs(),
                config.matchTimeoutNs(),
                config.matchTableCapacity(),
                counters::counter);
            agents.add(new LiveMeterAgent(ringB, liveMeter, clock, 2 * config.latenessNs(), counters));
            this.ingest = new VxlanIngest(config, sessionList, ringA, clock, counters);
        }
        catch (final RuntimeException ex)
        {
            if (null != openedJournal)
            {
                openedJournal.close();
            }
            fabric.close();
            if (null != redirectReturn)
            {
                redirectReturn.close();
            }
            throw ex;
        }
    }

    private static VxlanReturn openRedirectReturn(
        final DataPlaneConfig config, final List<MirrorSession> sessions, final DataPlaneCounters counters)
    {
        final List<String> redirectSessions = sessions.stream()
            .filter(session -> Direction.REDIRECT == session.direction())
            .map(session -> session.vni() + " at " + session.device() + ":" + session.port())
            .toList();
        if (redirectSessions.isEmpty())
        {
            return null;
        }
        if (null == config.redirectReturn())
        {
            throw new IllegalArgumentException("the redirect sessions (VNI " + String.join(", ", redirectSessions) +
                ") need an endpoint to hand traffic back to the live network; none is configured");
        }
        return new VxlanReturn(config.redirectReturn(), counters);
    }

    /**
     * Binds the ingest, opens the AF_PACKET captures and, when a mirror session arrives as ERSPAN, the raw GRE socket
     * on the ingest's address, and starts the agents on their threads, each pinned thread pinning itself to its CPU
     * set before it does any work. The GRE source runs as a capture agent.
     *
     * @throws IllegalArgumentException naming a capture interface that does not exist.
     * @throws IllegalStateException    when the ingest cannot bind (the message names address and port), when a
     *                                  capture or the GRE socket cannot be opened (such as without CAP_NET_RAW,
     *                                  which the message names), when a thread cannot be pinned (naming its role,
     *                                  its CPUs and the kernel's reason), or when already started or closed.
     */
    public synchronized void start()
    {
        if (State.NEW != state)
        {
            throw new IllegalStateException(
                "data plane is " + state.name().toLowerCase(Locale.ROOT) + ", it can start only once");
        }
        try
        {
            ingest.start();
            for (final AfPacketConfig capture : config.afPacketCaptures())
            {
                final AfPacketSource source = AfPacketSource.open(
                    capture, ringA, config.maxFrameBytes(), config.flowHashKey0(), config.flowHashKey1(), counters);
                captures.add(new CaptureAgent(
                    source, source::close, new AfPacketIdleStrategy(source, CAPTURE_POLL_TIMEOUT_MS)));
            }
            if (sessionTable.hasKind(SourceKind.ERSPAN))
            {
                erspanSource = openErspanSource();
                captures.add(new CaptureAgent(erspanSource, erspanSource::close,
                    config.threading().newIdleStrategy(ThreadingMode.DEDICATED)));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
        final ErrorHandler errorHandler = this::onAgentError;
        final List<Agent> running = new ArrayList<>(captures);
        running.addAll(agents);
        final ThreadingMode mode = config.threadingMode();
        final List<PinnedAgent> pinned = new ArrayList<>();
        final Set<AgentRole> appliedRoles = EnumSet.of(AgentRole.INGEST);
        if (ThreadingMode.SHARED == mode)
        {
            final Agent composite = pinnable(new CompositeAgent(running), AgentRole.SHARED, pinned, appliedRoles);
            runners.add(new AgentRunner(
                config.threading().newIdleStrategy(mode), errorHandler, agentErrors, composite));
        }
        else
        {
            for (final CaptureAgent capture : captures)
            {
                runners.add(new AgentRunner(capture.dedicatedIdle, errorHandler, agentErrors,
                    pinnable(capture, AgentRole.CAPTURE, pinned, appliedRoles)));
            }
            for (final Agent agent : agents)
            {
                runners.add(new AgentRunner(config.threading().newIdleStrategy(mode), errorHandler, agentErrors,
                    pinnable(agent, roleOf(agent), pinned, appliedRoles)));
            }
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner, task -> new Thread(task, threadName(runner)));
        }
        awaitPinned(pinned);
        warnUnappliedPinning(appliedRoles);
        state = State.RUNNING;
        LOG.info("data plane running: {} ingest, ERSPAN over GRE {}, {} AF_PACKET captures, {} threading, journal {}",
            ingest.transport(), null == erspanSource ? "off" : "on " + erspanSource.socket().address().getHostAddress(),
            captures.size() - (null == erspanSource ? 0 : 1), config.threadingMode(),
            null == journal ? "off" : journal.directory());
    }

    /**
     * The UDP port the ingest is bound to; with a configured port of 0, the one the system picked.
     *
     * @return the port, -1 before {@link #start()}.
     */
    public int boundPort()
    {
        return ingest.boundPort();
    }

    /**
     * The UDP port a listener is bound to.
     *
     * @param kind {@link SourceKind#VXLAN} or {@link SourceKind#GENEVE}.
     * @return the port, -1 before {@link #start()} or when no session arrives in that encapsulation.
     */
    public int boundPort(final SourceKind kind)
    {
        return ingest.boundPort(kind);
    }

    /**
     * Whether ERSPAN copies are read from a raw GRE socket: after {@link #start()}, when a mirror session arrives as
     * ERSPAN. They are read from the ingest's bind address.
     *
     * @return true while the GRE source is open.
     */
    public synchronized boolean receivesErspan()
    {
        return null != erspanSource && State.CLOSED != state;
    }

    /**
     * The ingest transport in use after any fallback.
     *
     * @return the transport, null before {@link #start()}.
     */
    public IngestTransport transport()
    {
        return ingest.transport();
    }

    /**
     * The KPI samples of both meters, for the control plane to drain on its own thread.
     *
     * @return the ring.
     */
    public KpiRing kpiRing()
    {
        return kpiRing;
    }

    /**
     * The gate in front of redirection. The control plane feeds it the shadow's KPI samples
     * ({@link RedirectGate#onKpi}) from the thread that drains {@link #kpiRing()}, and may change the share.
     *
     * @return the gate.
     */
    public RedirectGate redirectGate()
    {
        return redirectGate;
    }

    /**
     * Every counter of the data path, readable from any thread.
     *
     * @return the counters.
     */
    public DataPlaneCounters counters()
    {
        return counters;
    }

    /**
     * The shadow fabric the replay drives; changes are applied to it with {@link ShadowFabric#applyConfig}.
     *
     * @return the fabric.
     */
    public ShadowFabric fabric()
    {
        return fabric;
    }

    /**
     * The configuration this data plane was built from.
     *
     * @return the configuration.
     */
    public DataPlaneConfig config()
    {
        return config;
    }

    /**
     * Stops the ingest and the captures, drains the rings so nothing already accepted is lost, stops the agents,
     * and closes the captures, the journal and the fabric. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (State.CLOSED == state)
        {
            return;
        }
        ingest.close();
        if (State.RUNNING == state)
        {
            stopCaptures();
            reorderAgent.requestFlush();
            awaitDrained();
        }
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
        state = State.CLOSED;
        closeCaptures();
        if (null != journal)
        {
            journal.close();
        }
        fabric.close();
        if (null != redirectReturn)
        {
            redirectReturn.close();
        }
    }

    private void stopCaptures()
    {
        for (final CaptureAgent capture : captures)
        {
            capture.stopRequested = true;
        }
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        for (final CaptureAgent capture : captures)
        {
            while (!capture.stopped)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    LOG.warn("data plane closing before capture {} stopped publishing", capture.roleName());
                    return;
                }
                LockSupport.parkNanos(DRAIN_POLL_NS);
            }
        }
    }

    private void closeCaptures()
    {
        for (final CaptureAgent capture : captures)
        {
            try
            {
                capture.close.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("cannot close capture {}", capture.roleName(), ex);
            }
        }
        captures.clear();
        erspanSource = null;
    }

    private GreSource openErspanSource()
    {
        final ErspanReceiver receiver = new ErspanReceiver(
            ringA,
            sessionTable,
            clock,
            config.flowHashKey0(),
            config.flowHashKey1(),
            config.maxFrameBytes(),
            counters);
        return GreSource.open(
            config.bindAddress(), config.receiveBufferBytes(), config.maxFrameBytes(), receiver, counters);
    }

    private void awaitDrained()
    {
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS + config.replayDelayNs() + config.latenessNs();
        while (!reorderAgent.isDrained() || ringB.getMinimumGatingSequence() < ringB.getCursor())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                LOG.warn("data plane closing before its rings drained: reorder drained {}, {} packets left in ring B",
                    reorderAgent.isDrained(), ringB.getCursor() - ringB.getMinimumGatingSequence());
                return;
            }
            LockSupport.parkNanos(DRAIN_POLL_NS);
        }
    }

    private void onAgentError(final Throwable throwable)
    {
        final long errors = agentErrors.get();
        if (Long.bitCount(errors) <= 1)
        {
            LOG.error("data plane agent failed ({} errors so far)", errors, throwable);
        }
    }

    private Agent pinnable(
        final Agent agent, final AgentRole role, final List<PinnedAgent> pinned, final Set<AgentRole> appliedRoles)
    {
        final CpuSet cpus = config.threading().cpus(role);
        appliedRoles.add(role);
        if (null == cpus)
        {
            return agent;
        }
        final PinnedAgent pinnedAgent = new PinnedAgent(agent, role, cpus);
        pinned.add(pinnedAgent);
        return pinnedAgent;
    }

    private void awaitPinned(final List<PinnedAgent> pinned)
    {
        try
        {
            for (final PinnedAgent agent : pinned)
            {
                agent.pinned().get(PIN_TIMEOUT_NS, TimeUnit.NANOSECONDS);
            }
        }
        catch (final ExecutionException ex)
        {
            close();
            throw ex.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            close();
            throw new IllegalStateException("data plane threads did not start within " +
                TimeUnit.NANOSECONDS.toSeconds(PIN_TIMEOUT_NS) + " s", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the data plane threads started", ex);
        }
    }

    private void warnUnappliedPinning(final Set<AgentRole> appliedRoles)
    {
        for (final AgentRole role : config.threading().cpus().keySet())
        {
            if (!appliedRoles.contains(role))
            {
                LOG.warn("CPU pinning of {} ignored: {} threading with this configuration has no such thread",
                    role.configName(), config.threadingMode().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static AgentRole roleOf(final Agent agent)
    {
        return switch (agent)
        {
            case CaptureAgent _ -> AgentRole.CAPTURE;
            case ReorderAgent _ -> AgentRole.REORDER;
            case JournalAgent _ -> AgentRole.JOURNAL;
            case ReplayAgent _ -> AgentRole.REPLAY;
            case LiveMeterAgent _ -> AgentRole.LIVE_METER;
            default -> throw new IllegalStateException("no CPU pinning role for agent " + agent.roleName());
        };
    }

    private static String threadName(final AgentRunner runner)
    {
        final Agent agent = runner.agent() instanceof PinnedAgent pinned ? pinned.agent() : runner.agent();
        return "netshadow-" + (agent instanceof CompositeAgent ? "dataplane" : agent.roleName());
    }

    private static void checkCaptures(final List<AfPacketConfig> captures, final List<MirrorSession> sessions)
    {
        for (final AfPacketConfig capture : captures)
        {
            if (capture.sessionIndex() >= sessions.size())
            {
                throw new IllegalArgumentException("AF_PACKET capture on " + capture.interfaceName() +
                    " feeds session index " + capture.sessionIndex() + ", but there are " + sessions.size() +
                    " sessions");
            }
            final MirrorSession session = sessions.get(capture.sessionIndex());
            if (capture.direction() != session.direction())
            {
                throw new IllegalArgumentException("AF_PACKET capture on " + capture.interfaceName() + " is " +
                    capture.direction() + " but feeds the " + session.direction() + " session of " +
                    session.device() + ":" + session.port());
            }
        }
    }

    /**
     * Runs a source that reads from the kernel (an AF_PACKET capture or the ERSPAN GRE socket) as an agent until
     * the data plane asks it to stop, then acknowledges and leaves the source alone so the rings can drain and the
     * source be closed once its thread has stopped.
     */
    private static final class CaptureAgent implements Agent
    {
        private final Agent source;
        private final Runnable close;
        private final IdleStrategy dedicatedIdle;
        private volatile boolean stopRequested;
        private volatile boolean stopped;

        CaptureAgent(final Agent source, final Runnable close, final IdleStrategy dedicatedIdle)
        {
            this.source = source;
            this.close = close;
            this.dedicatedIdle = dedicatedIdle;
        }

        /**
         * Publishes the frames the kernel has handed over, unless asked to stop.
         *
         * @return the number of frames read.
         * @throws Exception when the source's read fails.
         */
        @Override
        public int doWork() throws Exception
        {
            if (stopRequested)
            {
                stopped = true;
                return 0;
            }
            return source.doWork();
        }

        /**
         * The source's name.
         *
         * @return {@code afpacket-<interface>} or {@code erspan-gre}.
         */
        @Override
        public String roleName()
        {
            return source.roleName();
        }
    }
}
