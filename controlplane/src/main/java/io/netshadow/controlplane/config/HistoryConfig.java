package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;

/**
 * Where the change history is kept ({@code history:}).
 *
 * @param directory the history's directory, {@code directory}.
 */
public record HistoryConfig(Path directory)
{
    /** {@code /var/lib/netshadow/history}. */
    public static final HistoryConfig DEFAULT = new HistoryConfig(Path.of("/var/lib/netshadow/history"));

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static HistoryConfig fromYaml(@JsonProperty("directory") final String directory)
    {
        return null == directory ? DEFAULT : new HistoryConfig(Path.of(directory));
    }

    HistoryConfig resolvedAgainst(final Path base)
    {
        return new HistoryConfig(base.resolve(directory));
    }
}
