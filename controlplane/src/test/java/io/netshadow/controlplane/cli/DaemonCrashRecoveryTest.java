package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.api.ApiException;
import io.netshadow.controlplane.api.BearerToken;
import io.netshadow.controlplane.api.ChangeUpload;
import io.netshadow.controlplane.api.HistoryParameters;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.controlplane.netconf.agent.AgentCredentials;
import io.netshadow.controlplane.netconf.agent.AgentEndpoint;
import io.netshadow.controlplane.netconf.agent.AgentFleet;
import io.netshadow.controlplane.netconf.agent.NetconfAgent;
import io.netshadow.controlplane.orchestrator.ChangeState;
import io.netshadow.controlplane.orchestrator.ChangeStatus;
import io.netshadow.controlplane.orchestrator.TransactionLog;
import io.netshadow.controlplane.orchestrator.TransactionStep;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FateListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fault test of issue 3: {@code netshadow daemon} runs in a child JVM and changes live devices that are NETCONF
 * agents in this JVM. The daemon is killed with SIGKILL after the live device committed the change confirmed and
 * before any verdict; the device keeps the change (its confirmed commit has a persist-id, so it outlives the
 * session). A second daemon on the same configuration finds the change in flight in its history, cancels the
 * confirmed commit and records how.
 */
class DaemonCrashRecoveryTest
{
    private static final String DEVICE = "core1";
    private static final String TOKEN = "crash-test-token-0123456789abcdef";
    private static final String MAIN_CLASS = "io.netshadow.controlplane.cli.NetshadowCommand";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long POLL_MS = 100;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final Pattern DEVICE_NAME = Pattern.compile("^\\s*- name:\\s*(\\S+)\\s*$");
    private static final Pattern MANAGEMENT = Pattern.compile("^(\\s+)management:.*$");
    @TempDir
    Path dir;

    private EmulatedFabric fabric;
    private AgentFleet fleet;
    private Process daemon;
    private Path daemonLog;
    private int apiPort;

    @BeforeEach
    void startLiveDevices() throws Exception
    {
        fabric = new EmulatedFabric(EmbeddedDefaults.profile(null).topology(), 1.0, FateListener.IGNORE, null);
        fleet = AgentFleet.start(fabric, dir.resolve("agent-keys"), AgentCredentials.generated("netshadow"));
    }

