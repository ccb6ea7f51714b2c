package io.netshadow.controlplane.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the timestamps of a series file. Accepted: ISO-8601 instants ({@code 2026-11-27T04:00:00Z}), date-times with
 * an offset ({@code 2026-11-27T05:00:00+01:00}) and without one (taken as UTC), and epoch numbers: below
 * {@value #EPOCH_MILLIS_FROM} they are seconds, otherwise milliseconds; both may have a fraction, and must lie before
 * the year 2262, where ns in a long end. A number is told apart by its size because 10^11 seconds lie in the year
 * 5138 while 10^11 milliseconds lie in 1973.
 */
final class Timestamps
{
    /**
     * What {@link #parseNs} returns for text that is no timestamp.
     */
    static final long INVALID = Long.MIN_VALUE;

    static final double EPOCH_MILLIS_FROM = 1e11;
    private static final double MAX_NS = 9.2e18;

    private Timestamps()
    {
    }

    /**
     * Reads a timestamp.
     *
     * @param text the timestamp as written.
     * @return ns since the epoch, or {@link #INVALID}.
     */
    static long parseNs(final String text)
    {
        if (text.isEmpty())
        {
            return INVALID;
        }
        final char first = text.charAt(0);
        if (Character.isDigit(first) && text.indexOf('-') < 0 && text.indexOf(':') < 0)
        {
            return epochNs(text);
        }
        try
        {
            final Instant instant;
            if (text.endsWith("Z") || text.endsWith("z"))
            {
                instant = Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            else if (hasOffset(text))
            {
                instant = OffsetDateTime.parse(text).toInstant();
            }
            else
            {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            return INVALID;
        }
    }

    private static boolean hasOffset(final String text)
    {
        final int time = text.indexOf('T');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
    }

    private static long epochNs(final String text)
    {
        final double number;
        try
        {
            number = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            return INVALID;
        }
        if (!Double.isFinite(number) || number < 0.0)
        {
            return INVALID;
        }
        final double ns = number < EPOCH_MILLIS_FROM ? number * 1e9 : number * 1e6;
        return ns < MAX_NS ? Math.round(ns) : INVALID;
    }
}
