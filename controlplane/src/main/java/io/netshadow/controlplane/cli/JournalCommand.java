package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.config.JournalConfig;
import io.netshadow.dataplane.capture.PcapngWriter;
import io.netshadow.dataplane.pipeline.JournalRecord;
import io.netshadow.dataplane.pipeline.PacketJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netshadow journal}: the packet journal.
 */
@Command(name = "journal", description = "Work with the packet journal.", mixinStandardHelpOptions = true,
    subcommands = JournalCommand.Export.class)
final class JournalCommand
{
    /**
     * {@code netshadow journal export --pcapng FILE}: the journal as a pcapng file for Wireshark.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the packet journal as a pcapng file that Wireshark and tshark open.")
    static final class Export implements Callable<Integer>
    {
        @Option(names = "--pcapng", required = true, paramLabel = "FILE", description = "The pcapng file to write.")
        Path pcapng;

        @Option(names = "--journal", paramLabel = "DIR",
            description = "The journal's directory (default: /var/lib/netshadow/journal).")
        Path journal;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            final Path directory = null == journal ? JournalConfig.DEFAULT.directory() : journal;
            final PrintWriter err = spec.commandLine().getErr();
            final JournalRecord record = new JournalRecord();
            final Progress progress = new Progress(err, "export", -1);
            try (PacketJournal packetJournal = JournalFiles.openExisting(directory);
                PacketJournal.Reader reader = packetJournal.newReader();
                PcapngWriter writer = PcapngWriter.create(pcapng, ByteOrder.nativeOrder()))
            {
                while (reader.next(record))
                {
                    writer.append(record.timestampNs, record.frame, 0, record.frameLength);
                    progress.onPacket(0);
                }
            }
            progress.finish();
            err.println("exported " + progress.packets() + " packets from " + directory + " to " + pcapng);
            err.flush();
            return 0;
        }
    }
}