    @AfterEach
    void stopEverything() throws InterruptedException
    {
        if (null != daemon && daemon.isAlive())
        {
            daemon.destroyForcibly();
            daemon.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        fleet.close();
        fabric.close();
    }

    @Test
    void daemonKilledBetweenLiveCommitAndVerdictRollsTheDeviceBackAfterRestartAndRecordsHow() throws Exception
    {
        final Path config = writeDaemonFiles();
        final NetconfAgent live = fleet.agent(DEVICE);
        final DeviceConfig before = live.running();

        final Process first = startDaemon(config, "daemon-1.log");
        final ApiClient api = awaitApi();
        final ChangeStatus started = api.apply(ChangeUpload.read(writeChangeFile()));
        awaitTrue("the live " + DEVICE + " committed confirmed, as the history records",
            () -> live.confirmedCommitPending() && liveStepDone(api, started.id(), TransactionStep.COMMIT_CONFIRMED));

        first.destroyForcibly();
        daemon = null;
        assertThat(first.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(SIGKILL_EXIT);
        awaitTrue("the killed daemon's session to " + DEVICE + " ended", () -> 0 == live.sessionCount());
        assertThat(live.confirmedCommitPending()).isTrue();
        assertThat(live.running()).isNotEqualTo(before);

        final Process second = startDaemon(config, "daemon-2.log");
        final ChangeStatus recovered = awaitApi().status(started.id());
        assertThat(recovered.state()).as(recovered.message()).isEqualTo(ChangeState.ROLLED_BACK);
        assertThat(live.confirmedCommitPending()).isFalse();
        assertThat(live.running()).isEqualTo(before);

        second.destroy();
        assertThat(second.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(daemonLog()).isIn(0, SIGTERM_EXIT);
        assertRecoveryRecorded(started.id());
    }

    private void assertRecoveryRecorded(final String changeId)
    {
        final List<HistoryEvent> events;
        try (HistoryJournal history = HistoryJournal.open(dir.resolve("history")))
        {
            events = history.query(HistoryQuery.all().forChange(changeId));
        }
        final String dump = events.stream()
            .map(event -> event.kind() + " " + event.device() + " " + event.detail() + " " +
                event.attribute(TransactionLog.SIDE) + " " + event.attribute(TransactionLog.STEP))
            .collect(Collectors.joining("\n"));
        final List<HistoryEvent> afterRestart = events.subList(recoveryStart(events), events.size());
        assertThat(events).as(dump).noneMatch(event -> HistoryEventKind.VERDICT == event.kind());
        assertThat(afterRestart).as(dump)
            .anyMatch(event -> HistoryEventKind.DECISION == event.kind() &&
                "ROLLBACK".equals(event.attribute(TransactionLog.DECISION)))
            .anyMatch(event -> isLiveStep(event, HistoryEventKind.STEP_INTENT, TransactionStep.CANCEL_COMMIT))
            .anyMatch(event -> isLiveStep(event, HistoryEventKind.STEP_DONE, TransactionStep.CANCEL_COMMIT))
            .anyMatch(event -> HistoryEventKind.DEVICE_RESTORED == event.kind() && DEVICE.equals(event.device()) &&
                event.detail().contains("confirmed commit cancelled"));
        assertThat(afterRestart.getLast().kind()).as(dump).isEqualTo(HistoryEventKind.ROLLED_BACK);
        assertThat(afterRestart.getLast().detail()).as(dump).contains("recovered after a restart");
    }

    private static int recoveryStart(final List<HistoryEvent> events)
    {
        for (int i = 0; i < events.size(); i++)
        {
            if (HistoryEventKind.RECOVERY_STARTED == events.get(i).kind())
            {
                return i;
            }
        }
        return fail("no RECOVERY_STARTED in the history");
    }

    private static boolean isLiveStep(final HistoryEvent event, final HistoryEventKind kind, final TransactionStep step)
    {
        return kind == event.kind() && DEVICE.equals(event.device()) &&
            TransactionLog.LIVE.equals(event.attribute(TransactionLog.SIDE)) &&
            step.name().equals(event.attribute(TransactionLog.STEP));
    }

    private static boolean liveStepDone(final ApiClient api, final String changeId, final TransactionStep step)
        throws ApiException, InterruptedException
    {
        return api.history(new HistoryParameters(changeId, DEVICE, null, null, Set.of(HistoryEventKind.STEP_DONE),
            Set.of(), true)).stream().anyMatch(event -> isLiveStep(event, HistoryEventKind.STEP_DONE, step));
    }

    /**
     * Writes what the daemon reads: a profile whose devices are managed at this JVM's agents, the agents' login and
     * host keys, the API token and the configuration.
     */
    private Path writeDaemonFiles() throws IOException
    {
        Files.writeString(dir.resolve("profile.yaml"), profileBehindAgents());
        writePrivate("netconf-password", fleet.endpoint(DEVICE).password() + "\n");
        fleet.writeKnownHosts(dir.resolve("known_hosts"));
        writePrivate("api-token", TOKEN + "\n");
        // The orchestrator commits a live device confirmed for one verdict wait per wave still to come plus the
        // confirm margin. Both are long here, so that neither the first daemon rolls back for want of a verdict (no
        // traffic reaches it, so the forecaster never decides) nor the device reverts by itself before the second
        // daemon recovers: the rollback this test sees is recovery's cancel-commit, never the device's own timer.
        apiPort = freeTcpPort();
        return Files.writeString(dir.resolve("netshadow.yaml"), """
            profile: profile.yaml
            ingest: { bind-address: 127.0.0.1, port: %d }
            dataplane: { ingest-ring-size: 16384, ordered-ring-size: 16384 }
            journal: { directory: journal }
            history: { directory: history }
            jmx: { enabled: false }
            api: { bind-address: 127.0.0.1, port: %d, token-file: api-token }
            netconf:
              username: %s
              password-file: netconf-password
              known-hosts: known_hosts
              timeout: 10s
            changes:
              max-verdict-wait: 10m
              confirm-margin: 10m
            """.formatted(freeUdpPort(), apiPort, fleet.endpoint(DEVICE).username()));
    }

    private String profileBehindAgents()
    {
        final List<String> lines = new ArrayList<>();
        String device = null;
        int rewritten = 0;
        for (final String line : EmbeddedDefaults.text("profile.yaml").split("\n", -1))
        {
            final Matcher name = DEVICE_NAME.matcher(line);
            final Matcher management = MANAGEMENT.matcher(line);
            if (name.matches())
            {
                device = name.group(1);
                lines.add(line);
            }
            else if (management.matches() && null != device)
            {
                final AgentEndpoint agent = fleet.endpoint(device);
                lines.add(management.group(1) + "management: " + agent.host() + ":" + agent.port());
                rewritten++;
            }
            else
            {
                lines.add(line);
            }
        }
        assertThat(rewritten).isEqualTo(fleet.endpoints().size());
        return String.join("\n", lines);
    }

    private Path writeChangeFile() throws IOException
    {
        return Files.writeString(dir.resolve("harmful-policer.yaml"),
            EmbeddedDefaults.text("changes/harmful-policer.yaml"));
    }

    private void writePrivate(final String name, final String text) throws IOException
    {
        final Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Starts {@code netshadow daemon} in a child JVM with the project's JVM options and this test's class path,
     * logging to a file in the test's folder; it is the daemon that the waits expect alive until it is killed.
     */
    private Process startDaemon(final Path config, final String logName) throws IOException
    {
        final String jvmOptions = System.getProperty("netshadow.jvm.options");
        if (null == jvmOptions || jvmOptions.isBlank())
        {
            fail("system property netshadow.jvm.options is not set; run this test through Maven, whose Surefire " +
                "configuration passes the parent pom's netshadow.jvm.options");
        }
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions.strip().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-Dlogback.configurationFile=" + DaemonCommand.class.getResource("/logback.xml"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(List.of("daemon", "--config", config.toString()));
        daemonLog = dir.resolve(logName);
        daemon = new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(daemonLog.toFile())
            .start();
        return daemon;
    }

    /**
     * Waits until the daemon serves its API, which it does once recovery has finished.
     */
    private ApiClient awaitApi() throws Exception
    {
        final ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + apiPort),
            BearerToken.read(dir.resolve("api-token")));
        awaitTrue("the daemon's API answers", () ->
        {
            try
            {
                api.changes();
                return true;
            }
            catch (final ApiException ex)
            {
                if (ApiException.UNREACHABLE != ex.status())
                {
                    throw ex;
                }
                return false;
            }
        });
        return api;
    }

    private void awaitTrue(final String what, final Condition condition) throws Exception
    {
        final long deadlineNs = System.nanoTime() + BOUND.toNanos();
        while (!condition.holds())
        {
            if (null != daemon && !daemon.isAlive())
            {
                fail("the daemon exited with " + daemon.exitValue() + " while waiting until " + what + ":\n" +
                    daemonLog());
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("not within " + BOUND.toSeconds() + " s: " + what + "\n" + daemonLog());
            }
            Thread.sleep(POLL_MS);
        }
    }

    private String daemonLog()
    {
        try
        {
            return Files.readString(daemonLog, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * A condition polled until it holds.
     */
    @FunctionalInterface
    private interface Condition
    {
        boolean holds() throws Exception;
    }
}
