package io.netshadow.dataplane.device;

/**
 * An IPv4 prefix in CIDR form: a network address with its host bits zero and a prefix length of 0 to 32.
 *
 * @param address      the network address, a.b.c.d as {@code a << 24 | b << 16 | c << 8 | d}.
 * @param prefixLength how many leading bits an address must share with {@code address} to match.
 */
public record Ipv4Prefix(int address, int prefixLength)
{
    /** The prefix every address matches, 0.0.0.0/0: how a match on any address is held. */
    public static final Ipv4Prefix ANY = new Ipv4Prefix(0, 0);

    /**
     * Checks the prefix.
     *
     * @throws IllegalArgumentException when the length is outside 0..32 or host bits are set.
     */
    public Ipv4Prefix
    {
        if (prefixLength < 0 || prefixLength > 32)
        {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
        if ((address & ~maskOf(prefixLength)) != 0)
        {
            throw new IllegalArgumentException(
                formatAddress(address) + "/" + prefixLength + " has host bits set");
        }
    }

    /**
     * Parses CIDR notation such as {@code 10.1.0.0/16}: four decimal octets without leading zeros, a slash and a
     * length, with every host bit zero.
     *
     * @param cidr the text.
     * @return the prefix.
     * @throws IllegalArgumentException when the text is not such a prefix.
     */
    public static Ipv4Prefix parse(final String cidr)
    {
        final int slash = cidr.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 prefix in CIDR notation (a.b.c.d/n)");
        }
        final int address = parseAddress(cidr.substring(0, slash), cidr);
        final int prefixLength = parseDecimal(cidr.substring(slash + 1), 32, cidr);
        return new Ipv4Prefix(address, prefixLength);
    }

    /**
     * Parses a dotted-quad IPv4 address such as {@code 10.1.2.3}.
     *
     * @param dotted the text.
     * @return the address as an int.
     * @throws IllegalArgumentException when the text is not an address.
     */
    public static int parseAddress(final String dotted)
    {
        return parseAddress(dotted, dotted);
    }

    /**
     * Formats an address as a dotted quad.
     *
     * @param address the address as an int.
     * @return the text, such as {@code 10.1.2.3}.
     */
    public static String formatAddress(final int address)
    {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." +
            (address & 0xFF);
    }

    /**
     * The network mask of this prefix: its leading {@link #prefixLength()} bits set.
     *
     * @return the mask as an int.
     */
    public int mask()
    {
        return maskOf(prefixLength);
    }

    /**
     * Whether an address lies in this prefix.
     *
     * @param ip the address as an int.
     * @return true when it matches.
     */
    public boolean contains(final int ip)
    {
        return (ip & mask()) == address;
    }

    /**
     * The prefix in CIDR notation.
     *
     * @return the text, such as {@code 10.1.0.0/16}.
     */
    @Override
    public String toString()
    {
        return formatAddress(address) + "/" + prefixLength;
    }

    private static int maskOf(final int prefixLength)
    {
        return 0 == prefixLength ? 0 : -1 << (32 - prefixLength);
    }

    private static int parseAddress(final String dotted, final String whole)
    {
        int address = 0;
        int start = 0;
        for (int octet = 0; octet < 4; octet++)
        {
            final int end = octet < 3 ? dotted.indexOf('.', start) : dotted.length();
            if (end < 0)
            {
                throw new IllegalArgumentException("'" + whole + "' does not hold a dotted-quad IPv4 address");
            }
            address = (address << 8) | parseDecimal(dotted.substring(start, end), 255, whole);
            start = end + 1;
        }
        return address;
    }

    private static int parseDecimal(final String digits, final int max, final String whole)
    {
        final boolean wellFormed = !digits.isEmpty() && digits.length() <= 3 &&
            digits.chars().allMatch(c -> c >= '0' && c <= '9') && (digits.length() == 1 || digits.charAt(0) != '0');
        if (!wellFormed || Integer.parseInt(digits) > max)
        {
            throw new IllegalArgumentException(
                "'" + whole + "' is not an IPv4 prefix in CIDR notation (a.b.c.d/n): bad number '" + digits + "'");
        }
        return Integer.parseInt(digits);
    }
}
