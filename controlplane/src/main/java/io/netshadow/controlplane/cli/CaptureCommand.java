package io.netshadow.controlplane.cli;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import io.netshadow.dataplane.capture.PcapngWriter;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.ingest.afpacket.AfPacketIdleStrategy;
import io.netshadow.dataplane.ingest.afpacket.AfPacketSource;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.PacketJournal;
import org.agrona.concurrent.AgentRunner;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code netshadow capture --interface IF --journal DIR} or {@code -w FILE.pcapng}: captures an interface through
 * the data plane's AF_PACKET source, in the manner of {@code tcpdump -w}, with the kernel's nanosecond timestamps,
 * until a packet count, a duration or Ctrl-C; a progress line a second, then the counters.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = "Capture an interface through AF_PACKET into a packet journal or a pcapng file (needs CAP_NET_RAW).")
final class CaptureCommand implements Callable<Integer>
{
    /** Slots between capture and writer: more than the frames of one ring block, which arrive at once. */
    private static final int RING_SIZE = 16_384;
    /** A jumbo frame with a VLAN tag. */
    private static final int MAX_FRAME_BYTES = 9216 + 18;
    /** Blocks of 256 KiB hold at most a few thousand frames, so a block's frames fit the ring. */
    private static final int BLOCK_SIZE_BYTES = 256 * 1024;
    private static final int BLOCK_COUNT = 256;
    private static final int POLL_TIMEOUT_MS = 10;
    private static final long WAIT_TIMEOUT_MS = 100;
    private static final long REPORT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long STOP_WAIT_SECONDS = 10;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF", description = "The interface.")
    String interfaceName;

    @ArgGroup(multiplicity = "1")
    Output output;

    @Option(names = {"-c", "--count"}, defaultValue = "0", paramLabel = "N",
        description = "Stop after N packets; 0 (the default) for no limit.")
    long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Stop after this long, such as 30s or 5m; no limit by default.")
    Duration duration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private volatile boolean stopRequested;

    /**
     * Where the packets go: exactly one of a journal directory and a pcapng file.
     */
    static final class Output
    {
        @Option(names = "--journal", required = true, paramLabel = "DIR",
            description = "A packet journal directory (Chronicle Queue), created when missing.")
        Path journal;

        @Option(names = "-w", required = true, paramLabel = "FILE", description = "A pcapng file, overwritten.")
        Path pcapng;
    }

    @Override
    public Integer call() throws Exception
    {
        if (count < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must not be negative: " + count);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RingBuffer<PacketEvent> ring = RingBuffer.createMultiProducer(() -> new PacketEvent(MAX_FRAME_BYTES),
            RING_SIZE, new TimeoutBlockingWaitStrategy(WAIT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        final Sequence written = new Sequence();
        ring.addGatingSequences(written);
        final DataPlaneCounters counters = new DataPlaneCounters();
        final AfPacketSource source = AfPacketSource.open(
            new AfPacketConfig(interfaceName, 0, Direction.INGRESS, BLOCK_SIZE_BYTES, BLOCK_COUNT,
                AfPacketConfig.DEFAULT_FRAME_SIZE_BYTES, AfPacketConfig.DEFAULT_RETIRE_TIMEOUT_MS,
                AfPacketConfig.NO_FANOUT), ring, MAX_FRAME_BYTES, 0, 0, counters);
        final AgentRunner runner = new AgentRunner(
            new AfPacketIdleStrategy(source, POLL_TIMEOUT_MS), Throwable::printStackTrace, null, source);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread onSignal = new Thread(() -> stopAndWait(finished), "netshadow-capture-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try
        {
            final long packets = captureUntilStopped(source, runner, ring, written, counters, err);
            out.printf(Locale.ROOT, "%,d packets written%n", packets);
            out.printf(Locale.ROOT, "%,d packets captured%n", counter(counters, AfPacketSource.FRAMES));
            out.printf(Locale.ROOT, "%,d packets dropped by kernel%n", counter(counters, AfPacketSource.KERNEL_DROPS));
            out.printf(Locale.ROOT, "%,d packets dropped at a full ring%n", counter(counters, AfPacketSource.RING_FULL));
            out.printf(Locale.ROOT, "%,d packets larger than %d bytes%n",
                counter(counters, AfPacketSource.OVERSIZE_FRAME), MAX_FRAME_BYTES);
            out.flush();
        }
        finally
        {
            finished.countDown();
            if (!stopRequested)
            {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            }
        }
        return 0;
    }

    private long captureUntilStopped(
        final AfPacketSource source,
        final AgentRunner runner,
        final RingBuffer<PacketEvent> ring,
        final Sequence written,
        final DataPlaneCounters counters,
        final PrintWriter err) throws InterruptedException
    {
        long packets = 0;
        try (PacketJournal journal = null == output.journal ? null :
            PacketJournal.open(output.journal, JournalRollCycle.HOURLY);
            PacketJournal.Writer journalWriter = null == journal ? null : journal.newWriter();
            PcapngWriter pcapngWriter = null == output.pcapng ? null :
                PcapngWriter.create(output.pcapng, ByteOrder.nativeOrder()))
        {
            AgentRunner.startOnThread(runner);
            err.printf(Locale.ROOT, "capturing on %s into %s%n", interfaceName,
                null == journal ? output.pcapng : output.journal);
            err.flush();
            final SequenceBarrier barrier = ring.newBarrier();
            final long startNs = System.nanoTime();
            final long endNs = null == duration ? Long.MAX_VALUE : startNs + duration.toNanos();
            long nextReportNs = startNs + REPORT_INTERVAL_NS;
            long next = 0;
            while (!stopRequested && (0 == count || packets < count) && System.nanoTime() - endNs < 0)
            {
                long available;
                try
                {
                    available = barrier.waitFor(next);
                }
                catch (final TimeoutException | AlertException ex)
                {
                    available = next - 1;
                }
                final long last = 0 == count ? available : Math.min(available, next + count - packets - 1);
                for (long sequence = next; sequence <= last; sequence++)
                {
                    final PacketEvent event = ring.get(sequence);
                    if (null != journalWriter)
                    {
                        journalWriter.append(event.timestampNs, event.timestampKind, 0, null, 0,
                            event.frame, 0, event.frameLength);
                    }
                    else
                    {
                        pcapngWriter.append(event.timestampNs, event.frame, 0, event.frameLength);
                    }
                }
                if (null != journalWriter)
                {
                    journalWriter.commit();
                }
                packets += last - next + 1;
                written.set(available);
                next = available + 1;
                final long nowNs = System.nanoTime();
                if (nowNs - nextReportNs >= 0)
                {
                    nextReportNs = nowNs + REPORT_INTERVAL_NS;
                    err.printf(Locale.ROOT, "capture: %,d packets written, %,.0f packets/s, %,d dropped by kernel%n",
                        packets, packets / ((nowNs - startNs) / 1e9), counter(counters, AfPacketSource.KERNEL_DROPS));
                    err.flush();
                }
            }
        }
        finally
        {
            runner.close();
            source.close();
        }
        return packets;
    }

    private long counter(final DataPlaneCounters counters, final String name)
    {
        return counters.value(AfPacketSource.counterLabel(interfaceName, name));
    }

    private void stopAndWait(final CountDownLatch finished)
    {
        stopRequested = true;
        try
        {
            finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
