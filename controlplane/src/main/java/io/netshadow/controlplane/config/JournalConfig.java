package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netshadow.dataplane.pipeline.JournalRollCycle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the packet journal is kept ({@code journal:}).
 *
 * @param directory the journal's directory, {@code directory}.
 * @param rollCycle how often it starts a new file, {@code roll-cycle}.
 */
public record JournalConfig(Path directory, JournalRollCycle rollCycle)
{
    /** {@code /var/lib/netshadow/journal}, a file an hour. */
    public static final JournalConfig DEFAULT =
        new JournalConfig(Path.of("/var/lib/netshadow/journal"), JournalRollCycle.HOURLY);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static JournalConfig fromYaml(
        @JsonProperty("directory") final String directory,
        @JsonProperty("roll-cycle") final JournalRollCycle rollCycle)
    {
        return new JournalConfig(
            null == directory ? DEFAULT.directory : Path.of(directory),
            Objects.requireNonNullElse(rollCycle, DEFAULT.rollCycle));
    }

    JournalConfig resolvedAgainst(final Path base)
    {
        return new JournalConfig(base.resolve(directory), rollCycle);
    }
}
