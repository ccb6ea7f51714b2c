package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadPinningTest
{
    private static final List<MirrorSession> SESSIONS =
        List.of(new MirrorSession(100, "edge1", "hosts", Direction.INGRESS));

    private final CpuSet lastCpu = CpuSet.of(CpuAffinity.onlineCpus().highestCpu());

    @Test
    void aPinnedThreadReportsTheCpuItWasGiven() throws Exception
    {
        final AtomicReference<CpuSet> reported = new AtomicReference<>();
        final AtomicReference<String> allowedList = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            CpuAffinity.pinCurrentThread(AgentRole.REPLAY, lastCpu);
            reported.set(CpuAffinity.currentThreadCpus());
            allowedList.set(cpusAllowedList(Path.of("/proc/thread-self/status")));
        });
        thread.start();
        thread.join();

        assertThat(reported.get()).isEqualTo(lastCpu);
        assertThat(allowedList.get()).isEqualTo(lastCpu.toString());
    }

    @Test
    void dedicatedThreadsAndIngestLoopsRunOnTheirCpuSets()
    {
        final ThreadingConfig threading = ThreadingConfig.DEFAULT
            .withCpus(AgentRole.REPLAY, lastCpu)
            .withCpus(AgentRole.INGEST, lastCpu);
        try (DataPlane dataPlane = new DataPlane(config(ThreadingMode.DEDICATED, threading), SESSIONS, this::fabric))
        {
            dataPlane.start();

            assertThat(threadCpus("replay")).containsOnly(lastCpu.toString());
            assertThat(threadCpus("netshadow-inges")).isNotEmpty().containsOnly(lastCpu.toString());
            assertThat(threadCpus("reorder"))
                .containsOnly(cpusAllowedList(Path.of("/proc/thread-self/status")));
        }
    }

    @Test
    void theSharedThreadRunsOnItsCpuSet()
    {
        final ThreadingConfig threading = ThreadingConfig.DEFAULT.withCpus(AgentRole.SHARED, lastCpu);
        try (DataPlane dataPlane = new DataPlane(config(ThreadingMode.SHARED, threading), SESSIONS, this::fabric))
        {
            dataPlane.start();

            assertThat(threadCpus("[reorder,")).containsOnly(lastCpu.toString());
        }
    }

    @Test
    void aCpuThatIsNotOnlineIsRejectedNamingTheRoleAndTheCpu()
    {
        final int offline = CpuSet.MAX_CPU;
        final ThreadingConfig threading = ThreadingConfig.DEFAULT.withCpus(AgentRole.LIVE_METER, CpuSet.of(offline));

        assertThatThrownBy(() -> new DataPlane(config(ThreadingMode.DEDICATED, threading), SESSIONS, this::fabric))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("live-meter")
            .hasMessageContaining("CPU " + offline + " is not online");
    }

    @Test
    void aPinningTheKernelRefusesFailsNamingTheRoleTheCpusAndTheReason()
    {
        assertThatThrownBy(() -> CpuAffinity.pinCurrentThread(AgentRole.JOURNAL, CpuSet.of(CpuSet.MAX_CPU)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cannot pin the journal thread to CPUs " + CpuSet.MAX_CPU)
            .hasMessageContaining("sched_setaffinity failed: Invalid argument (errno 22)");
        assertThat(CpuAffinity.currentThreadCpus()).as("the thread's affinity is unchanged")
            .isEqualTo(CpuSet.parse(cpusAllowedList(Path.of("/proc/thread-self/status"))));
    }

    @Test
    void cpuListsParseAsLinuxWritesThem()
    {
        assertThat(CpuSet.parse("1,3-5").cpus()).containsExactly(1, 3, 4, 5);
        assertThat(CpuSet.parse(" 0-1 , 3 ").toString()).isEqualTo("0-1,3");
        assertThat(CpuSet.parse("2")).isEqualTo(CpuSet.of(2));
    }

    @Test
    void badCpuListsAreRejectedWithTheReason()
    {
        assertThatThrownBy(() -> CpuSet.parse("2-x")).hasMessageContaining("'x'").hasMessageContaining("not a CPU id");
        assertThatThrownBy(() -> CpuSet.parse("5-3")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CpuSet.parse("9000")).hasMessageContaining("outside 0..8191");
        assertThatThrownBy(() -> CpuSet.parse("")).hasMessageContaining("needs a CPU list");
    }

    private DataPlaneConfig config(final ThreadingMode mode, final ThreadingConfig threading)
    {
        return DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .ringASize(1024)
            .ringBSize(1024)
            .reorderCapacity(512)
            .threadingMode(mode)
            .threading(threading)
            .build();
    }

    private RecordingFabric fabric(final FateListener listener)
    {
        return new RecordingFabric(RecordingFabric.edgeTopology(), listener, 1_000, SystemEpochNanoClock.INSTANCE);
    }

    /**
     * The CPU lists of this process's threads whose kernel name contains a text.
     */
    private static List<String> threadCpus(final String nameContains)
    {
        final List<String> cpus = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : tasks.toList())
            {
                try
                {
                    if (Files.readString(task.resolve("comm")).contains(nameContains))
                    {
                        cpus.add(cpusAllowedList(task.resolve("status")));
                    }
                }
                catch (final NoSuchFileException ex)
                {
                    continue;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return cpus;
    }

    private static String cpusAllowedList(final Path status)
    {
        try
        {
            return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring("Cpus_allowed_list:".length()).strip())
                .findFirst()
                .orElseThrow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
