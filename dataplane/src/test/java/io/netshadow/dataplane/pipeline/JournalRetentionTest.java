package io.netshadow.dataplane.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
