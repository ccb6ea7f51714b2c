package io.netshadow.benchmarks;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.netconf.EmulatedNetconfDevices;
import io.netshadow.controlplane.netconf.NetconfClient;
import io.netshadow.controlplane.netconf.agent.AgentFleet;
import io.netshadow.controlplane.orchestrator.ChangeJudge;
import io.netshadow.controlplane.orchestrator.ChangeOrchestrator;
import io.netshadow.controlplane.orchestrator.ChangeOutcome;
import io.netshadow.controlplane.orchestrator.ChangeResult;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.controlplane.orchestrator.PendingVerdict;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Times one change applied to many emulated devices at once, end to end over NETCONF, and measures what an open
 * session costs in memory. A star fabric of N devices (a core and N - 1 leaves) is served by one NETCONF agent per
 * device on loopback; one change, the MTU of every device's host port, goes to all N in one wave through the
 * {@link ChangeOrchestrator}'s transaction path: per device, on its own virtual thread, lock the candidate, save
 * running, edit, validate, commit confirmed with a persist-id, then after the gate the confirming commit and the
 * unlock, each step journalled to the history first. The judge says positive at once, so the figure is the
 * transaction's cost, not a forecaster's wait. Each repetition sets another MTU, so every run really changes the
 * devices, and each is checked in the fabric afterwards.
 * <p>
 * It is a plain program rather than a JMH benchmark: one operation lasts seconds and builds on a costly set-up (N
 * agents with their host keys), the interesting figures are a handful of medians and maxima over a few runs, and
 * the memory figure needs sessions held open between runs, which JMH has no measure for. After the warm-up changes,
 * the heap after full collections is taken with no session open and with N open: the difference over N is the
 * memory of one session, client and agent ends together, since both live in this process. Then each repetition runs
 * the change twice: once over the sessions kept open since the run before, once with every session closed first, so
 * that the run also opens N SSH sessions (connect, host-key check, password login, netconf subsystem, hello). The
 * two kinds alternate so that whatever warming up is left weighs on both alike.
 * <p>
 * Run it with the JVM options of the parent POM's {@code netshadow.jvm.options} on the {@code java} command line
 * (see the benchmarks README).
 */
public final class ParallelChangeHarness
{
    private static final int DEFAULT_DEVICE_COUNT = 100;
    private static final int DEFAULT_REPETITIONS = 5;
    private static final int DEFAULT_WARMUPS = 3;
    private static final String CORE = "core";
    private static final String LEAF_PREFIX = "leaf-";
    private static final String UPLINK_PORT = "uplink";
    private static final long LINK_CAPACITY_BPS = 10_000_000_000L;
    private static final long LINK_LATENCY_NS = 10_000;
    private static final long LINK_QUEUE_BYTES = 1_000_000;
    private static final int FIRST_MTU_BYTES = 1400;
    private static final Duration MAX_VERDICT_WAIT = Duration.ofSeconds(60);
    private static final Duration SESSION_SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final long SESSION_POLL_MS = 10;
    private static final double NS_PER_MS = 1e6;
    private static final double BYTES_PER_KB = 1024.0;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    private static final int EXIT_USAGE = 2;
    private static final String USAGE =
        "usage: ParallelChangeHarness [--devices N] [--repetitions R] [--warmups W]\n" +
        "  --devices N      emulated NETCONF devices changed at once (default " + DEFAULT_DEVICE_COUNT + ")\n" +
        "  --repetitions R  timed runs with sessions kept open, and as many opening them (default " +
        DEFAULT_REPETITIONS + ")\n" +
        "  --warmups W      untimed changes first (default " + DEFAULT_WARMUPS + ")";

    private final int deviceCount;
    private final int repetitions;
    private final int warmups;
    private final PrintStream out;
    private final List<String> deviceNames;
    private final FabricTopology topology;
    private int runCount;

    private ParallelChangeHarness(
        final int deviceCount, final int repetitions, final int warmups, final PrintStream out)
    {
        this.deviceCount = deviceCount;
        this.repetitions = repetitions;
        this.warmups = warmups;
        this.out = out;
        this.topology = starTopology(deviceCount);
        this.deviceNames = topology.devices().stream().map(FabricTopology.Device::name).toList();
    }

