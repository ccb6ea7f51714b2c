package io.netshadow.dataplane.device;

/**
 * A set of DSCP code points (0 to 63), written as a comma-separated list of values and inclusive ranges such as
 * {@code 46} or {@code 10,12,14} or {@code 32-47}.
 *
 * @param mask bit {@code d} set when code point {@code d} is in the set.
 */
public record DscpSet(long mask)
{
    /** The set with no code point. */
    public static final DscpSet NONE = new DscpSet(0);
    /** Largest DSCP code point. */
    public static final int MAX_DSCP = 63;

    /**
     * A set of single code points.
     *
     * @param codePoints the code points, each 0..63.
     * @return the set.
     * @throws IllegalArgumentException when a code point is out of range.
     */
    public static DscpSet of(final int... codePoints)
    {
        long mask = 0;
        for (final int codePoint : codePoints)
        {
            mask |= bit(codePoint, Integer.toString(codePoint));
        }
        return new DscpSet(mask);
    }

    /**
     * Parses a comma-separated list of code points and ranges {@code low-high}.
     *
     * @param text the list, such as {@code 10,12,32-47}.
     * @return the set.
     * @throws IllegalArgumentException when an item is not a code point or range within 0..63.
     */
    public static DscpSet parse(final String text)
    {
        long mask = 0;
        for (final String item : text.split(",", -1))
        {
            final String trimmed = item.strip();
            final int dash = trimmed.indexOf('-');
            if (dash < 0)
            {
                mask |= bit(codePoint(trimmed, text), text);
            }
            else
            {
                final int low = codePoint(trimmed.substring(0, dash), text);
                final int high = codePoint(trimmed.substring(dash + 1), text);
                if (low > high)
                {
                    throw new IllegalArgumentException("DSCP range " + trimmed + " in '" + text + "' is empty");
                }
                for (int codePoint = low; codePoint <= high; codePoint++)
                {
                    mask |= 1L << codePoint;
                }
            }
        }
        return new DscpSet(mask);
    }

    /**
     * Whether a code point is in the set.
     *
     * @param codePoint the DSCP, 0..63.
     * @return true when it is.
     */
    public boolean contains(final int codePoint)
    {
        return (mask >>> codePoint & 1) != 0;
    }

    /**
     * Whether the set has no code point.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return 0 == mask;
    }

    /**
     * The canonical text that {@link #parse} reads back: ascending, runs of three or more as ranges.
     *
     * @return the text, empty for the empty set.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        int codePoint = 0;
        while (codePoint <= MAX_DSCP)
        {
            if (!contains(codePoint))
            {
                codePoint++;
                continue;
            }
            int end = codePoint;
            while (end < MAX_DSCP && contains(end + 1))
            {
                end++;
            }
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(codePoint);
            if (end == codePoint + 1)
            {
                text.append(',').append(end);
            }
            else if (end > codePoint)
            {
                text.append('-').append(end);
            }
            codePoint = end + 1;
        }
        return text.toString();
    }

    private static int codePoint(final String item, final String text)
    {
        final int value;
        try
        {
            value = Integer.parseInt(item.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + item + "' in '" + text + "' is not a DSCP code point");
        }
        if (value < 0 || value > MAX_DSCP)
        {
            throw new IllegalArgumentException("DSCP " + value + " in '" + text + "' is outside 0..63");
        }
        return value;
    }

    private static long bit(final int codePoint, final String text)
    {
        if (codePoint < 0 || codePoint > MAX_DSCP)
        {
            throw new IllegalArgumentException("DSCP " + codePoint + " in '" + text + "' is outside 0..63");
        }
        return 1L << codePoint;
    }
}
