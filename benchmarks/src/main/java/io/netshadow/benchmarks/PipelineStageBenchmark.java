package io.netshadow.benchmarks;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.meter.KpiRing;
import io.netshadow.dataplane.meter.LiveMeter;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.JournalAgent;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.LatePolicy;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.PacketJournal;
import io.netshadow.dataplane.pipeline.PacketRef;
import io.netshadow.dataplane.pipeline.ReorderAgent;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per packet of the pipeline stages after decode, each on one thread with no other stage running:
 * one packet through {@link ReorderAgent} (publish into ring A, one duty cycle that polls it, pushes it on the
 * reorder heap and releases the packet that became due into ring B), one {@link PacketJournal} append (Chronicle
 * Queue in a temporary folder, in batches as the journal stage writes them), and one live meter match
 * ({@link LiveMeter}: an ingress copy, then the egress copy of the packet before it). The packet is a 64-byte-payload
 * UDP datagram, as the ingest benchmark sends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PipelineStageBenchmark
{
    private static final int RING_SIZE = 1024;
    private static final int PAYLOAD_BYTES = 64;
    private static final long PACKET_GAP_NS = 1_000;
    private static final int VNI = 4242;
    private static final int FRAME_CAPACITY_BYTES = 256;

    /**
     * A reorder stage between two rings with one source, a 10 µs lateness window and packets 1 µs apart, so the
     * heap holds about ten packets and each duty cycle takes one in and lets one out.
     */
    @State(Scope.Thread)
    public static class ReorderState
    {
        private static final long LATENESS_NS = 10 * PACKET_GAP_NS;
        private static final int REORDER_CAPACITY = 256;

        private final RingBuffer<PacketEvent> ringA = RingBuffer.createMultiProducer(
            () -> new PacketEvent(FRAME_CAPACITY_BYTES), RING_SIZE, new BusySpinWaitStrategy());
        private final RingBuffer<PacketRef> ringB =
            RingBuffer.createSingleProducer(PacketRef::new, RING_SIZE, new BusySpinWaitStrategy());
        private final Sequence consumedB = new Sequence();
        private long nowNs = 1_000_000_000L;
        private ReorderAgent agent;

        /**
         * Builds the stage; ring B's only consumer is {@link #consumedB}, moved on by the benchmark.
         */
        @Setup
        public void setUp()
        {
            ringB.addGatingSequences(consumedB);
            agent = new ReorderAgent(
                ringA, ringB, 1, REORDER_CAPACITY, LATENESS_NS, LatePolicy.DROP, () -> nowNs, new DataPlaneCounters());
        }
    }

    /**
     * A journal in a new temporary folder, deleted after the trial, one frame to append, and how many packets a
     * journal duty cycle takes from ring B: the writer commits a batch when the duty cycle ends or the batch is full
     * (64 KiB, 1024 packets), as {@link JournalAgent} does. One packet per duty cycle is one document per packet.
     */
    @State(Scope.Thread)
    public static class JournalState
    {
        @Param({"1", "32", "1024"})
        private int dutyCyclePackets;

        private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_CAPACITY_BYTES));
        private Path directory;
        private PacketJournal journal;
        private PacketJournal.Writer writer;
        private int frameLengthBytes;
        private long timestampNs = 1_000_000_000L;
        private int dutyCyclePolled;

        /**
         * Opens the journal and writes the frame.
         *
         * @throws IOException when the temporary folder cannot be made.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            directory = Files.createTempDirectory("netshadow-journal-bench");
            journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            writer = journal.newWriter();
            frameLengthBytes = FrameWriter.write(udpPacket(), frame, 0);
        }

        /**
         * Closes the journal and deletes its folder.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            writer.close();
            journal.close();
            IoUtil.delete(directory.toFile(), true);
        }
    }

    /**
     * A live meter with room for 64 Ki unmatched ingress copies and one-second intervals.
     */
    @State(Scope.Thread)
    public static class MeterState
    {
        private static final long INTERVAL_NS = 1_000_000_000L;
        private static final long MATCH_TIMEOUT_NS = 100_000_000L;
        private static final int MATCH_TABLE_CAPACITY = 65_536;
        private static final long TRANSIT_NS = 25_000;

        private final DataPlaneCounters counters = new DataPlaneCounters();
        private final KpiRing kpiRing = new KpiRing(1024, counters.counter("meter.kpi_ring_full"));
        private final LiveMeter meter = new LiveMeter(
            kpiRing, INTERVAL_NS, MATCH_TIMEOUT_NS, MATCH_TABLE_CAPACITY, counters::counter);
        private long packetKey = 1;
        private long timestampNs = 1_000_000_000L;
    }

    /**
     * Publishes one packet into ring A and runs one reorder duty cycle, then lets ring B's consumer catch up.
     *
     * @param state the stage.
     * @return the work the duty cycle did.
     * @throws Exception when the agent fails.
     */
    @Benchmark
    public int reorder(final ReorderState state) throws Exception
    {
        final long sequence = state.ringA.next();
        final PacketEvent event = state.ringA.get(sequence);
        state.nowNs += PACKET_GAP_NS;
        event.timestampNs = state.nowNs;
        event.sessionIndex = 0;
        event.frameLength = PAYLOAD_BYTES;
        state.ringA.publish(sequence);
        final int work = state.agent.doWork();
        state.consumedB.set(state.ringB.getCursor());
        return work;
    }

    /**
     * Appends one 106-byte frame to the journal's open batch, committing the batch first when it is full and after
     * the frame when the duty cycle ends.
     *
     * @param state the journal.
     * @return the packets committed.
     */
    @Benchmark
    public int journalAppend(final JournalState state)
    {
        final PacketJournal.Writer writer = state.writer;
        int committed = 0;
        if (!writer.hasRoomFor(state.frameLengthBytes))
        {
            committed = writer.commit();
        }
        state.timestampNs += PACKET_GAP_NS;
        writer.append(state.timestampNs, TimestampKind.INGEST, 0, SourceKind.VXLAN, VNI, state.frame, 0,
            state.frameLengthBytes);
        if (++state.dutyCyclePolled == state.dutyCyclePackets)
        {
            state.dutyCyclePolled = 0;
            committed += writer.commit();
        }
        return committed;
    }

    /**
     * Records one packet's ingress copy and the egress copy of the packet before it: one match per operation.
     *
     * @param state the meter.
     * @return the ingress copies waiting.
     */
    @Benchmark
    public int liveMeterMatch(final MeterState state)
    {
        final LiveMeter meter = state.meter;
        state.timestampNs += PACKET_GAP_NS;
        final long key = state.packetKey++;
        meter.onIngressCopy(key, state.timestampNs);
        if (key > 1)
        {
            meter.onEgressCopy(key - 1, state.timestampNs + MeterState.TRANSIT_NS, PAYLOAD_BYTES + 28);
        }
        state.kpiRing.drain((side, kpi, intervalEndNs, value) -> {});
        return meter.pendingMatches();
    }

    private static FabricPacket udpPacket()
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress("10.1.0.5");
        packet.dstIp = Ipv4Prefix.parseAddress("10.4.0.9");
        packet.protocol = Ipv4Flyweight.PROTOCOL_UDP;
        packet.srcPort = 40_000;
        packet.dstPort = 5_001;
        packet.lengthBytes = PAYLOAD_BYTES + 28;
        packet.ttl = 64;
        packet.ipId = 0x1234;
        packet.seq = 1;
        return packet;
    }
}
