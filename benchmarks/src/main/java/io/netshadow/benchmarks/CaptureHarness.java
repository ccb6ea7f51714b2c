package io.netshadow.benchmarks;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import io.netshadow.dataplane.ingest.afpacket.AfPacketIdleStrategy;
import io.netshadow.dataplane.ingest.afpacket.AfPacketSource;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.PacketJournal;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 4's capture benchmark: {@code tcpdump -w} against netshadow's AF_PACKET source on the same veth pair, fed by
 * the same generator ({@code trafgen} from netsniff-ng) in the same run.
 * <p>
 * The harness creates the network namespace {@code netshadow-capture} and the veth pair {@code netshadow-c0} (the
 * capture end, in the harness's namespace) and {@code netshadow-g0} (the generator's end, in the new namespace),
 * both up with IPv6 off and no address, so nothing but the generator's frames crosses the pair. It removes them at
 * the end, on failure and on a JVM shutdown, and removes leftovers of a crashed run before it starts. Each capture
 * then sees {@code --packets} frames that {@code trafgen} sends onto {@code netshadow-g0} at its top speed from
 * {@code --generators} processes: UDP with a 64-byte payload, 106-byte frames, addressed to a MAC that is not the
 * capture end's, so the stack drops them at once after the capture.
 * <ol>
 *   <li>{@code tcpdump -i netshadow-c0 -w FILE -B 65536 -s 0 -n -p}: a 64 MiB buffer like the source's default
 *       ring; its CPU is {@code utime + stime} from {@code /proc/<pid>/stat} after it reported it was listening and
 *       before it is stopped, its counts are the ones it prints when stopped.</li>
 *   <li>capture only: {@link AfPacketSource} on its own thread, idling in {@code poll(2)}
 *       ({@link AfPacketIdleStrategy}), publishing into a ring A of 65536 slots whose consumer only releases the
 *       slots; its CPU is the capture thread's.</li>
 *   <li>capture plus journal: the same, with the consumer appending every packet to a {@link PacketJournal} in a
 *       new folder beside tcpdump's file, as the journal agent does; its CPU is the capture thread's plus the
 *       journal thread's. This is what {@code tcpdump -w} does: read the ring and write every frame to disk.</li>
 * </ol>
 * Thread CPU comes from {@link ThreadMXBean#getThreadCpuTime(long)} (nanoseconds), taken after the threads started
 * and again once every frame was consumed, so start-up and the JVM's other threads (JIT, GC) are not counted; a
 * warm-up capture of {@code --warmup-packets} runs first so the measured ones run compiled code.
 * <p>
 * A plain {@code main}, run as root: {@code --packets N} (default 3000000), {@code --generators N} (trafgen
 * processes, default 1), {@code --rounds N} (default 1), {@code --warmup-packets N} (default 1000000),
 * {@code --block-size-bytes N} and {@code --block-count N} (the source's ring; defaults the source's),
 * {@code --idle poll|backoff} (how the capture thread waits for a block: {@code poll(2)}, the default, or the
 * back-off that the data plane's shared threading mode uses), {@code --ring-size N} (ring A's slots, default 65536,
 * the daemon's default).
 */
public final class CaptureHarness
{
    private static final String NAMESPACE = "netshadow-capture";
    private static final String CAPTURE_INTERFACE = "netshadow-c0";
    private static final String GENERATOR_INTERFACE = "netshadow-g0";
    private static final String TRAFGEN = "/usr/sbin/trafgen";
    private static final String TCPDUMP = "tcpdump";
    private static final String TCPDUMP_BUFFER_KIB = "65536";
    private static final int MAX_FRAME_BYTES = 2048;
    private static final int JOURNAL_VNI = 100;
    private static final int POLL_TIMEOUT_MS = 10;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final long SETTLE_MS = 1_500;
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern TRAFGEN_SENT = Pattern.compile("(\\d+) packets outgoing");
    private static final Pattern TCPDUMP_CAPTURED = Pattern.compile("(\\d+) packets captured");
    private static final Pattern TCPDUMP_DROPPED = Pattern.compile("(\\d+) packets dropped by kernel");
    private static final String TRAFGEN_CONFIG = String.join("\n",
        "{",
        "  eth(da=02:00:00:00:00:02, sa=02:00:00:00:00:01, type=0x0800),",
        "  ipv4(saddr=198.18.1.1, daddr=198.18.1.2, ttl=64),",
        "  udp(sp=40000, dp=9),",
        "  fill(0x00, 64)",
        "}",
        "");

    private CaptureHarness()
    {
    }

    /**
     * One capture's figures.
     *
     * @param name         what captured.
     * @param sent         frames trafgen reported sent.
     * @param generatorTx  the change in the generator end's tx_packets.
     * @param arrived      the change in the capture end's rx_packets.
     * @param captured     frames the capture read.
     * @param kernelDrops  frames the kernel dropped for the capture (ring full).
     * @param appDrops     frames the capture read but dropped itself (ring A full, oversize); -1 for tcpdump.
     * @param cpuNs        the capture's CPU time over the run.
     * @param seconds      trafgen's wall-clock time.
     */
    private record Result(
        String name,
        long sent,
        long generatorTx,
        long arrived,
        long captured,
        long kernelDrops,
        long appDrops,
        long cpuNs,
        double seconds)
    {
        double nsPerPacket()
        {
            return (double)cpuNs / Math.max(1, captured);
        }

        String row()
        {
            return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %s | %.0f k/s | %.3f s | %.0f |",
                name, sent, generatorTx, arrived, captured, kernelDrops, appDrops < 0 ? "" : String.format(
                    Locale.ROOT, "%,d", appDrops), sent / seconds / 1000.0, cpuNs / 1e9, nsPerPacket());
        }
    }

    /**
     * Sets up the namespace, runs the captures, prints their figures and removes the namespace.
     *
     * @param args {@code --packets N}, {@code --generators N}, {@code --rounds N}, {@code --warmup-packets N},
     *             {@code --block-size-bytes N}, {@code --block-count N}, all optional.
     * @throws Exception when a run cannot be set up.
     */
    public static void main(final String[] args) throws Exception
    {
        long packets = 3_000_000;
        int generators = 1;
        int rounds = 1;
        long warmupPackets = 1_000_000;
        int blockSizeBytes = AfPacketConfig.DEFAULT_BLOCK_SIZE_BYTES;
        int blockCount = AfPacketConfig.DEFAULT_BLOCK_COUNT;
        boolean pollIdle = true;
        int ringSize = 65_536;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--packets" -> packets = Long.parseLong(args[i + 1]);
                case "--generators" -> generators = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup-packets" -> warmupPackets = Long.parseLong(args[i + 1]);
                case "--block-size-bytes" -> blockSizeBytes = Integer.parseInt(args[i + 1]);
                case "--block-count" -> blockCount = Integer.parseInt(args[i + 1]);
                case "--idle" -> pollIdle = "poll".equals(args[i + 1]);
                case "--ring-size" -> ringSize = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final AfPacketConfig capture = new AfPacketConfig(CAPTURE_INTERFACE, 0, Direction.INGRESS, blockSizeBytes,
            blockCount, AfPacketConfig.DEFAULT_FRAME_SIZE_BYTES, AfPacketConfig.DEFAULT_RETIRE_TIMEOUT_MS,
            AfPacketConfig.NO_FANOUT);

        removeNetwork();
        final Thread cleanup = new Thread(CaptureHarness::removeNetwork, "netshadow-capture-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        final Path work = Files.createTempDirectory("netshadow-capture");
        try
        {
            createNetwork();
            final Path trafgenConfig = Files.writeString(work.resolve("udp64.trafgen"), TRAFGEN_CONFIG);
            System.out.printf(Locale.ROOT, "%d packets a capture, %d trafgen process(es), %d round(s), ring of %d " +
                "blocks of %d bytes, idle in %s, ring A of %d slots; load average %s%n", packets, generators, rounds,
                blockCount, blockSizeBytes, pollIdle ? "poll" : "back-off", ringSize, loadAverage());
            if (warmupPackets > 0)
            {
                final Result warmup = runOurs(capture, ringSize, pollIdle, true, trafgenConfig, warmupPackets, generators, work);
                System.out.println("warm-up: " + warmup.row());
            }
            System.out.println("| capture | sent (trafgen) | generator tx | arrived (rx) | captured | kernel drops | " +
                "app drops | send rate | CPU | ns CPU per captured packet |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            final List<Double> captureOnlyRatios = new ArrayList<>();
            final List<Double> withJournalRatios = new ArrayList<>();
            for (int round = 0; round < rounds; round++)
            {
                final Result tcpdump = runTcpdump(trafgenConfig, packets, generators, work);
                final Result captureOnly = runOurs(capture, ringSize, pollIdle, false, trafgenConfig, packets, generators, work);
                final Result withJournal = runOurs(capture, ringSize, pollIdle, true, trafgenConfig, packets, generators, work);
                for (final Result result : List.of(tcpdump, captureOnly, withJournal))
                {
                    System.out.println(result.row());
                }
                captureOnlyRatios.add(captureOnly.nsPerPacket() / tcpdump.nsPerPacket());
                withJournalRatios.add(withJournal.nsPerPacket() / tcpdump.nsPerPacket());
                System.out.printf(Locale.ROOT,
                    "round %d: CPU per captured packet against tcpdump's: capture only %.2f, capture plus journal " +
                    "%.2f; load average %s%n", round + 1, captureOnlyRatios.getLast(), withJournalRatios.getLast(),
                    loadAverage());
            }
            System.out.printf(Locale.ROOT, "median over %d round(s): capture only %.2f, capture plus journal %.2f%n",
                rounds, median(captureOnlyRatios), median(withJournalRatios));
        }
        finally
        {
            removeNetwork();
            IoUtil.delete(work.toFile(), true);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static Result runTcpdump(
        final Path trafgenConfig, final long packets, final int generators, final Path work) throws Exception
    {
        final Path file = work.resolve("tcpdump.pcap");
        final Process tcpdump = new ProcessBuilder(TCPDUMP, "-i", CAPTURE_INTERFACE, "-w", file.toString(),
            "-B", TCPDUMP_BUFFER_KIB, "-s", "0", "-n", "-p").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final CountDownLatch listening = new CountDownLatch(1);
        final Thread reader = new Thread(() -> readLines(tcpdump, stderr, listening), "tcpdump-stderr");
        reader.start();
        try
        {
            if (!listening.await(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("tcpdump did not start listening: " + stderr);
            }
            final long pid = tcpdump.pid();
            final long cpuBeforeNs = processCpuNs(pid);
            final long arrivedBefore = rxPackets();
            final long txBefore = generatorTxPackets();
            final long startNs = System.nanoTime();
            final long sent = trafgen(trafgenConfig, packets, generators);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            Thread.sleep(SETTLE_MS);
            final long cpuNs = processCpuNs(pid) - cpuBeforeNs;
            final long arrived = rxPackets() - arrivedBefore;
            final long generatorTx = generatorTxPackets() - txBefore;
            tcpdump.toHandle().destroy();
            if (!tcpdump.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("tcpdump did not stop");
            }
            reader.join();
            return new Result("tcpdump -w", sent, generatorTx, arrived, match(TCPDUMP_CAPTURED, stderr),
                match(TCPDUMP_DROPPED, stderr), -1, cpuNs, seconds);
        }
        finally
        {
            tcpdump.destroyForcibly();
            Files.deleteIfExists(file);
        }
    }

    private static Result runOurs(
        final AfPacketConfig config,
        final int ringSize,
        final boolean pollIdle,
        final boolean journal,
        final Path trafgenConfig,
        final long packets,
        final int generators,
        final Path work) throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final RingBuffer<PacketEvent> ringA = RingBuffer.createMultiProducer(
            () -> new PacketEvent(MAX_FRAME_BYTES), ringSize, new BlockingWaitStrategy());
        final Sequence consumed = new Sequence();
        ringA.addGatingSequences(consumed);
        final SequenceBarrier barrier = ringA.newBarrier();
        final DataPlaneCounters counters = new DataPlaneCounters();
        final Path journalDirectory = work.resolve("journal");
        final PacketJournal packetJournal = journal ? PacketJournal.open(journalDirectory, JournalRollCycle.HOURLY) : null;
        final AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        final Thread consumer = new Thread(
            () -> consume(ringA, barrier, consumed, packetJournal, consumerFailure), "capture-consumer");
        final AfPacketSource source = AfPacketSource.open(config, ringA, MAX_FRAME_BYTES, 1, 2, counters);
        final IdleStrategy idle = pollIdle ? new AfPacketIdleStrategy(source, POLL_TIMEOUT_MS) : new BackoffIdleStrategy();
        final AgentRunner runner = new AgentRunner(idle, Throwable::printStackTrace, null, source);
        final AtomicReference<Thread> captureThread = new AtomicReference<>();
        consumer.start();
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(task, "capture");
            captureThread.set(thread);
            return thread;
        });
        try
        {
            final String name = config.interfaceName();
            final long captureId = captureThread.get().threadId();
            final long consumerId = consumer.threadId();
            Thread.sleep(100);
            final long captureCpuBeforeNs = threads.getThreadCpuTime(captureId);
            final long consumerCpuBeforeNs = threads.getThreadCpuTime(consumerId);
            final long arrivedBefore = rxPackets();
            final long txBefore = generatorTxPackets();
            final long startNs = System.nanoTime();
            final long sent = trafgen(trafgenConfig, packets, generators);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final long arrived = rxPackets() - arrivedBefore;
            final long generatorTx = generatorTxPackets() - txBefore;
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
            while (System.nanoTime() - deadlineNs < 0 &&
                (counters.value(AfPacketSource.counterLabel(name, AfPacketSource.FRAMES)) < arrived ||
                consumed.get() < ringA.getCursor()))
            {
                Thread.sleep(1);
            }
            final long captureCpuNs = threads.getThreadCpuTime(captureId) - captureCpuBeforeNs;
            final long consumerCpuNs = threads.getThreadCpuTime(consumerId) - consumerCpuBeforeNs;
            runner.close();
            source.close();
            barrier.alert();
            consumer.join();
            if (null != consumerFailure.get())
            {
                throw new IllegalStateException("consumer failed", consumerFailure.get());
            }
            final long captured = counters.value(AfPacketSource.counterLabel(name, AfPacketSource.FRAMES));
            final long appDrops = counters.value(AfPacketSource.counterLabel(name, AfPacketSource.RING_FULL)) +
                counters.value(AfPacketSource.counterLabel(name, AfPacketSource.OVERSIZE_FRAME));
            final long kernelDrops = counters.value(AfPacketSource.counterLabel(name, AfPacketSource.KERNEL_DROPS));
            return new Result(journal ? "netshadow capture + journal" : "netshadow capture only", sent, generatorTx,
                arrived, captured, kernelDrops, appDrops, captureCpuNs + (journal ? consumerCpuNs : 0), seconds);
        }
        finally
        {
            runner.close();
            source.close();
            barrier.alert();
            consumer.join();
            if (null != packetJournal)
            {
                packetJournal.close();
                IoUtil.delete(journalDirectory.toFile(), true);
            }
        }
    }

    private static void consume(
        final RingBuffer<PacketEvent> ringA,
        final SequenceBarrier barrier,
        final Sequence consumed,
        final PacketJournal journal,
        final AtomicReference<Throwable> failure)
    {
        try (PacketJournal.Writer writer = null == journal ? null : journal.newWriter())
        {
            long next = consumed.get() + 1;
            while (true)
            {
                final long available;
                try
                {
                    available = barrier.waitFor(next);
                }
                catch (final AlertException ex)
                {
                    return;
                }
                catch (final TimeoutException ex)
                {
                    continue;
                }
                if (null != writer)
                {
                    for (long sequence = next; sequence <= available; sequence++)
                    {
                        final PacketEvent event = ringA.get(sequence);
                        writer.append(event.timestampNs, event.timestampKind, 0, SourceKind.VXLAN, JOURNAL_VNI,
                            event.frame, 0, event.frameLength);
                    }
                    writer.commit();
                }
                consumed.set(available);
                next = available + 1;
            }
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
        }
    }

    private static long trafgen(final Path config, final long packets, final int generators)
    {
        final String output = run("ip", "netns", "exec", NAMESPACE, TRAFGEN, "--dev", GENERATOR_INTERFACE, "--conf",
            config.toString(), "--num", Long.toString(packets), "--cpus", Integer.toString(generators));
        final Matcher matcher = TRAFGEN_SENT.matcher(output);
        if (!matcher.find())
        {
            throw new IllegalStateException("trafgen did not report what it sent: " + output);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static void createNetwork()
    {
        run("ip", "netns", "add", NAMESPACE);
        run("ip", "link", "add", CAPTURE_INTERFACE, "type", "veth", "peer", "name", GENERATOR_INTERFACE,
            "netns", NAMESPACE);
        run("sysctl", "-q", "-w", "net.ipv6.conf." + CAPTURE_INTERFACE + ".disable_ipv6=1");
        run("ip", "netns", "exec", NAMESPACE, "sysctl", "-q", "-w",
            "net.ipv6.conf." + GENERATOR_INTERFACE + ".disable_ipv6=1");
        run("ip", "link", "set", CAPTURE_INTERFACE, "up");
        run("ip", "-n", NAMESPACE, "link", "set", GENERATOR_INTERFACE, "up");
    }

    private static void removeNetwork()
    {
        quietly("ip", "link", "del", CAPTURE_INTERFACE);
        quietly("ip", "netns", "del", NAMESPACE);
    }

    private static long rxPackets() throws IOException
    {
        return Long.parseLong(Files.readString(
            Path.of("/sys/class/net", CAPTURE_INTERFACE, "statistics", "rx_packets")).strip());
    }

    private static long generatorTxPackets()
    {
        return Long.parseLong(run("ip", "netns", "exec", NAMESPACE, "cat",
            "/sys/class/net/" + GENERATOR_INTERFACE + "/statistics/tx_packets").strip());
    }

    private static long processCpuNs(final long pid) throws IOException
    {
        final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS_PER_SECOND;
    }

    private static double median(final List<Double> values)
    {
        final List<Double> sorted = values.stream().sorted().toList();
        final int middle = sorted.size() / 2;
        return 0 == sorted.size() % 2 ? (sorted.get(middle - 1) + sorted.get(middle)) / 2 : sorted.get(middle);
    }

    private static String loadAverage() throws IOException
    {
        final String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static long match(final Pattern pattern, final List<String> lines)
    {
        for (final String line : lines)
        {
            final Matcher matcher = pattern.matcher(line);
            if (matcher.find())
            {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new IllegalStateException("tcpdump did not report '" + pattern + "': " + lines);
    }

    private static void readLines(final Process process, final List<String> lines, final CountDownLatch listening)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                lines.add(line);
                if (line.contains("listening on"))
                {
                    listening.countDown();
                }
            }
        }
        catch (final IOException ex)
        {
            lines.add("cannot read tcpdump's output: " + ex.getMessage());
        }
    }

    private static String run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' timed out");
            }
            if (0 != process.exitValue())
            {
                throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " +
                    process.exitValue() + ": " + output.strip());
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run '" + command[0] + "': " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running '" + command[0] + "'", ex);
        }
    }

    private static void quietly(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final IOException ex)
        {
            return;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