    /**
     * Runs the harness and prints its table to standard output.
     *
     * @param args {@code --devices N}, {@code --repetitions R} and {@code --warmups W}, all optional;
     *             {@code --help} prints the usage.
     * @throws Exception when the fabric, the agents or the history cannot be set up, or a change does not commit.
     */
    public static void main(final String[] args) throws Exception
    {
        int deviceCount = DEFAULT_DEVICE_COUNT;
        int repetitions = DEFAULT_REPETITIONS;
        int warmups = DEFAULT_WARMUPS;
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--devices" -> deviceCount = positive(args, ++i);
                    case "--repetitions" -> repetitions = positive(args, ++i);
                    case "--warmups" -> warmups = positive(args, ++i);
                    case "-h", "--help" ->
                    {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
        }
        new ParallelChangeHarness(deviceCount, repetitions, warmups, System.out).run();
    }

    private void run() throws Exception
    {
        final Path stateDirectory = Files.createTempDirectory("netshadow-parallel-change-");
        final long rssAtStartBytes = ProcessMemory.residentBytes();
        try (EmulatedFabric fabric = new EmulatedFabric(topology, 1.0, new FateCounter(), null);
            HistoryJournal history = HistoryJournal.open(stateDirectory.resolve("history"));
            NetconfClient client = new NetconfClient();
            EmulatedNetconfDevices devices = EmulatedNetconfDevices.start(
                fabric, deviceNames, stateDirectory.resolve("netconf"), client))
        {
            final ChangeOrchestrator orchestrator = new ChangeOrchestrator(devices.drivers(), Map.of(),
                new PositiveJudge(), history, SystemEpochNanoClock.INSTANCE, MAX_VERDICT_WAIT.toNanos());
            out.printf(Locale.ROOT, "%d emulated NETCONF devices (star: %s and %d leaves) on loopback; JDK %s, " +
                "%d CPUs, max heap %.0f MB%n", deviceCount, CORE, deviceCount - 1, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / BYTES_PER_MB);

            final long rssWithAgentsBytes = ProcessMemory.residentBytes();
            for (int i = 0; i < warmups; i++)
            {
                report("warm-up", i, change(orchestrator, fabric));
            }

            closeSessions(devices);
            final long heapClosedBytes = ProcessMemory.heapAfterGcBytes();
            openSessions(devices);
            final long heapOpenBytes = ProcessMemory.heapAfterGcBytes();
            final long rssOpenBytes = ProcessMemory.residentBytes();

            final List<ChangeTimings.Phases> kept = new ArrayList<>();
            final List<ChangeTimings.Phases> reopened = new ArrayList<>();
            for (int i = 0; i < repetitions; i++)
            {
                kept.add(report("sessions kept open", i, change(orchestrator, fabric)));
                closeSessions(devices);
                reopened.add(report("sessions opened in the run", i, change(orchestrator, fabric)));
            }

            printTable(kept, reopened);
            printMemory(heapClosedBytes, heapOpenBytes, rssAtStartBytes, rssWithAgentsBytes, rssOpenBytes);
        }
        finally
        {
            deleteRecursively(stateDirectory);
        }
    }

