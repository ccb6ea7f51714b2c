package io.netshadow.controlplane.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long command over a file: items (packets by default, or rows), share of the file and rate, written
 * to stderr once a second (rewritten in place on a terminal), then a last line when done.
 */
final class Progress
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final PrintWriter err;
    private final String verb;
    private final String unit;
    private final long sizeBytes;
    private final long startNs = System.nanoTime();
    private final boolean terminal = Terminal.isTerminal();
    private final long intervalNs;
    private long nextReportNs;
    private long packets;
    private boolean reported;

    /**
     * Progress reported once a second.
     *
     * @param sizeBytes the file's size, or -1 when the share of it is unknown.
     */
    Progress(final PrintWriter err, final String verb, final long sizeBytes)
    {
        this(err, verb, sizeBytes, INTERVAL_NS);
    }

    /**
     * Progress reported at a given interval, checked every 1024 packets.
     *
     * @param sizeBytes  the file's size, or -1 when the share of it is unknown.
     * @param intervalNs the least time between reports.
     */
    Progress(final PrintWriter err, final String verb, final long sizeBytes, final long intervalNs)
    {
        this(err, verb, "packets", sizeBytes, intervalNs);
    }

    /**
     * Progress of items other than packets, reported at a given interval, checked every 1024 items.
     *
     * @param unit       the items' name in the plural, e.g. {@code rows}.
     * @param sizeBytes  the file's size, or -1 when the share of it is unknown.
     * @param intervalNs the least time between reports.
     */
    Progress(final PrintWriter err, final String verb, final String unit, final long sizeBytes, final long intervalNs)
    {
        this.err = err;
        this.verb = verb;
        this.unit = unit;
        this.sizeBytes = sizeBytes;
        this.intervalNs = intervalNs;
        this.nextReportNs = startNs + intervalNs;
    }

    /**
     * Counts a packet, reporting when a second has passed.
     *
     * @param positionBytes how far into the file reading has come.
     */
    void onPacket(final long positionBytes)
    {
        packets++;
        if (0 == (packets & 1023))
        {
            final long nowNs = System.nanoTime();
            if (nowNs >= nextReportNs)
            {
                nextReportNs = nowNs + intervalNs;
                report(nowNs, positionBytes);
            }
        }
    }

    long packets()
    {
        return packets;
    }

    double elapsedSeconds()
    {
        return (System.nanoTime() - startNs) / 1e9;
    }

    void finish()
    {
        if (reported && terminal)
        {
            err.println();
        }
        err.flush();
    }

    private void report(final long nowNs, final long positionBytes)
    {
        reported = true;
        final double seconds = (nowNs - startNs) / 1e9;
        final String share = sizeBytes > 0 ? String.format(Locale.ROOT, " (%.1f%% of the file)", 100.0 * positionBytes / sizeBytes) : "";
        final String line = String.format(Locale.ROOT, "%s: %,d %s%s, %,.0f %s/s", verb, packets, unit, share,
            packets / seconds, unit);
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
