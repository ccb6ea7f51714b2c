package io.netshadow.controlplane.cli;

import io.netshadow.forecaster.evaluation.SuiteEvaluation;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one method over the scenario suite, written to stderr at most once a second (rewritten in place on a
 * terminal), then a last line when the method is done.
 */
final class ScenarioProgress implements SuiteEvaluation.Listener
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final PrintWriter err;
    private final String method;
    private final long startNs = System.nanoTime();
    private final boolean terminal = Terminal.isTerminal();
    private long nextReportNs = startNs + INTERVAL_NS;

    ScenarioProgress(final PrintWriter err, final String method)
    {
        this.err = err;
        this.method = method;
    }

    @Override
    public void onScenario(final int judged, final int total)
    {
        final long nowNs = System.nanoTime();
        if (nowNs >= nextReportNs)
        {
            nextReportNs = nowNs + INTERVAL_NS;
            final String line = String.format(Locale.ROOT, "%s: %d/%d scenarios", method, judged, total);
            if (terminal)
            {
                err.print("\r" + line);
            }
            else
            {
                err.println(line);
            }
            err.flush();
        }
    }

    void finish(final int total)
    {
        final String line = String.format(Locale.ROOT, "%s: %d scenarios judged in %.1f s", method, total,
            (System.nanoTime() - startNs) / 1e9);
        err.println(terminal ? "\r" + line : line);
        err.flush();
    }
}