    /**
     * One change of every device's host-port MTU to a value no earlier run used, run to its end and checked.
     */
    private ChangeTimings.Phases change(final ChangeOrchestrator orchestrator, final EmulatedFabric fabric)
    {
        final int run = ++runCount;
        final int mtuBytes = FIRST_MTU_BYTES + run;
        final String editXml = DeviceConfigXml.toXml(DeviceConfig.empty()
            .withInterface(InterfaceConfig.defaults(FabricTopology.HOST_PORT).withMtuBytes(mtuBytes)));
        final List<ChangeSpec.Edit> edits = deviceNames.stream()
            .map(device -> new ChangeSpec.Edit(device, editXml))
            .toList();
        final ChangeSpec change = new ChangeSpec(
            "parallel-change-" + run, "host-port MTU " + mtuBytes + " on " + deviceCount + " devices", edits);

        final ChangeTimings timings = new ChangeTimings();
        final ChangeResult result = orchestrator.run(change, timings);
        if (ChangeOutcome.COMMITTED != result.outcome())
        {
            throw new IllegalStateException(change.id() + " ended " + result.outcome() + ": " + result.message());
        }
        for (int device = 0; device < deviceCount; device++)
        {
            final int fabricMtuBytes = fabric.config(device).interfaceConfig(FabricTopology.HOST_PORT).mtuBytes();
            if (fabricMtuBytes != mtuBytes)
            {
                throw new IllegalStateException(change.id() + " committed but " + deviceNames.get(device) +
                    " forwards with host-port MTU " + fabricMtuBytes + ", not " + mtuBytes);
            }
        }
        return timings.phases();
    }

    private ChangeTimings.Phases report(final String label, final int index, final ChangeTimings.Phases phases)
    {
        out.printf(Locale.ROOT, "  %-26s %2d: open %8.1f ms  apply %8.1f ms  confirm %8.1f ms  total %8.1f ms%n",
            label, index + 1, ms(phases.openNs()), ms(phases.applyNs()), ms(phases.confirmNs()), ms(phases.totalNs()));
        return phases;
    }

    private void printTable(final List<ChangeTimings.Phases> kept, final List<ChangeTimings.Phases> reopened)
    {
        out.printf(Locale.ROOT, "%nchange to %d devices at once, apply to all confirmed (%d runs each, after %d " +
            "warm-up change(s)), ms%n", deviceCount, repetitions, warmups);
        out.printf(Locale.ROOT, "%-26s %-6s %9s %9s %9s %9s%n", "sessions", "", "open", "apply", "confirm", "total");
        printRows("kept open", kept);
        printRows("opened in the run", reopened);
    }

    private void printRows(final String label, final List<ChangeTimings.Phases> runs)
    {
        out.printf(Locale.ROOT, "%-26s %-6s %9.1f %9.1f %9.1f %9.1f%n", label, "median",
            ms(median(runs, ChangeTimings.Phases::openNs)), ms(median(runs, ChangeTimings.Phases::applyNs)),
            ms(median(runs, ChangeTimings.Phases::confirmNs)), ms(median(runs, ChangeTimings.Phases::totalNs)));
        out.printf(Locale.ROOT, "%-26s %-6s %9.1f %9.1f %9.1f %9.1f%n", "", "max",
            ms(max(runs, ChangeTimings.Phases::openNs)), ms(max(runs, ChangeTimings.Phases::applyNs)),
            ms(max(runs, ChangeTimings.Phases::confirmNs)), ms(max(runs, ChangeTimings.Phases::totalNs)));
    }

    private void printMemory(
        final long heapClosedBytes,
        final long heapOpenBytes,
        final long rssAtStartBytes,
        final long rssWithAgentsBytes,
        final long rssOpenBytes)
    {
        out.printf(Locale.ROOT, "%nmemory per open session (client and agent ends, both in this process)%n");
        out.printf(Locale.ROOT, "  heap after GC: %.1f MB with no session open, %.1f MB with %d open: %.1f KB a " +
            "session%n", heapClosedBytes / BYTES_PER_MB, heapOpenBytes / BYTES_PER_MB, deviceCount,
            (heapOpenBytes - heapClosedBytes) / (BYTES_PER_KB * deviceCount));
        out.printf(Locale.ROOT, "  VmRSS: %.1f MB at start, %.1f MB with %d agents and no session, %.1f MB after " +
            "the warm-up with %d sessions open%n", rssAtStartBytes / BYTES_PER_MB, rssWithAgentsBytes / BYTES_PER_MB,
            deviceCount, rssOpenBytes / BYTES_PER_MB, deviceCount);
    }

    private void openSessions(final EmulatedNetconfDevices devices) throws Exception
    {
        forEachDriver(devices, DeviceDriver::capabilities);
        awaitAgentSessions(devices.fleet(), deviceCount);
    }

