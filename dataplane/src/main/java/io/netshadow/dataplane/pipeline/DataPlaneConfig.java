package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.packet.GeneveHeader;
import io.netshadow.dataplane.packet.VxlanHeader;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes a {@link DataPlane}. Build one with {@link #builder()}, which starts from sane defaults;
 * the constructor checks every field and says which one is wrong.
 *
 * @param bindAddress        the address the VXLAN ingest binds, such as {@code 0.0.0.0}.
 * @param bindPort           the UDP port it binds; 0 lets the system pick one (tests).
 * @param geneveBindPort     the UDP port the GENEVE ingest binds when a GENEVE session exists; 0 as above.
 * @param transport          the Netty transport to try first.
 * @param ingestThreads      ingest event-loop threads (native transports; NIO uses one).
 * @param receiveBufferBytes the socket receive buffer asked of the kernel.
 * @param maxFrameBytes      the largest inner frame a ring slot holds; larger ones are counted and dropped.
 * @param ringASize          slots in ring A (arrival order), a power of two.
 * @param ringBSize          slots in ring B (timestamp order), a power of two.
 * @param reorderCapacity    the most packets the reorder stage holds back, at most {@code ringASize}.
 * @param latenessNs         the lateness window within which packets are put back in timestamp order.
 * @param latePolicy         what happens to a packet later than the window.
 * @param replayDelayNs      how long after its timestamp a packet enters the shadow; more than the lateness.
 * @param mirrorShare        the share of flows replayed into the shadow, in (0, 1].
 * @param flowHashKey0       the first half of the flow hash key.
 * @param flowHashKey1       the second half of the flow hash key.
 * @param meterIntervalNs    the length of a KPI interval in packet time.
 * @param matchTimeoutNs     how long the live meter waits for a packet's egress copy before it counts it lost.
 * @param matchTableCapacity the most packets the live meter waits for at once.
 * @param kpiRingCapacity    the KPI samples the ring holds before the control plane must drain it.
 * @param journalDirectory   where the packet journal goes; null for no journal.
 * @param journalRollCycle   how often the journal starts a new file.
 * @param threadingMode      how agents map to threads.
 * @param threading          the idle strategies of the threading modes and the CPU sets threads are pinned to.
 * @param redirectGate       the share of flows redirected and the gate that bounds it.
 * @param redirectReturn     where redirected traffic goes back to the live network; null when no session redirects.
 * @param afPacketCaptures   the SPAN ports captured through AF_PACKET, each feeding one mirror session; empty for
 *                           none.
 */
public record DataPlaneConfig(
    String bindAddress,
    int bindPort,
    int geneveBindPort,
    IngestTransport transport,
    int ingestThreads,
    int receiveBufferBytes,
    int maxFrameBytes,
    int ringASize,
    int ringBSize,
    int reorderCapacity,
    long latenessNs,
    LatePolicy latePolicy,
    long replayDelayNs,
    double mirrorShare,
    long flowHashKey0,
    long flowHashKey1,
    long meterIntervalNs,
    long matchTimeoutNs,
    int matchTableCapacity,
    int kpiRingCapacity,
    Path journalDirectory,
    JournalRollCycle journalRollCycle,
    ThreadingMode threadingMode,
    ThreadingConfig threading,
    RedirectGateConfig redirectGate,
    RedirectReturnConfig redirectReturn,
    List<AfPacketConfig> afPacketCaptures)
{
    private static final int MIN_FRAME_BYTES = 64;
    private static final int MAX_FRAME_BYTES = 65_535;

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the first field that is out of range.
     */
    public DataPlaneConfig
    {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(latePolicy, "latePolicy");
        Objects.requireNonNull(journalRollCycle, "journalRollCycle");
        Objects.requireNonNull(threadingMode, "threadingMode");
        Objects.requireNonNull(threading, "threading");
        Objects.requireNonNull(redirectGate, "redirectGate");
        afPacketCaptures = List.copyOf(Objects.requireNonNull(afPacketCaptures, "afPacketCaptures"));
        require(bindPort >= 0 && bindPort <= 0xFFFF, "bindPort must be 0..65535: " + bindPort);
        require(geneveBindPort >= 0 && geneveBindPort <= 0xFFFF,
            "geneveBindPort must be 0..65535: " + geneveBindPort);
        require(ingestThreads >= 1, "ingestThreads must be at least 1: " + ingestThreads);
        require(receiveBufferBytes > 0, "receiveBufferBytes must be positive: " + receiveBufferBytes);
        require(maxFrameBytes >= MIN_FRAME_BYTES && maxFrameBytes <= MAX_FRAME_BYTES,
            "maxFrameBytes must be " + MIN_FRAME_BYTES + ".." + MAX_FRAME_BYTES + ": " + maxFrameBytes);
        require(isPowerOfTwo(ringASize), "ringASize must be a power of two of at least 2: " + ringASize);
        require(isPowerOfTwo(ringBSize), "ringBSize must be a power of two of at least 2: " + ringBSize);
        require(reorderCapacity >= 1 && reorderCapacity <= ringASize,
            "reorderCapacity must be 1..ringASize (" + ringASize + "): " + reorderCapacity);
        require(latenessNs >= 0, "latenessNs must not be negative: " + latenessNs);
        require(replayDelayNs > latenessNs,
            "replayDelayNs (" + replayDelayNs + ") must exceed latenessNs (" + latenessNs + ")");
        require(mirrorShare > 0.0 && mirrorShare <= 1.0, "mirrorShare must be in (0, 1]: " + mirrorShare);
        require(meterIntervalNs > 0, "meterIntervalNs must be positive: " + meterIntervalNs);
        require(matchTimeoutNs > 0, "matchTimeoutNs must be positive: " + matchTimeoutNs);
        require(matchTableCapacity >= 1, "matchTableCapacity must be positive: " + matchTableCapacity);
        require(kpiRingCapacity >= 1, "kpiRingCapacity must be positive: " + kpiRingCapacity);
    }

    /**
     * A builder holding the defaults: bind 0.0.0.0:4789 (GENEVE 6081) with epoll and one thread, 2048-byte
     * frames, rings of 16384 slots, 1 ms lateness with late packets dropped, 5 ms replay delay, every flow replayed,
     * 1 s meter intervals, 100 ms match timeout, no journal, shared threading
     * with no pinning ({@link ThreadingConfig#DEFAULT}), nothing redirected behind the default
     * gate ({@link RedirectGateConfig#defaults()}) and no return endpoint, no AF_PACKET capture.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The configuration with every default.
     *
     * @return the defaults.
     */
    public static DataPlaneConfig defaults()
    {
        return builder().build();
    }

    /**
     * A builder starting from this configuration's values.
     *
     * @return a builder.
     */
    public Builder toBuilder()
    {
        return new Builder()
            .bindAddress(bindAddress)
            .bindPort(bindPort)
            .geneveBindPort(geneveBindPort)
            .transport(transport)
            .ingestThreads(ingestThreads)
            .receiveBufferBytes(receiveBufferBytes)
            .maxFrameBytes(maxFrameBytes)
            .ringASize(ringASize)
            .ringBSize(ringBSize)
            .reorderCapacity(reorderCapacity)
            .latenessNs(latenessNs)
            .latePolicy(latePolicy)
            .replayDelayNs(replayDelayNs)
            .mirrorShare(mirrorShare)
            .flowHashKey(flowHashKey0, flowHashKey1)
            .meterIntervalNs(meterIntervalNs)
            .matchTimeoutNs(matchTimeoutNs)
            .matchTableCapacity(matchTableCapacity)
            .kpiRingCapacity(kpiRingCapacity)
            .journalDirectory(journalDirectory)
            .journalRollCycle(journalRollCycle)
            .threadingMode(threadingMode)
            .threading(threading)
            .redirectGate(redirectGate)
            .redirectReturn(redirectReturn)
            .afPacketCaptures(afPacketCaptures);
    }

    private static boolean isPowerOfTwo(final int value)
    {
        return value >= 2 && Integer.bitCount(value) == 1;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("data plane config: " + message);
        }
    }

    /**
     * Collects a configuration field by field, from the defaults.
     */
    public static final class Builder
    {
        private String bindAddress = "0.0.0.0";
        private int bindPort = VxlanHeader.UDP_PORT;
        private int geneveBindPort = GeneveHeader.UDP_PORT;
        private IngestTransport transport = IngestTransport.EPOLL;
        private int ingestThreads = 1;
        private int receiveBufferBytes = 8 * 1024 * 1024;
        private int maxFrameBytes = PacketEvent.DEFAULT_MAX_FRAME_BYTES;
        private int ringASize = 16_384;
        private int ringBSize = 16_384;
        private int reorderCapacity = 8_192;
        private long latenessNs = 1_000_000L;
        private LatePolicy latePolicy = LatePolicy.DROP;
        private long replayDelayNs = 5_000_000L;
        private double mirrorShare = 1.0;
        private long flowHashKey0 = 0x6e65747368616477L;
        private long flowHashKey1 = 0x666c6f7768617368L;
        private long meterIntervalNs = 1_000_000_000L;
        private long matchTimeoutNs = 100_000_000L;
        private int matchTableCapacity = 131_072;
        private int kpiRingCapacity = 4_096;
        private Path journalDirectory;
        private JournalRollCycle journalRollCycle = JournalRollCycle.HOURLY;
        private ThreadingMode threadingMode = ThreadingMode.SHARED;
        private ThreadingConfig threading = ThreadingConfig.DEFAULT;
        private RedirectGateConfig redirectGate = RedirectGateConfig.defaults();
        private RedirectReturnConfig redirectReturn;
        private List<AfPacketConfig> afPacketCaptures = List.of();

        private Builder()
        {
        }

        /**
         * Sets the bind address.
         *
         * @param bindAddress the address.
         * @return this builder.
         */
        public Builder bindAddress(final String bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * Sets the bind port.
         *
         * @param bindPort the port, 0 for any free one.
         * @return this builder.
         */
        public Builder bindPort(final int bindPort)
        {
            this.bindPort = bindPort;
            return this;
        }

        /**
         * Sets the GENEVE bind port.
         *
         * @param geneveBindPort the port, 0 for any free one.
         * @return this builder.
         */
        public Builder geneveBindPort(final int geneveBindPort)
        {
            this.geneveBindPort = geneveBindPort;
            return this;
        }

        /**
         * Sets the transport.
         *
         * @param transport the transport to try first.
         * @return this builder.
         */
        public Builder transport(final IngestTransport transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * Sets the number of ingest threads.
         *
         * @param ingestThreads the thread count.
         * @return this builder.
         */
        public Builder ingestThreads(final int ingestThreads)
        {
            this.ingestThreads = ingestThreads;
            return this;
        }

        /**
         * Sets the socket receive buffer.
         *
         * @param receiveBufferBytes the size in bytes.
         * @return this builder.
         */
        public Builder receiveBufferBytes(final int receiveBufferBytes)
        {
            this.receiveBufferBytes = receiveBufferBytes;
            return this;
        }

        /**
         * Sets the largest frame a slot holds.
         *
         * @param maxFrameBytes the size in bytes.
         * @return this builder.
         */
        public Builder maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * Sets ring A's size.
         *
         * @param ringASize slots, a power of two.
         * @return this builder.
         */
        public Builder ringASize(final int ringASize)
        {
            this.ringASize = ringASize;
            return this;
        }

        /**
         * Sets ring B's size.
         *
         * @param ringBSize slots, a power of two.
         * @return this builder.
         */
        public Builder ringBSize(final int ringBSize)
        {
            this.ringBSize = ringBSize;
            return this;
        }

        /**
         * Sets the reorder capacity.
         *
         * @param reorderCapacity packets held back at most.
         * @return this builder.
         */
        public Builder reorderCapacity(final int reorderCapacity)
        {
            this.reorderCapacity = reorderCapacity;
            return this;
        }

        /**
         * Sets the lateness window.
         *
         * @param latenessNs the window in nanoseconds.
         * @return this builder.
         */
        public Builder latenessNs(final long latenessNs)
        {
            this.latenessNs = latenessNs;
            return this;
        }

        /**
         * Sets the late policy.
         *
         * @param latePolicy what to do with late packets.
         * @return this builder.
         */
        public Builder latePolicy(final LatePolicy latePolicy)
        {
            this.latePolicy = latePolicy;
            return this;
        }

        /**
         * Sets the replay delay.
         *
         * @param replayDelayNs the delay in nanoseconds.
         * @return this builder.
         */
        public Builder replayDelayNs(final long replayDelayNs)
        {
            this.replayDelayNs = replayDelayNs;
            return this;
        }

        /**
         * Sets the mirror share.
         *
         * @param mirrorShare the share of flows replayed, in (0, 1].
         * @return this builder.
         */
        public Builder mirrorShare(final double mirrorShare)
        {
            this.mirrorShare = mirrorShare;
            return this;
        }

        /**
         * Sets the flow hash key.
         *
         * @param key0 the first half.
         * @param key1 the second half.
         * @return this builder.
         */
        public Builder flowHashKey(final long key0, final long key1)
        {
            this.flowHashKey0 = key0;
            this.flowHashKey1 = key1;
            return this;
        }

        /**
         * Sets the meter interval.
         *
         * @param meterIntervalNs the interval in nanoseconds.
         * @return this builder.
         */
        public Builder meterIntervalNs(final long meterIntervalNs)
        {
            this.meterIntervalNs = meterIntervalNs;
            return this;
        }

        /**
         * Sets the live meter's match timeout.
         *
         * @param matchTimeoutNs the timeout in nanoseconds.
         * @return this builder.
         */
        public Builder matchTimeoutNs(final long matchTimeoutNs)
        {
            this.matchTimeoutNs = matchTimeoutNs;
            return this;
        }

        /**
         * Sets the live meter's match table capacity.
         *
         * @param matchTableCapacity packets waited for at most.
         * @return this builder.
         */
        public Builder matchTableCapacity(final int matchTableCapacity)
        {
            this.matchTableCapacity = matchTableCapacity;
            return this;
        }

        /**
         * Sets the KPI ring's capacity.
         *
         * @param kpiRingCapacity samples held at most.
         * @return this builder.
         */
        public Builder kpiRingCapacity(final int kpiRingCapacity)
        {
            this.kpiRingCapacity = kpiRingCapacity;
            return this;
        }

        /**
         * Sets the journal directory.
         *
         * @param journalDirectory the directory, null for no journal.
         * @return this builder.
         */
        public Builder journalDirectory(final Path journalDirectory)
        {
            this.journalDirectory = journalDirectory;
            return this;
        }

        /**
         * Sets the journal roll cycle.
         *
         * @param journalRollCycle how often a new file starts.
         * @return this builder.
         */
        public Builder journalRollCycle(final JournalRollCycle journalRollCycle)
        {
            this.journalRollCycle = journalRollCycle;
            return this;
        }

        /**
         * Sets the threading mode.
         *
         * @param threadingMode how agents map to threads.
         * @return this builder.
         */
        public Builder threadingMode(final ThreadingMode threadingMode)
        {
            this.threadingMode = threadingMode;
            return this;
        }

        /**
         * Sets the threads' idle strategies and CPU pinning.
         *
         * @param threading the idle strategies and CPU sets.
         * @return this builder.
         */
        public Builder threading(final ThreadingConfig threading)
        {
            this.threading = threading;
            return this;
        }

        /**
         * Sets the redirect share and its gate.
         *
         * @param redirectGate the gate's bounds and thresholds.
         * @return this builder.
         */
        public Builder redirectGate(final RedirectGateConfig redirectGate)
        {
            this.redirectGate = redirectGate;
            return this;
        }

        /**
         * Sets where redirected traffic goes back to the live network.
         *
         * @param redirectReturn the live network's endpoint, VNI and frame slots; null when no session redirects.
         * @return this builder.
         */
        public Builder redirectReturn(final RedirectReturnConfig redirectReturn)
        {
            this.redirectReturn = redirectReturn;
            return this;
        }

        /**
         * Sets the SPAN ports captured through AF_PACKET.
         *
         * @param afPacketCaptures one entry per capture socket, empty for none.
         * @return this builder.
         */
        public Builder afPacketCaptures(final List<AfPacketConfig> afPacketCaptures)
        {
            this.afPacketCaptures = afPacketCaptures;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration.
         * @throws IllegalArgumentException naming the first field out of range.
         */
        public DataPlaneConfig build()
        {
            return new DataPlaneConfig(
                bindAddress,
                bindPort,
                geneveBindPort,
                transport,
                ingestThreads,
                receiveBufferBytes,
                maxFrameBytes,
                ringASize,
                ringBSize,
                reorderCapacity,
                latenessNs,
                latePolicy,
                replayDelayNs,
                mirrorShare,
                flowHashKey0,
                flowHashKey1,
                meterIntervalNs,
                matchTimeoutNs,
                matchTableCapacity,
                kpiRingCapacity,
                journalDirectory,
                journalRollCycle,
                threadingMode,
                threading,
                redirectGate,
                redirectReturn,
                afPacketCaptures);
        }
    }
}
