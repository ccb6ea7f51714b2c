package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.pipeline.JournalRollCycle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the packet journal is kept and how long ({@code journal:}).
 *
 * @param directory           the journal's directory, {@code directory}.
 * @param rollCycle           how often it starts a new file, {@code roll-cycle}.
 * @param retentionMaxAgeNs   rolled files older than this are deleted, 0 for no age limit, {@code retention-max-age}.
 * @param retentionMaxFiles   at most this many files are kept, 0 for no count limit, {@code retention-max-files}.
 */
public record JournalConfig(Path directory, JournalRollCycle rollCycle, long retentionMaxAgeNs, int retentionMaxFiles)
{
    /** Rolled files are kept a week by default. */
    public static final long DEFAULT_RETENTION_MAX_AGE_NS = 7 * 24 * 3_600_000_000_000L;

    /** {@code /var/lib/netshadow/journal}, a file an hour, kept a week, any number of files. */
    public static final JournalConfig DEFAULT = new JournalConfig(
        Path.of("/var/lib/netshadow/journal"), JournalRollCycle.HOURLY, DEFAULT_RETENTION_MAX_AGE_NS, 0);

    /**
     * A journal with the default retention.
     *
     * @param directory the journal's directory.
     * @param rollCycle how often it starts a new file.
     */
    public JournalConfig(final Path directory, final JournalRollCycle rollCycle)
    {
        this(directory, rollCycle, DEFAULT_RETENTION_MAX_AGE_NS, 0);
    }

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static JournalConfig fromYaml(
        @JsonProperty("directory") final String directory,
        @JsonProperty("roll-cycle") final JournalRollCycle rollCycle,
        @JsonProperty("retention-max-age") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long retentionMaxAgeNs,
        @JsonProperty("retention-max-files") final Integer retentionMaxFiles)
    {
        return new JournalConfig(
            null == directory ? DEFAULT.directory : Path.of(directory),
            Objects.requireNonNullElse(rollCycle, DEFAULT.rollCycle),
            Objects.requireNonNullElse(retentionMaxAgeNs, DEFAULT.retentionMaxAgeNs),
            Objects.requireNonNullElse(retentionMaxFiles, DEFAULT.retentionMaxFiles));
    }

    JournalConfig resolvedAgainst(final Path base)
    {
        return new JournalConfig(base.resolve(directory), rollCycle, retentionMaxAgeNs, retentionMaxFiles);
    }
}
