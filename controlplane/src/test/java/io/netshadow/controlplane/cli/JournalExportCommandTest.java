package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.PacketJournal;
import io.netshadow.dataplane.pipeline.TimestampKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalExportCommandTest
{
    @TempDir
    Path directory;

    @Test
    void exportedPcapngOpensInTsharkWithEveryPacketAndItsNanosecondTimestamp() throws Exception
    {
        Tshark.require();
        final Path journal = directory.resolve("journal");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        try (PacketJournal packetJournal = PacketJournal.open(journal, JournalRollCycle.FIVE_MINUTELY);
            PacketJournal.Writer writer = packetJournal.newWriter())
        {
            for (int i = 0; i < TestCaptures.PACKET_COUNT; i++)
            {
                final int length = TestCaptures.frame(i, frame);
                writer.append(TestCaptures.T0_NS + i * 1_001L, TimestampKind.CAPTURE, 0, SourceKind.VXLAN, 7, frame, 0,
                    length);
            }
        }
        final Path pcapng = directory.resolve("journal.pcapng");
        final StringWriter err = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter())
            .execute("journal", "export", "--pcapng", pcapng.toString(), "--journal", journal.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(err.toString()).contains("exported " + TestCaptures.PACKET_COUNT + " packets");
        final List<String[]> packets = Tshark.fields(pcapng, "frame.time_epoch", "frame.len");
        assertThat(packets).hasSize(TestCaptures.PACKET_COUNT);
        for (int i = 0; i < packets.size(); i++)
        {
            final BigDecimal expectedSeconds = BigDecimal.valueOf(TestCaptures.T0_NS + i * 1_001L, 9);
            assertThat(new BigDecimal(packets.get(i)[0])).as("packet %d", i).isEqualByComparingTo(expectedSeconds);
            assertThat(Integer.parseInt(packets.get(i)[1])).isEqualTo(TestCaptures.frame(i, frame));
        }
    }

    @Test
    void exportedPcapngReadsBackWithTheJournalsExactBytesAndTimestamps()
    {
        final Path journal = directory.resolve("journal");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        try (PacketJournal packetJournal = PacketJournal.open(journal, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = packetJournal.newWriter())
        {
            for (int i = 0; i < TestCaptures.PACKET_COUNT; i++)
            {
                writer.append(TestCaptures.T0_NS + i * 7L, TimestampKind.INGEST, 0, SourceKind.VXLAN, 7, frame, 0,
                    TestCaptures.frame(i, frame));
            }
        }
        final Path pcapng = directory.resolve("journal.pcapng");

        final int exitCode = PcapInspectCommandTest.commandLine(new StringWriter(), new StringWriter())
            .execute("journal", "export", "--pcapng", pcapng.toString(), "--journal", journal.toString());

        assertThat(exitCode).isZero();
        try (CaptureReader reader = CaptureReader.open(pcapng))
        {
            final CaptureRecord record = new CaptureRecord();
            for (int i = 0; i < TestCaptures.PACKET_COUNT; i++)
            {
                assertThat(reader.next(record)).isTrue();
                final int length = TestCaptures.frame(i, frame);
                assertThat(record.timestampNs).isEqualTo(TestCaptures.T0_NS + i * 7L);
                assertThat(record.capturedLength).isEqualTo(length);
                final byte[] expected = new byte[length];
                final byte[] actual = new byte[length];
                frame.getBytes(0, expected);
                record.frame.getBytes(0, actual);
                assertThat(actual).isEqualTo(expected);
            }
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.warning()).isNull();
        }
    }

    @Test
    void aDirectoryWithoutAJournalExitsWithOneLineAndCodeTwo()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter()).execute("journal", "export",
            "--pcapng", directory.resolve("out.pcapng").toString(), "--journal", directory.toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().trim()).isEqualTo("netshadow: " + directory + " is not a packet journal: no .cq4 files in it");
    }
}
