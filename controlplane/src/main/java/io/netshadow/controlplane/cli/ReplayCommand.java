package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.yaml.HostPort;
import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.egress.ReplayPacer;
import io.netshadow.dataplane.egress.SendErrorKind;
import io.netshadow.dataplane.egress.VxlanEgress;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.JournalRecord;
import io.netshadow.dataplane.pipeline.PacketJournal;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netshadow replay FILE}: replays a pcap, pcapng or journal directory into the emulated fabric of a profile,
 * or with {@code --vxlan-to} as VXLAN datagrams to an external fabric, at the original timing times a speed factor,
 * with progress, then summarises what became of the packets.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a pcap, pcapng file or packet journal directory into the emulated shadow of a profile, " +
        "or as VXLAN to an external fabric.")
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

    @Option(names = "--topspeed", description = "As fast as batched sends allow: the same as --speed 0.")
    boolean topSpeed;

    @Option(names = "--vxlan-to", paramLabel = "HOST:PORT",
        description = "Send the frames as VXLAN datagrams to this UDP endpoint instead of the emulated fabric " +
            "(an IPv6 address in brackets: [::1]:4789).")
    String vxlanTo;

    @Option(names = "--vni", paramLabel = "N",
        description = "With --vxlan-to, the VNI of every datagram (default: each journal record's VNI; 0 for " +
            "capture files).")
    Integer vni;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        if (topSpeed && spec.commandLine().getParseResult().hasMatchedOption("--speed"))
        {
            throw new IllegalArgumentException("--topspeed and --speed exclude each other");
        }
        final double speedFactor = topSpeed ? 0 : parseSpeed(speed);
        if (null == vxlanTo && null != vni)
        {
            throw new IllegalArgumentException("--vni needs --vxlan-to");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null != vxlanTo)
        {
            final InetSocketAddress endpoint = parseEndpoint(vxlanTo);
            final int vniOverride = null == vni ? FrameReplayer.NO_VNI : checkVni(vni);
            try (VxlanReplayer replayer = new VxlanReplayer(endpoint, vniOverride, speedFactor))
            {
                final Progress progress = replayFile(replayer, err);
                summariseVxlan(out, replayer, progress, speedFactor);
            }
        }
        else
        {
            final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
            try (FabricReplayer replayer = new FabricReplayer(
                networkProfile.topology(), networkProfile.mirrorSessions(), speedFactor))
            {
                final Progress progress = replayFile(replayer, err);
                summarise(out, replayer, progress, speedFactor);
            }
        }
        return 0;
    }

    private Progress replayFile(final FrameReplayer replayer, final PrintWriter err) throws Exception
    {
        final Progress progress;
        String warning = null;
        if (Files.isDirectory(file))
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
                    replayer.replay(record.timestampNs, FrameReplayer.NO_VNI,
                        CaptureRecord.LINK_TYPE_ETHERNET == record.linkType, record.frame, 0, record.capturedLength);
                    progress.onPacket(reader.positionBytes());
                }
                warning = reader.warning();
            }
        }
        replayer.drain();
        progress.finish();
        if (null != warning)
        {
            err.println("netshadow: warning: " + warning);
            err.flush();
        }
        return progress;
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

    private void summariseVxlan(
        final PrintWriter out, final VxlanReplayer replayer, final Progress progress, final double speedFactor)
    {
        final double seconds = progress.elapsedSeconds();
        final VxlanEgress egress = replayer.egress();
        final ReplayPacer pacer = replayer.pacer();
        out.printf(Locale.ROOT, "replayed %s: %d packets in %.3f s (%.0f packets/s) at %s as VXLAN to %s%n", file,
            progress.packets(), seconds, progress.packets() / Math.max(seconds, 1e-9),
            0 == speedFactor ? "top speed" : "speed " + speedFactor, vxlanTo);
        out.printf(Locale.ROOT, "  %-48s %d%n", "sent", egress.sentDatagrams());
        for (final SendErrorKind kind : SendErrorKind.values())
        {
            out.printf(Locale.ROOT, "  %-48s %d%n", "send failed: " + kind.description(), egress.failedDatagrams(kind));
        }
        out.printf(Locale.ROOT, "  %-48s %d%n", "not sent: not Ethernet", replayer.notEthernet());
        out.printf(Locale.ROOT, "  %-48s %d%n", "not sent: larger than a datagram", egress.oversizeFrames());
        out.printf(Locale.ROOT, "  %-48s %d%n", "batches", pacer.flushes());
        out.printf(Locale.ROOT, "  %-48s %d%n", "sendmmsg calls", egress.sendCalls());
        out.printf(Locale.ROOT, "  %-48s %d%n", "GSO messages", egress.gsoMessages());
        out.printf(Locale.ROOT, "  %-48s %d%n", "earlier than the packet before", pacer.outOfOrder());
        if (0 != speedFactor)
        {
            final Histogram lateness = pacer.latenessNs();
            out.printf(Locale.ROOT, "  %-48s %d%n", "late by more than " + ReplayPacer.LATE_THRESHOLD_NS + " ns",
                pacer.lateFrames());
            out.printf(Locale.ROOT, "  %-48s %d / %d / %d / %d%n", "lateness ns p50 / p99 / p99.9 / max",
                lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(99),
                lateness.getValueAtPercentile(99.9), lateness.getMaxValue());
        }
        out.flush();
    }

    static InetSocketAddress parseEndpoint(final String text)
    {
        final HostPort address = HostPort.parse(text, HostPort.PORT_REQUIRED, "--vxlan-to");
        final String host = address.host();
        final int port = address.port();
        final InetSocketAddress endpoint;
        try
        {
            endpoint = new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("--vxlan-to: cannot resolve host '" + host + "'", ex);
        }
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.connect(endpoint);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--vxlan-to " + text + ": no route to the endpoint (" +
                ex.getMessage() + ")", ex);
        }
        return endpoint;
    }

    private static int checkVni(final int value)
    {
        if (value < 0 || value > VxlanHeader.MAX_VNI)
        {
            throw new IllegalArgumentException("--vni must be 0.." + VxlanHeader.MAX_VNI + "; got " + value);
        }
        return value;
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
