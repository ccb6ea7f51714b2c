package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CREDENTIALS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.EDGE;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.EDGE_INDEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real NETCONF client, Debian's python3-ncclient, against an agent of the fleet: hello, a refused edit, an
 * edit of the candidate, confirmed commits with their automatic rollback and with cancel-commit. Skipped where
 * ncclient is not installed, except in CI (env CI=true), where its absence fails the test.
 */
class NcclientInteropTest
{
    private static final String PYTHON = "/usr/bin/python3";
    private static final long SCRIPT_BOUND_SECONDS = 180;

    @TempDir
    Path folder;

    private final List<RunningChange> edgeChanges = new CopyOnWriteArrayList<>();
    private EmulatedFabric fabric;
    private AgentFleet fleet;

    @BeforeAll
    static void requireNcclient() throws IOException, InterruptedException
    {
        final boolean installed = Files.isExecutable(Path.of(PYTHON)) && canImportNcclient();
        if (!installed)
        {
            final String reason = PYTHON + " cannot import ncclient (apt-get install python3-ncclient)";
            if ("true".equals(System.getenv("CI")))
            {
                fail(reason + "; CI must run the ncclient test");
            }
            Assumptions.abort(reason);
        }
    }

    @BeforeEach
    void startFleet() throws IOException
    {
        fabric = new EmulatedFabric(AgentFixtures.pair(), 1.0, new AgentFixtures.FateCounter(), null);
        fleet = AgentFleet.start(fabric, List.of(EDGE), folder.resolve("keys"), CREDENTIALS,
            (deviceName, running, change) -> edgeChanges.add(change));
    }

    @AfterEach
    void stopFleet()
    {
        fleet.close();
        fabric.close();
    }

    @Test
    void ncclientSeesTheAutomaticRollbackOfAConfirmedCommit() throws Exception
    {
        final ScriptRun run = runCheck("rollback");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(
            "HELLO session-id=1 capabilities ok",
            "RUNNING mtu=none",
            "REFUSED tag=invalid-value path=/if:interfaces/if:interface[if:name='eth1']/ip:ipv4/ip:mtu",
            "EDIT candidate ok",
            "COMMIT confirmed timeout=2",
            "RUNNING mtu=1400",
            "ROLLBACK running mtu=none",
            "DONE");
        assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
        assertThat(edgeChanges).containsExactly(RunningChange.CONFIRMED_COMMIT, RunningChange.TIMEOUT);
    }

    @Test
    void ncclientCancelsConfirmedCommitsFromItsOwnAndFromAnotherSession() throws Exception
    {
        final ScriptRun run = runCheck("cancel");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(
            "COMMIT confirmed timeout=600",
            "CANCEL own session ok",
            "COMMIT confirmed persist",
            "CANCEL persist-id from session 2 ok",
            "DONE");
        assertThat(fabric.config(EDGE_INDEX)).isEqualTo(DeviceConfig.empty());
        assertThat(edgeChanges).containsExactly(
            RunningChange.CONFIRMED_COMMIT, RunningChange.CANCEL, RunningChange.CONFIRMED_COMMIT, RunningChange.CANCEL);
    }

    private static boolean canImportNcclient() throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(PYTHON, "-c", "import ncclient")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(SCRIPT_BOUND_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return false;
        }
        return 0 == process.exitValue();
    }

    private ScriptRun runCheck(final String mode) throws IOException, InterruptedException, URISyntaxException
    {
        final Path script = Path.of(NcclientInteropTest.class.getResource("ncclient_agent_check.py").toURI());
        final AgentEndpoint endpoint = fleet.endpoint(EDGE);
        return run(List.of(PYTHON, script.toString(), endpoint.host(), Integer.toString(endpoint.port()),
            endpoint.username(), endpoint.password(), mode), folder.resolve(mode + ".out"));
    }

    private static ScriptRun run(final List<String> command, final Path output)
        throws IOException, InterruptedException
    {
        final ProcessBuilder builder =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        final Process process = builder.start();
        if (!process.waitFor(SCRIPT_BOUND_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return new ScriptRun(-1, "no exit within " + SCRIPT_BOUND_SECONDS + " s:\n" + read(output));
        }
        return new ScriptRun(process.exitValue(), read(output));
    }

    private static String read(final Path output) throws IOException
    {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private record ScriptRun(int exitCode, String output)
    {
    }
}
