package io.netshadow.controlplane.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PcapInspectCommandTest
{
    private static final Pattern TUPLE = Pattern.compile(
        "IP (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.(\\d+))? > (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.(\\d+))?: (TCP|UDP|ICMP|proto (\\d+))");

    @TempDir
    Path directory;

    @Test
    void innerFiveTuplesAgreeWithTsharkOnEveryPacketOfPcapAndPcapng() throws Exception
    {
        Tshark.require();
        final Path pcapng = directory.resolve("mixed.pcapng");
        final Path pcap = directory.resolve("mixed.pcap");
        TestCaptures.writePcapng(pcapng);
        TestCaptures.writePcap(pcap);

        for (final Path file : List.of(pcapng, pcap))
        {
            final List<String> ours = inspect(file).lines().map(PcapInspectCommandTest::ourTuple).toList();
            final List<String> theirs = Tshark.fields(file, "ip.src", "ip.dst", "ip.proto", "tcp.srcport",
                "tcp.dstport", "udp.srcport", "udp.dstport").stream().map(PcapInspectCommandTest::tsharkTuple).toList();

            assertThat(ours).as(file.toString()).hasSize(TestCaptures.PACKET_COUNT).containsExactlyElementsOf(theirs);
        }
    }

    @Test
    void linesShowEncapsulationsWithOuterEndpointsVlanTagsAndMalformedReasons()
    {
        final Path file = directory.resolve("mixed.pcapng");
        TestCaptures.writePcapng(file);

        final List<String> lines = inspect(file).lines().toList();

        assertThat(lines.get(0)).startsWith("2023-11-14 22:13:20.000000000 IP 10.0.0.1.40000 > 10.0.1.2.80: TCP len 60 flow ");
        assertThat(lines.get(2)).contains(" vxlan 192.168.9.1.49152 > 192.168.9.2.4789 vni 100 | IP 10.0.0.3.40001 > 10.0.1.4.443: TCP");
        assertThat(lines.get(4)).contains(" vlan 42 IP 10.0.0.5.40002 > 10.0.1.6.22: TCP");
        assertThat(lines.get(5)).endsWith(" malformed bad_ipv4_version");
        assertThat(lines.get(6)).endsWith(" non-IP frame");
        assertThat(lines.get(7)).contains("IP 10.0.0.8 > 10.0.1.9: ICMP len 40");
        assertThat(lines.get(8)).contains(" geneve 192.168.9.3.49153 > 192.168.9.4.6081 vni 100 | IP 10.0.0.9.5002 > 10.0.1.10.123: UDP");
    }

    @Test
    void truncatedCaptureIsInspectedToItsLastWholePacketWithAWarning() throws Exception
    {
        final Path file = directory.resolve("cut.pcapng");
        TestCaptures.writePcapng(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(channel.size() - 10);
        }
        final StringWriter err = new StringWriter();

        final String out = run(err, "pcap", "inspect", file.toString());

        assertThat(out.lines()).hasSize(TestCaptures.PACKET_COUNT - 1);
        assertThat(err.toString()).contains("warning: " + file, "byte offset");
    }

    @Test
    void aFileThatIsNotACaptureExitsWithOneLineAndCodeTwo() throws Exception
    {
        final Path file = java.nio.file.Files.writeString(directory.resolve("notes.txt"), "these are notes, not a capture file of any kind");
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = commandLine(err, new StringWriter());

        final int exitCode = commandLine.execute("pcap", "inspect", file.toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().trim()).startsWith("netshadow: " + file).contains("neither pcap nor pcapng")
            .doesNotContain("\n");
    }

    private String inspect(final Path file)
    {
        return run(new StringWriter(), "pcap", "inspect", file.toString());
    }

    private static String run(final StringWriter err, final String... args)
    {
        final StringWriter out = new StringWriter();
        final int exitCode = commandLine(err, out).execute(args);
        assertThat(exitCode).as(err.toString()).isZero();
        return out.toString();
    }

    static CommandLine commandLine(final StringWriter err, final StringWriter out)
    {
        final CommandLine commandLine = new CommandLine(new NetshadowCommand());
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine;
    }

    private static String ourTuple(final String line)
    {
        final Matcher matcher = TUPLE.matcher(line);
        String tuple = "none";
        while (matcher.find())
        {
            final String protocol = switch (matcher.group(5))
            {
                case "TCP" -> "6";
                case "UDP" -> "17";
                case "ICMP" -> "1";
                default -> matcher.group(6);
            };
            tuple = String.join(" ", matcher.group(1), matcher.group(3), protocol,
                orEmpty(matcher.group(2)), orEmpty(matcher.group(4)));
        }
        return tuple;
    }

    private static String tsharkTuple(final String[] fields)
    {
        final String source = last(fields[0]);
        if (source.isEmpty())
        {
            return "none";
        }
        final String protocol = last(fields[2]);
        final List<String> tuple = new ArrayList<>(List.of(source, last(fields[1]), protocol));
        switch (protocol)
        {
            case "6" -> tuple.addAll(List.of(last(fields[3]), last(fields[4])));
            case "17" -> tuple.addAll(List.of(last(fields[5]), last(fields[6])));
            default -> tuple.addAll(List.of("", ""));
        }
        return String.join(" ", tuple);
    }

    private static String last(final String field)
    {
        return field.substring(field.lastIndexOf(',') + 1);
    }

    private static String orEmpty(final String value)
    {
        return null == value ? "" : value;
    }
}
