package io.netshadow.controlplane.api;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.orchestrator.ChangeJudge;
import io.netshadow.controlplane.orchestrator.ChangeOrchestrator;
import io.netshadow.controlplane.orchestrator.ChangeService;
import io.netshadow.controlplane.orchestrator.ManualClock;
import io.netshadow.controlplane.orchestrator.ScriptedNetwork;
import io.netshadow.forecaster.AlertMonitor;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * What the daemon serves, for tests: the API on a free loopback port, a change service and an orchestrator over
 * scripted live devices core1 and core2, a history and a token file in a folder.
 */
public final class TestDaemon implements AutoCloseable
{
    /** The token in the token file. */
    public static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core1", "core2");
    private final Path tokenFile;
    private final HistoryJournal history;
    private final ChangeService changes;
    private final ApiServer server;
    private final AlertMonitor alerts = new AlertMonitor(alert ->
    {
    });

    /**
     * Starts the API.
     *
     * @param dir   where the history and the token file go.
     * @param judge the verdicts.
     * @throws Exception when it cannot start.
     */
    public TestDaemon(final Path dir, final ChangeJudge judge) throws Exception
    {
        tokenFile = dir.resolve("api-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        history = HistoryJournal.open(dir.resolve("history"));
        final ChangeOrchestrator orchestrator = new ChangeOrchestrator(live, Map.of(), judge, history, clock,
            Duration.ofSeconds(60).toNanos(), Duration.ofSeconds(30).toNanos());
        changes = new ChangeService(orchestrator, history, clock);
        server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), BearerToken.read(tokenFile), changes,
            history, EmbeddedDefaults.profile(null), alerts);
    }

    /**
     * The API's address.
     *
     * @return {@code http://127.0.0.1:port}.
     */
    public URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    /**
     * The token file.
     *
     * @return its path.
     */
    public Path tokenFile()
    {
        return tokenFile;
    }

    /**
     * A client with the right token.
     *
     * @return the client.
     * @throws TokenFileException never, the file is right.
     */
    public ApiClient client() throws TokenFileException
    {
        return new ApiClient(uri(), BearerToken.read(tokenFile));
    }

    /**
     * The live devices.
     *
     * @return the scripted network.
     */
    public ScriptedNetwork live()
    {
        return live;
    }

    /**
     * The alert monitor the API reports.
     *
     * @return the monitor, fed by the test.
     */
    public AlertMonitor alerts()
    {
        return alerts;
    }

    /**
     * The clock the history is written with.
     *
     * @return the clock.
     */
    public ManualClock clock()
    {
        return clock;
    }

    @Override
    public void close()
    {
        server.close();
        changes.close();
        history.close();
    }
}
