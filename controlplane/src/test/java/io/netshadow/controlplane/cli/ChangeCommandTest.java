package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.TestDaemon;
import io.netshadow.controlplane.orchestrator.ScriptedJudge;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.forecaster.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netshadow change plan|apply|status|abort|history} against the daemon's API, with exit codes that say how
 * a change ended and one-line reasons when it cannot be asked.
 */
class ChangeCommandTest
{
    private static final String CHANGE = """
        id: shut-eth1
        description: shut eth1 on both cores
        waves:
          - { name: canary, devices: [core2] }
          - { name: rest, share: 100% }
        edits:
          - device: core1
            file: shut-eth1.xml
          - device: core2
            file: shut-eth1.xml
        """;
    private static final String XML = """
        <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
          <interface><name>eth1</name><enabled>false</enabled></interface>
        </interfaces>
        """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private TestDaemon daemon;
    private Path changeFile;

    @BeforeEach
    void captureOutputAndWriteTheChange() throws IOException
    {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        changeFile = Files.writeString(dir.resolve("shut-eth1.yaml"), CHANGE);
        Files.writeString(dir.resolve("shut-eth1.xml"), XML);
    }

    @AfterEach
    void restoreOutputAndStop()
    {
        System.setOut(originalOut);
        if (null != daemon)
        {
            daemon.close();
        }
    }

    @Test
    void applyFollowsTheChangeWaveByWaveAndExitsZeroWhenCommitted() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.POSITIVE));

        final Result result = withDaemon("change", "apply", changeFile.toString(), "--poll-interval", "10ms");

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(out()).contains("change shut-eth1 started")
            .contains("wave 1/2 canary: core2")
            .contains("gate canary: POSITIVE")
            .contains("wave 2/2 rest: core1")
            .contains("change shut-eth1: committed: scripted POSITIVE");
        assertThat(daemon.live().running().values()).doesNotContain(DeviceConfig.empty());
    }

    @Test
    void applyExitsThreeWhenAGateRollsTheChangeBack() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.NEGATIVE));

        final Result result = withDaemon("change", "apply", changeFile.toString(), "--poll-interval", "10ms");

        assertThat(result.exitCode).isEqualTo(ChangeCommand.EXIT_ROLLED_BACK);
        assertThat(out()).contains("change shut-eth1: rolled back at wave 2/2 rest");
        assertThat(daemon.live().running().values()).containsOnly(DeviceConfig.empty());
    }

    @Test
    void statusShowsARunningChangeAndAbortRollsItBack() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding());

        final Result applied = withDaemon("change", "apply", changeFile.toString(), "--detach");
        awaitWaiting();
        final Result status = withDaemon("change", "status", "shut-eth1");
        final Result aborted = withDaemon("change", "abort", "shut-eth1", "--reason", "not today",
            "--poll-interval", "10ms");
        final Result listed = withDaemon("change", "status");

        assertThat(applied.exitCode).isZero();
        assertThat(status.exitCode).isZero();
        assertThat(aborted.exitCode).as(aborted.err).isZero();
        assertThat(listed.exitCode).isZero();
        assertThat(out()).contains("change shut-eth1: running (wave 1/2 canary)")
            .contains("change shut-eth1: abort asked for")
            .contains("change shut-eth1: aborted: not today");
        assertThat(daemon.live().running().values()).containsOnly(DeviceConfig.empty());
    }

    @Test
    void planThroughTheDaemonAsksTheDevicesAndOfflineAssumes() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding());

        final Result offline = run("change", "plan", changeFile.toString());
        final String offlineOutput = out();
        final Result throughDaemon = withDaemon("change", "plan", changeFile.toString());

        assertThat(offline.exitCode).isZero();
        assertThat(offlineOutput).contains("not asked (offline plan)").contains("wave 1/2 canary: core2");
        assertThat(throughDaemon.exitCode).as(throughDaemon.err).isZero();
        assertThat(out().substring(offlineOutput.length()))
            .contains("capabilities: as each live device announced them")
            .contains("commit confirmed, timeout 150 s, persist-id netshadow-shut-eth1")
            .contains("(dry run: nothing was sent)");
    }

    @Test
    void historyReadsTheSameThroughTheDaemonAndOffline() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.NEGATIVE));
        withDaemon("change", "apply", changeFile.toString(), "--poll-interval", "10ms");

        final Result throughDaemon = withDaemon("change", "history", "--outcome", "rolled_back", "--kind", "verdict");
        final String daemonOutput = out();
        daemon.close();
        daemon = null;
        final Result offline = run("change", "history", "--history", dir.resolve("history").toString(),
            "--device", "core1", "--steps");

        assertThat(throughDaemon.exitCode).as(throughDaemon.err).isZero();
        assertThat(daemonOutput).contains("VERDICT").contains("wave 1/2 canary: POSITIVE")
            .contains("wave 2/2 rest: NEGATIVE").doesNotContain("STEP_INTENT");
        assertThat(offline.exitCode).isZero();
        assertThat(out().substring(daemonOutput.length()))
            .contains("STEP_INTENT").contains("persistId=netshadow-shut-eth1").contains("DEVICE_RESTORED")
            .doesNotContain("savedRunning");
    }

    @Test
    void aWrongTokenOrAnUnreachableDaemonEndsWithOneLineAndExitTwo() throws Exception
    {
        daemon = new TestDaemon(dir, ScriptedJudge.deciding());
        final Path wrongToken = Files.writeString(dir.resolve("wrong-token"), "ffffffffffffffffffffffffffffffff");
        Files.setPosixFilePermissions(wrongToken, PosixFilePermissions.fromString("rw-------"));

        final Result wrong = run("change", "status", "--api", daemon.uri().toString(), "--token-file",
            wrongToken.toString());
        final String unusedPort = "http://127.0.0.1:" + daemon.uri().getPort();
        daemon.close();
        daemon = null;
        final Result unreachable = run("change", "status", "--api", unusedPort, "--token-file",
            wrongToken.toString());

        assertThat(wrong.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(wrong.err).contains("missing or wrong bearer token").doesNotContain("\tat ");
        assertThat(unreachable.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(unreachable.err).contains("cannot reach the daemon's API").doesNotContain("\tat ");
    }

    private void awaitWaiting() throws Exception
    {
        for (int attempt = 0; attempt < 3_000; attempt++)
        {
            if (daemon.client().status("shut-eth1").gateWaitMs() >= 0)
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the change never waited for its first verdict");
    }

    private Result withDaemon(final String... args)
    {
        return run(append(args, "--api", daemon.uri().toString(), "--token-file", daemon.tokenFile().toString()));
    }

    private static Result run(final String... args)
    {
        final StringWriter err = new StringWriter();
        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true), args);
        return new Result(exitCode, err.toString());
    }

    private static String[] append(final String[] args, final String... more)
    {
        final String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, String err)
    {
    }
}
