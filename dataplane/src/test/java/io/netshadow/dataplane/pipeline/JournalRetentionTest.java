package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.ingest.SourceKind;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JournalRetentionTest
{
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    Path directory;

    @Test
    void deletesRolledFilesOlderThanTheMaximumAgeButNeverTheNewest() throws IOException
    {
        cycleFile("20231114-10.cq4", NOW_MS - 30 * HOUR_MS);
        cycleFile("20231114-11.cq4", NOW_MS - 25 * HOUR_MS);
        cycleFile("20231115-12.cq4", NOW_MS - 2 * HOUR_MS);
        cycleFile("20231115-13.cq4", NOW_MS - 30 * HOUR_MS);
        Files.writeString(directory.resolve("metadata.cq4t"), "kept");

        final int deleted = new JournalRetention(directory, 24 * HOUR_MS, 0).enforce(NOW_MS);

        assertThat(deleted).isEqualTo(2);
        assertThat(names()).containsExactly("20231115-12.cq4", "20231115-13.cq4", "metadata.cq4t");
    }

    @Test
    void keepsOnlyTheNewestFilesBeyondTheMaximumCount() throws IOException
    {
        for (int hour = 10; hour < 15; hour++)
        {
            cycleFile("20231114-" + hour + ".cq4", NOW_MS);
        }

        final JournalRetention retention = new JournalRetention(directory, 0, 2);

        assertThat(retention.enforce(NOW_MS)).isEqualTo(3);
        assertThat(retention.deletedFiles()).isEqualTo(3);
        assertThat(names()).containsExactly("20231114-13.cq4", "20231114-14.cq4");
    }

    @Test
    void noLimitsKeepEverything() throws IOException
    {
        cycleFile("20231114-10.cq4", 0);
        cycleFile("20231114-11.cq4", 0);

        assertThat(new JournalRetention(directory, 0, 0).enforce(NOW_MS)).isZero();
        assertThat(names()).hasSize(2);
    }

    @Test
    void deletesWholeCycleFilesOfAJournalSoWhatRemainsReadsBackAsWholeBatches()
    {
        final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-26T10:00:00Z"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[100]);
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY, time);
            PacketJournal.Writer writer = journal.newWriter())
        {
            for (int cycle = 0; cycle < 3; cycle++)
            {
                for (int batch = 0; batch < 4; batch++)
                {
                    for (int i = 0; i < 25; i++)
                    {
                        final long timestampNs = cycle * 1_000L + batch * 100L + i;
                        writer.append(timestampNs, TimestampKind.INGEST, 0, SourceKind.VXLAN, 1, frame, 0, 100);
                    }
                    writer.commit();
                }
                time.advanceMillis(5 * 60_000L);
            }
        }

        final JournalRetention retention = new JournalRetention(directory, 0, 1);

        assertThat(retention.enforce(NOW_MS)).isEqualTo(2);
        final List<Long> timestamps = new ArrayList<>();
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY, time);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            while (reader.next(record))
            {
                timestamps.add(record.timestampNs);
            }
        }
        assertThat(timestamps).hasSize(100);
        for (int i = 0; i < timestamps.size(); i++)
        {
            assertThat(timestamps.get(i)).isEqualTo(2_000L + (i / 25) * 100L + i % 25);
        }
    }

    private void cycleFile(final String name, final long lastModifiedMs) throws IOException
    {
        final Path file = Files.writeString(directory.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.fromMillis(lastModifiedMs));
    }

    private Stream<String> namesStream() throws IOException
    {
        return Files.list(directory).map(file -> file.getFileName().toString()).sorted();
    }

    private java.util.List<String> names() throws IOException
    {
        try (Stream<String> names = namesStream())
        {
            return names.toList();
        }
    }
}
