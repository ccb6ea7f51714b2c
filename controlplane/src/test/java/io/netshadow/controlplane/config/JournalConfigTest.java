package io.netshadow.controlplane.config;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JournalConfigTest
{
    @TempDir
    Path dir;

    @Test
    void readsRetentionByAgeAndCount() throws IOException, ConfigException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            journal:
              directory: /data/journal
              roll-cycle: five_minutely
              retention-max-age: 2h
              retention-max-files: 24
            """);

        final JournalConfig journal = ConfigLoader.load(file).journal();

        assertThat(journal).isEqualTo(new JournalConfig(
            Path.of("/data/journal"), JournalRollCycle.FIVE_MINUTELY, 7_200_000_000_000L, 24));
    }

    @Test
    void reportsNegativeRetentionLimitsAtTheirLines() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            journal:
              retention-max-age: -1h
              retention-max-files: -3
            """);

        final List<String> errors = assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> ConfigLoader.load(file)).actual().errors().stream().map(LocatedError::toString).toList();

        assertThat(errors).containsExactly(
            file + ":2: journal.retention-max-age: must not be negative; 0 keeps files of any age",
            file + ":3: journal.retention-max-files: must not be negative; 0 keeps any number of files");
    }
}