    private void closeSessions(final EmulatedNetconfDevices devices) throws Exception
    {
        forEachDriver(devices, DeviceDriver::close);
        awaitAgentSessions(devices.fleet(), 0);
    }

    /**
     * Runs a call on every driver at once, each on its own virtual thread, and waits for all of them.
     */
    private static void forEachDriver(final EmulatedNetconfDevices devices, final DriverCall call) throws Exception
    {
        final List<Future<Object>> calls = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor())
        {
            for (final DeviceDriver driver : devices.drivers().values())
            {
                calls.add(executor.submit(() ->
                {
                    call.run(driver);
                    return null;
                }));
            }
        }
        for (final Future<Object> result : calls)
        {
            try
            {
                result.get();
            }
            catch (final ExecutionException ex)
            {
                throw ex.getCause() instanceof final Exception cause ? cause : ex;
            }
        }
    }

    /**
     * Waits until the agents, which see a session end a little after the client closed it, hold the given number of
     * sessions between them.
     */
    private void awaitAgentSessions(final AgentFleet fleet, final int expected) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + SESSION_SETTLE_TIMEOUT.toNanos();
        int open = agentSessions(fleet);
        while (open != expected)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("agents hold " + open + " sessions, expected " + expected);
            }
            Thread.sleep(SESSION_POLL_MS);
            open = agentSessions(fleet);
        }
    }

    private int agentSessions(final AgentFleet fleet)
    {
        int open = 0;
        for (final String device : deviceNames)
        {
            open += fleet.agent(device).sessionCount();
        }
        return open;
    }

    /**
     * A core with one leaf per remaining device, each leaf's uplink on its own core port and a /24 of hosts behind
     * each leaf.
     */
    private static FabricTopology starTopology(final int deviceCount)
    {
        final FabricTopology.Builder builder = FabricTopology.builder().device(CORE, List.of());
        for (int leaf = 1; leaf < deviceCount; leaf++)
        {
            final String name = String.format(Locale.ROOT, "%s%03d", LEAF_PREFIX, leaf);
            builder.device(name, List.of(String.format(Locale.ROOT, "10.%d.%d.0/24", leaf >> 8, leaf & 0xFF)))
                .link(name, UPLINK_PORT, CORE, name, LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES);
        }
        return builder.build();
    }

    private static long median(final List<ChangeTimings.Phases> runs, final ToLongFunction<ChangeTimings.Phases> phase)
    {
        final long[] sorted = runs.stream().mapToLong(phase).sorted().toArray();
        final int middle = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }

    private static long max(final List<ChangeTimings.Phases> runs, final ToLongFunction<ChangeTimings.Phases> phase)
    {
        return runs.stream().mapToLong(phase).max().orElseThrow();
    }

    private static double ms(final long durationNs)
    {
        return durationNs / NS_PER_MS;
    }

    private static int positive(final String[] args, final int index)
    {
        final String option = args[index - 1];
        if (index >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a number");
        }
        final int value;
        try
        {
            value = Integer.parseInt(args[index]);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " needs a number, not " + args[index], ex);
        }
        if (value < 1)
        {
            throw new IllegalArgumentException(option + " must be at least 1, is " + value);
        }
        return value;
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    /**
     * One call on a device's driver.
     */
    @FunctionalInterface
    private interface DriverCall
    {
        void run(DeviceDriver driver) throws Exception;
    }

    /**
     * Gives every gate a positive verdict at once, so that a change is confirmed as soon as its wave is applied.
     */
    private static final class PositiveJudge implements ChangeJudge
    {
        @Override
        public PendingVerdict begin(final String changeId, final long changeStartNs, final List<String> devices)
        {
            final Verdict positive = new Verdict(Outcome.POSITIVE, "", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, changeStartNs, 0, "positive at once (benchmark judge)");
            return new PendingVerdict()
            {
                @Override
                public Verdict verdict()
                {
                    return positive;
                }

                @Override
                public void cancel()
                {
                }
            };
        }
    }
}
