package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.yaml.Units;
import picocli.CommandLine;

import java.time.Duration;

/**
 * Reads a duration with a unit, as the configuration file writes them: {@code 500ms}, {@code 2s}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String value)
    {
        return Duration.ofNanos(Units.parseDurationNs(value));
    }
}
