package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netshadow pcap}: what netshadow makes of capture files.
 */
@Command(name = "pcap", description = "Look at capture files the way netshadow decodes them.",
    mixinStandardHelpOptions = true, subcommands = PcapCommand.Inspect.class)
final class PcapCommand
{
    /**
     * {@code netshadow pcap inspect FILE}: a line per packet, in the manner of {@code tcpdump -r}.
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print what netshadow decodes in a pcap or pcapng file, a packet a line: time, " +
            "encapsulation and outer endpoints, inner 5-tuple, flow hash, or why the packet is malformed.")
    static final class Inspect implements Callable<Integer>
    {
        @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file.")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final PacketLine packetLine = new PacketLine();
            final CaptureRecord record = new CaptureRecord();
            long malformed = 0;
            try (CaptureReader reader = CaptureReader.open(file))
            {
                while (reader.next(record))
                {
                    out.append(packetLine.format(record)).append('\n');
                    if (CaptureRecord.LINK_TYPE_ETHERNET == record.linkType &&
                        packetLine.dissector().isMalformed())
                    {
                        malformed++;
                    }
                }
                out.flush();
                if (null != reader.warning())
                {
                    err.println("netshadow: warning: " + reader.warning());
                }
                err.println(reader.packetCount() + " packets, " + malformed + " malformed, " +
                    reader.malformedCount() + " bad records in the file");
                err.flush();
            }
            return 0;
        }
    }
}
