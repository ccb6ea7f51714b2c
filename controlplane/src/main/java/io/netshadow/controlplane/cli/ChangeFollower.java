package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.api.ApiException;
import io.netshadow.controlplane.orchestrator.ChangeState;
import io.netshadow.controlplane.orchestrator.ChangeStatus;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Follows a change on the daemon until it ends: prints each new progress line, and while a wave's verdict is
 * awaited, how long it has been (rewritten in place on a terminal, every ten seconds otherwise).
 */
final class ChangeFollower
{
    private static final long PLAIN_WAIT_LINE_MS = 10_000;

    private final ApiClient client;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration pollInterval;

    ChangeFollower(final ApiClient client, final PrintStream out, final boolean terminal, final Duration pollInterval)
    {
        this.client = client;
        this.out = out;
        this.terminal = terminal;
        this.pollInterval = pollInterval;
    }

    /**
     * The last line for a change that ended: its message, which begins with how it ended.
     */
    static String outcomeLine(final ChangeStatus status)
    {
        return "change " + status.id() + (ChangeState.UNFINISHED == status.state() ? " is unfinished: " : ": ") +
            status.message();
    }

    /**
     * Polls the change until it is no longer running.
     *
     * @return its last status.
     */
    ChangeStatus follow(final String id) throws ApiException, InterruptedException
    {
        int printed = 0;
        long lastWaitLineMs = -PLAIN_WAIT_LINE_MS;
        boolean waitShown = false;
        while (true)
        {
            final ChangeStatus status = client.status(id);
            for (; printed < status.progress().size(); printed++)
            {
                if (waitShown)
                {
                    out.print("\r\033[K");
                    waitShown = false;
                }
                out.println("  " + status.progress().get(printed));
            }
            if (ChangeState.RUNNING != status.state())
            {
                if (waitShown)
                {
                    out.println();
                }
                return status;
            }
            if (status.gateWaitMs() >= 0)
            {
                lastWaitLineMs = status.gateWaitMs() < lastWaitLineMs ? -PLAIN_WAIT_LINE_MS : lastWaitLineMs;
                final String line = String.format(Locale.ROOT, "  waiting for the verdict on wave %d/%d %s: %.1f s",
                    status.waveIndex(), status.waveCount(), status.wave(), status.gateWaitMs() / 1e3);
                if (terminal)
                {
                    out.print("\r\033[K" + line);
                    waitShown = true;
                }
                else if (status.gateWaitMs() - lastWaitLineMs >= PLAIN_WAIT_LINE_MS)
                {
                    out.println(line);
                    lastWaitLineMs = status.gateWaitMs();
                }
            }
            out.flush();
            Thread.sleep(pollInterval);
        }
    }
}
