package io.netshadow.controlplane.yaml;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats the quantities network engineers write in files: rates ({@code 10G}, {@code 100Mbps}),
 * durations ({@code 50us}, {@code 0.2ms}) and sizes ({@code 256KiB}). Rates use decimal multipliers, sizes take
 * both binary ({@code KiB}) and decimal ({@code KB}) ones, and a duration always needs its unit.
 */
public final class Units
{
    private static final Pattern QUANTITY = Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(\\S*)\\s*");

    private static final MathContext READABLE = new MathContext(4);

    private static final Map<String, Long> BPS_MULTIPLIERS = Map.ofEntries(
        Map.entry("", 1L),
        Map.entry("bps", 1L),
        Map.entry("k", 1_000L),
        Map.entry("K", 1_000L),
        Map.entry("kbps", 1_000L),
        Map.entry("Kbps", 1_000L),
        Map.entry("M", 1_000_000L),
        Map.entry("Mbps", 1_000_000L),
        Map.entry("G", 1_000_000_000L),
        Map.entry("Gbps", 1_000_000_000L),
        Map.entry("T", 1_000_000_000_000L),
        Map.entry("Tbps", 1_000_000_000_000L));

    private static final Map<String, Long> NS_MULTIPLIERS = Map.ofEntries(
        Map.entry("ns", 1L),
        Map.entry("us", 1_000L),
        Map.entry("\u00b5s", 1_000L),
        Map.entry("\u03bcs", 1_000L),
        Map.entry("ms", 1_000_000L),
        Map.entry("s", 1_000_000_000L),
        Map.entry("m", 60_000_000_000L),
        Map.entry("min", 60_000_000_000L),
        Map.entry("h", 3_600_000_000_000L));

    private static final Map<String, Long> BYTE_MULTIPLIERS = Map.ofEntries(
        Map.entry("", 1L),
        Map.entry("B", 1L),
        Map.entry("KiB", 1L << 10),
        Map.entry("MiB", 1L << 20),
        Map.entry("GiB", 1L << 30),
        Map.entry("kB", 1_000L),
        Map.entry("KB", 1_000L),
        Map.entry("MB", 1_000_000L),
        Map.entry("GB", 1_000_000_000L));

    private Units()
    {
    }

    /**
     * Parses a rate in bits per second: a number with an optional decimal multiplier ({@code k}, {@code M},
     * {@code G}, {@code T}) and an optional {@code bps}, such as {@code 10G}, {@code 100Mbps} or {@code 64000}.
     *
     * @param text the rate.
     * @return bits per second.
     * @throws IllegalArgumentException when the text is not a rate.
     */
    public static long parseBps(final String text)
    {
        return parse(text, BPS_MULTIPLIERS, "a rate such as 10G, 100Mbps or 64000", "bit per second");
    }

    /**
     * Parses a duration with its unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}), such
     * as {@code 50us} or {@code 0.2ms}. Zero may be written without a unit.
     *
     * @param text the duration.
     * @return nanoseconds.
     * @throws IllegalArgumentException when the text is not a duration.
     */
    public static long parseDurationNs(final String text)
    {
        if (null != text && text.strip().equals("0"))
        {
            return 0;
        }
        return parse(text, NS_MULTIPLIERS, "a duration with its unit such as 50us, 0.2ms or 5s", "nanosecond");
    }

    /**
     * Parses a size in bytes with an optional binary ({@code KiB}, {@code MiB}, {@code GiB}) or decimal
     * ({@code KB}, {@code MB}, {@code GB}) multiplier, such as {@code 256KiB} or {@code 1500}.
     *
     * @param text the size.
     * @return bytes.
     * @throws IllegalArgumentException when the text is not a size.
     */
    public static long parseBytes(final String text)
    {
        return parse(text, BYTE_MULTIPLIERS, "a size such as 256KiB, 64KB or 1500", "byte");
    }

    /**
     * Parses a share of a whole: a percentage ({@code 25%}) or a fraction ({@code 0.25}), from 0 to 1.
     *
     * @param text the share.
     * @return the share as a fraction.
     * @throws IllegalArgumentException when the text is not a share between 0 and 1.
     */
    public static double parseShare(final String text)
    {
        final String share = null == text ? "" : text.strip();
        final boolean percent = share.endsWith("%");
        final double value;
        try
        {
            value = Double.parseDouble(percent ? share.substring(0, share.length() - 1).strip() : share) /
                (percent ? 100 : 1);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("expected a share such as 25% or 0.25, got '" + text + "'");
        }
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException("a share must be between 0% and 100%, got '" + share + "'");
        }
        return value;
    }

    /**
     * Formats a share as a percentage, such as {@code 5%} or {@code 0.1%}.
     *
     * @param share the share as a fraction.
     * @return the share as text.
     */
    public static String formatShare(final double share)
    {
        return new BigDecimal(share * 100).round(READABLE).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * Formats a rate with the largest decimal multiplier that keeps it readable, such as {@code 10G} or
     * {@code 1.5M}.
     *
     * @param bps bits per second.
     * @return the rate as text.
     */
    public static String formatBps(final long bps)
    {
        return scaled(bps, new long[]{1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L},
            new String[]{"T", "G", "M", "k"}, "");
    }

    /**
     * Formats a duration with the largest unit that keeps it readable, such as {@code 200us} or {@code 1.5ms}.
     *
     * @param durationNs nanoseconds.
     * @return the duration as text.
     */
    public static String formatDurationNs(final long durationNs)
    {
        return scaled(durationNs, new long[]{1_000_000_000L, 1_000_000L, 1_000L}, new String[]{"s", "ms", "us"}, "ns");
    }

    /**
     * Formats a size with the largest binary multiplier that divides it, such as {@code 256KiB}, or else with a
     * readable decimal one, such as {@code 62.5kB}.
     *
     * @param bytes the size.
     * @return the size as text.
     */
    public static String formatBytes(final long bytes)
    {
        final long[] factors = {1L << 30, 1L << 20, 1L << 10};
        final String[] names = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < factors.length; i++)
        {
            if (0 != bytes && 0 == bytes % factors[i])
            {
                return bytes / factors[i] + names[i];
            }
        }
        return scaled(bytes, new long[]{1_000_000_000L, 1_000_000L, 1_000L}, new String[]{"GB", "MB", "kB"}, "B");
    }

    private static long parse(
        final String text, final Map<String, Long> multipliers, final String expected, final String smallest)
    {
        final Matcher matcher = null == text ? null : QUANTITY.matcher(text);
        if (null == matcher || !matcher.matches())
        {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
        final Long multiplier = multipliers.get(matcher.group(2));
        if (null == multiplier)
        {
            throw new IllegalArgumentException("unknown unit '" + matcher.group(2) + "' in '" + text.strip() +
                "'; expected " + expected);
        }
        final BigDecimal value = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try
        {
            return value.stripTrailingZeros().longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a whole " + smallest +
                " count or is too large");
        }
    }

    private static String scaled(final long value, final long[] factors, final String[] names, final String unit)
    {
        for (int i = 0; i < factors.length; i++)
        {
            if (Math.abs(value) >= factors[i])
            {
                return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(factors[i]))
                    .round(READABLE).stripTrailingZeros().toPlainString() + names[i];
            }
        }
        return value + unit;
    }
}
