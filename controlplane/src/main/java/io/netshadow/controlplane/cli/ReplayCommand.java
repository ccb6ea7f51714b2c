package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.pipeline.JournalRecord;
import io.netshadow.dataplane.pipeline.PacketJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netshadow replay FILE}: replays a pcap, pcapng or journal directory into the emulated fabric of a profile
 * at the original timing times a speed factor, with progress, then summarises what became of the packets.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a pcap, pcapng file or packet journal directory into the emulated shadow of a profile.")
final class ReplayCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file, or a packet journal directory.")
    Path file;

    @Option(names = "--profile", description = "Network profile (default: the embedded example).")
    Path profile;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "FACTOR",
        description = "Times the original speed: 1 is the original timing, 2 twice as fast, 0 or 'top' as fast as " +
            "possible. Default: ${DEFAULT-VALUE}.")
    String speed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final double speedFactor = parseSpeed(speed);
        final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final boolean journal = Files.isDirectory(file);
        final Progress progress;
        String warning = null;
        try (FabricReplayer replayer = new FabricReplayer(
            networkProfile.topology(), networkProfile.mirrorSessions(), speedFactor))
        {
            if (journal)
            {
                progress = new Progress(err, "replay", -1);
                final JournalRecord record = new JournalRecord();
                try (PacketJournal packetJournal = JournalFiles.openExisting(file);
                    PacketJournal.Reader reader = packetJournal.newReader())
                {
                    while (reader.next(record))
                    {
                        replayer.replay(record.timestampNs, record.vni, true, record.frame, 0, record.frameLength);
                        progress.onPacket(0);
                    }
                }
            }
            else
            {
                final CaptureRecord record = new CaptureRecord();
                try (CaptureReader reader = CaptureReader.open(file))
                {
                    progress = new Progress(err, "replay", reader.sizeBytes());
                    while (reader.next(record))
                    {
                        replayer.replay(record.timestampNs, FabricReplayer.NO_VNI,
                            CaptureRecord.LINK_TYPE_ETHERNET == record.linkType, record.frame, 0, record.capturedLength);
                        progress.onPacket(reader.positionBytes());
                    }
                    warning = reader.warning();
                }
            }
            replayer.drain();
            progress.finish();
            summarise(out, replayer, progress, speedFactor);
        }
        if (null != warning)
        {
            err.println("netshadow: warning: " + warning);
            err.flush();
        }
        return 0;
    }

    private void summarise(
        final PrintWriter out, final FabricReplayer replayer, final Progress progress, final double speedFactor)
    {
        final double seconds = progress.elapsedSeconds();
        out.printf(Locale.ROOT, "replayed %s: %d packets in %.3f s (%.0f packets/s) at %s%n", file,
            progress.packets(), seconds, progress.packets() / Math.max(seconds, 1e-9),
            0 == speedFactor ? "top speed" : "speed " + speedFactor);
        out.printf(Locale.ROOT, "  %-48s %d%n", "injected", replayer.injected());
        out.printf(Locale.ROOT, "  %-48s %d%n", "delivered", replayer.delivered());
        for (final DropReason reason : DropReason.values())
        {
            out.printf(Locale.ROOT, "  %-48s %d%n", "dropped: " + reason.name().toLowerCase(Locale.ROOT),
                replayer.dropped(reason));
        }
        out.printf(Locale.ROOT, "  %-48s %d%n", "in flight at the end", replayer.inFlight());
        for (final FabricReplayer.Skip skip : FabricReplayer.Skip.values())
        {
            out.printf(Locale.ROOT, "  %-48s %d%n", "not injected: " + skip.description, replayer.skipped(skip));
        }
        out.printf(Locale.ROOT, "  %-48s %d%n", "earlier than the packet before", replayer.outOfOrder());
        out.flush();
    }

    static double parseSpeed(final String text)
    {
        if ("top".equalsIgnoreCase(text))
        {
            return 0;
        }
        try
        {
            final double value = Double.parseDouble(text);
            if (value >= 0 && Double.isFinite(value))
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("--speed must be a factor of 0 or more, or 'top'; got '" + text + "'");
    }
}
