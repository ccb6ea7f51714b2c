package io.netshadow.controlplane.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the demo's progress: a line rewritten in place on a terminal, a line every few seconds otherwise (logs,
 * CI), each stamped with the seconds since the demo started.
 */
final class Progress
{
    private static final long PLAIN_LINE_INTERVAL_NS = 3_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNs = System.nanoTime();
    private long lastPlainLineNs;
    private boolean transientShown;

    Progress(final PrintStream out, final boolean terminal)
    {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * A lasting line: an event.
     */
    void event(final String text)
    {
        clearTransient();
        out.println(stamp() + text);
        out.flush();
    }

    /**
     * A passing line: how far a wait has come.
     */
    void status(final String text)
    {
        if (terminal)
        {
            out.print("\r" + stamp() + text + "\u001b[K");
            transientShown = true;
            out.flush();
            return;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastPlainLineNs >= PLAIN_LINE_INTERVAL_NS)
        {
            lastPlainLineNs = nowNs;
            out.println(stamp() + text);
            out.flush();
        }
    }

    /**
     * A bar of the given width for a fraction done.
     */
    static String bar(final double fraction, final int width)
    {
        final int filled = (int)Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    double elapsedS()
    {
        return (System.nanoTime() - startNs) / 1e9;
    }

    private String stamp()
    {
        return String.format(Locale.ROOT, "[%6.1fs] ", elapsedS());
    }

    private void clearTransient()
    {
        if (transientShown)
        {
            out.print("\r\u001b[K");
            transientShown = false;
        }
    }
}
