package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.capture.PcapngWriter;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.packet.EthernetFlyweight;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.PacketJournal;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest
{
    private static final int ACC1_HOST = 0x0A010105;
    private static final int ACC4_HOST = 0x0A020107;
    private static final long GAP_NS = 10_000_000L;
    private static final int FLOW_PACKETS = 20;

    @TempDir
    Path directory;

    @Test
    void topSpeedReplayInjectsWhatEntersTheProfileAndCountsTheRestByReason()
    {
        final Path file = directory.resolve("flows.pcapng");
        writeCapture(file);

        final String out = replay("replay", file.toString(), "--speed", "top");

        assertThat(count(out, "injected")).isEqualTo(FLOW_PACKETS);
        assertThat(count(out, "delivered")).as(out).isEqualTo(FLOW_PACKETS);
        assertThat(count(out, "delivered") + dropped(out) + count(out, "in flight at the end")).isEqualTo(FLOW_PACKETS);
        assertThat(count(out, "not injected: malformed")).isEqualTo(1);
        assertThat(count(out, "not injected: not IPv4")).isEqualTo(1);
        assertThat(count(out, "not injected: IPv6 (the shadow carries IPv4)")).isEqualTo(1);
        assertThat(count(out, "not injected: no ingress in the profile")).isEqualTo(1);
        assertThat(count(out, "not injected: destination outside the profile")).isEqualTo(1);
        assertThat(out).contains("at top speed");
    }

    @Test
    void originalSpeedReplayIsPacedToTheCapturesTiming()
    {
        final Path file = directory.resolve("flows.pcapng");
        writeCapture(file);
        final long spanNs = (FLOW_PACKETS + 3) * GAP_NS;

        final long startNs = System.nanoTime();
        final String out = replay("replay", file.toString(), "--speed", "1");
        final long elapsedNs = System.nanoTime() - startNs;

        assertThat(elapsedNs).isGreaterThanOrEqualTo(spanNs);
        assertThat(count(out, "injected")).isEqualTo(FLOW_PACKETS);
    }

    @Test
    void journalReplayEntersAtTheMirrorSessionOfEachRecordsVni()
    {
        final Path journal = directory.resolve("journal");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        try (PacketJournal packetJournal = PacketJournal.open(journal, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = packetJournal.newWriter())
        {
            final FabricPacket packet = TestCaptures.packet(17, 0x0A010105, 5_000, ACC4_HOST, 53, 100);
            for (int i = 0; i < 5; i++)
            {
                writer.append(1_000L + i * GAP_NS, TimestampKind.INGEST, 0, SourceKind.VXLAN, 1011, frame, 0,
                    FrameWriter.write(packet, frame, 0));
            }
            writer.append(1_000L + 5 * GAP_NS, TimestampKind.INGEST, 1, SourceKind.VXLAN, 1012, frame, 0,
                FrameWriter.write(packet, frame, 0));
        }

        final String out = replay("replay", journal.toString(), "--speed", "0");

        assertThat(count(out, "injected")).isEqualTo(5);
        assertThat(count(out, "not injected: no ingress in the profile")).isEqualTo(1);
    }

    @Test
    void aBadSpeedExitsWithOneLineAndCodeTwo()
    {
        final Path file = directory.resolve("flows.pcapng");
        writeCapture(file);
        final StringWriter err = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter())
            .execute("replay", file.toString(), "--speed", "-2");

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().trim()).isEqualTo("netshadow: --speed must be a factor of 0 or more, or 'top'; got '-2'");
    }

    @Test
    void vxlanReplaySendsEveryEthernetFrameOfTheCaptureAsADatagramToTheEndpoint() throws IOException
    {
        final Path file = directory.resolve("flows.pcapng");
        writeCapture(file);
        try (DatagramChannel receiver = receiver())
        {
            final int port = ((InetSocketAddress)receiver.getLocalAddress()).getPort();

            final String out = replay("replay", file.toString(), "--vxlan-to", "127.0.0.1:" + port, "--vni", "77",
                "--topspeed");

            assertThat(out).contains("at top speed as VXLAN to 127.0.0.1:" + port);
            assertThat(count(out, "sent")).isEqualTo(FLOW_PACKETS + 5);
            assertThat(count(out, "send failed: no buffer space")).isZero();
            final CaptureRecord record = new CaptureRecord();
            try (CaptureReader reader = CaptureReader.open(file))
            {
                while (reader.next(record))
                {
                    final UnsafeBuffer datagram = receive(receiver);
                    assertThat(new VxlanHeader().wrap(datagram, 0).vni()).isEqualTo(77);
                    final byte[] inner = new byte[datagram.capacity() - VxlanHeader.LENGTH];
                    datagram.getBytes(VxlanHeader.LENGTH, inner);
                    final byte[] original = new byte[record.capturedLength];
                    record.frame.getBytes(0, original);
                    assertThat(inner).isEqualTo(original);
                }
            }
        }
    }

    @Test
    void vxlanReplayOfAJournalKeepsEachRecordsVniAndReportsLateness() throws IOException
    {
        final Path journal = directory.resolve("journal");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        try (PacketJournal packetJournal = PacketJournal.open(journal, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = packetJournal.newWriter())
        {
            final FabricPacket packet = TestCaptures.packet(17, 0x0A010105, 5_000, ACC4_HOST, 53, 100);
            for (int i = 0; i < 6; i++)
            {
                writer.append(1_000L + i * GAP_NS, TimestampKind.INGEST, i % 2, SourceKind.VXLAN, 1011 + i % 2,
                    frame, 0, FrameWriter.write(packet, frame, 0));
            }
        }
        try (DatagramChannel receiver = receiver())
        {
            final int port = ((InetSocketAddress)receiver.getLocalAddress()).getPort();

            final String out = replay("replay", journal.toString(), "--vxlan-to", "localhost:" + port,
                "--speed", "10");

            assertThat(count(out, "sent")).isEqualTo(6);
            assertThat(out).contains("late by more than 1000 ns").contains("lateness ns p50 / p99 / p99.9 / max");
            for (int i = 0; i < 6; i++)
            {
                assertThat(new VxlanHeader().wrap(receive(receiver), 0).vni()).isEqualTo(1011 + i % 2);
            }
        }
    }

    @Test
    void aBadVxlanEndpointExitsWithOneLineAndCodeTwo()
    {
        final Path file = directory.resolve("flows.pcapng");
        writeCapture(file);

        assertThat(failure(file, "--vxlan-to", "127.0.0.1"))
            .isEqualTo("netshadow: --vxlan-to '127.0.0.1' needs a port, as in host:port");
        assertThat(failure(file, "--vxlan-to", "127.0.0.1:70000"))
            .isEqualTo("netshadow: port must be between 1 and 65535 in --vxlan-to '127.0.0.1:70000', got 70000");
        assertThat(failure(file, "--vxlan-to", "127.0.0.1:vxlan"))
            .isEqualTo("netshadow: bad port 'vxlan' in --vxlan-to '127.0.0.1:vxlan'");
        assertThat(failure(file, "--vxlan-to", "::1:4789"))
            .isEqualTo("netshadow: --vxlan-to '::1:4789': put an IPv6 address in brackets, as [::1]:PORT");
        assertThat(failure(file, "--vxlan-to", "127.0.0.1:4789", "--vni", "16777216"))
            .isEqualTo("netshadow: --vni must be 0..16777215; got 16777216");
        assertThat(failure(file, "--vni", "5"))
            .isEqualTo("netshadow: --vni needs --vxlan-to");
        assertThat(failure(file, "--topspeed", "--speed", "2"))
            .isEqualTo("netshadow: --topspeed and --speed exclude each other");
    }

    private static String failure(final Path file, final String... options)
    {
        final StringWriter err = new StringWriter();
        final String[] args = new String[options.length + 2];
        args[0] = "replay";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter()).execute(args);

        assertThat(exitCode).as(err.toString()).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().lines().count()).as(err.toString()).isEqualTo(1);
        return err.toString().trim();
    }

    private static DatagramChannel receiver() throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.socket().setSoTimeout(10_000);
        return channel;
    }

    private static UnsafeBuffer receive(final DatagramChannel channel) throws IOException
    {
        final byte[] bytes = new byte[65_536];
        final DatagramPacket packet = new DatagramPacket(bytes, bytes.length);
        channel.socket().receive(packet);
        return new UnsafeBuffer(Arrays.copyOf(bytes, packet.getLength()));
    }

    private static void writeCapture(final Path file)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        long timestampNs = 1_700_000_000_000_000_000L;
        try (PcapngWriter writer = PcapngWriter.create(file, ByteOrder.LITTLE_ENDIAN))
        {
            for (int i = 0; i < FLOW_PACKETS; i++)
            {
                final FabricPacket packet = TestCaptures.packet(6, ACC1_HOST, 40_000 + i % 4, ACC4_HOST, 80, 200);
                writer.append(timestampNs, buffer, 0, FrameWriter.write(packet, buffer, 0));
                timestampNs += GAP_NS;
            }
            writer.append(timestampNs, buffer, 0, TestCaptures.frame(5, buffer));
            writer.append(timestampNs += GAP_NS, buffer, 0, TestCaptures.frame(6, buffer));
            final FabricPacket foreign = TestCaptures.packet(17, 0xC0000201, 1, ACC4_HOST, 2, 60);
            writer.append(timestampNs += GAP_NS, buffer, 0, FrameWriter.write(foreign, buffer, 0));
            final FabricPacket outbound = TestCaptures.packet(17, ACC1_HOST, 1, 0x08080808, 53, 60);
            writer.append(timestampNs += GAP_NS, buffer, 0, FrameWriter.write(outbound, buffer, 0));
            writer.append(timestampNs += GAP_NS, buffer, 0, ipv6Frame(buffer));
        }
    }

    private static int ipv6Frame(final UnsafeBuffer buffer)
    {
        final int ipv6HeaderBytes = 40;
        final int noNextHeader = 59;
        buffer.setMemory(0, EthernetFlyweight.HEADER_LENGTH + ipv6HeaderBytes, (byte)0);
        buffer.putShort(EthernetFlyweight.ETHER_TYPE_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
        buffer.putInt(EthernetFlyweight.HEADER_LENGTH, 0x6000_0000, BIG_ENDIAN);
        buffer.putByte(EthernetFlyweight.HEADER_LENGTH + 6, (byte)noNextHeader);
        buffer.putLong(EthernetFlyweight.HEADER_LENGTH + 8, 0x2001_0DB8_0000_0000L, BIG_ENDIAN);
        buffer.putLong(EthernetFlyweight.HEADER_LENGTH + 24, 0x2001_0DB8_0000_0001L, BIG_ENDIAN);
        return EthernetFlyweight.HEADER_LENGTH + ipv6HeaderBytes;
    }

    private static String replay(final String... args)
    {
        final StringWriter err = new StringWriter();
        final StringWriter out = new StringWriter();
        final int exitCode = PcapInspectCommandTest.commandLine(err, out).execute(args);
        assertThat(exitCode).as(err.toString()).isZero();
        return out.toString();
    }

    private static long count(final String out, final String label)
    {
        final Matcher matcher = Pattern.compile("(?m)^  " + Pattern.quote(label) + " +(\\d+)$").matcher(out);
        assertThat(matcher.find()).as("%s in%n%s", label, out).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static long dropped(final String out)
    {
        final Matcher matcher = Pattern.compile("(?m)^  dropped: \\S+ +(\\d+)$").matcher(out);
        long total = 0;
        while (matcher.find())
        {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }
}
