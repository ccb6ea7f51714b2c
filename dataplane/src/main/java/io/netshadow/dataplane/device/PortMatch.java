package io.netshadow.dataplane.device;

/**
 * Which layer-4 ports an ACL entry matches: an inclusive range, or every port but one.
 *
 * @param lowPort  lowest port matched, 0..65535.
 * @param highPort highest port matched, {@code lowPort}..65535.
 * @param negated  true to match every port except the single port {@code lowPort} (then {@code lowPort == highPort}).
 */
public record PortMatch(int lowPort, int highPort, boolean negated)
{
    /** The largest port number. */
    public static final int MAX_PORT = 65535;

    /** Matches every port. */
    public static final PortMatch ANY = new PortMatch(0, MAX_PORT, false);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when a bound is outside 0..65535, the bounds are reversed, or a negated
     *                                  match covers more than one port.
     */
    public PortMatch
    {
        if (lowPort < 0 || highPort > MAX_PORT || lowPort > highPort)
        {
            throw new IllegalArgumentException("port range " + lowPort + ".." + highPort + " is not within 0..65535");
        }
        if (negated && lowPort != highPort)
        {
            throw new IllegalArgumentException("only a single port can be negated");
        }
    }

    /**
     * Matches one port.
     *
     * @param port the port.
     * @return the match.
     */
    public static PortMatch equalTo(final int port)
    {
        return new PortMatch(port, port, false);
    }

    /**
     * Matches every port but one.
     *
     * @param port the port not matched.
     * @return the match.
     */
    public static PortMatch notEqualTo(final int port)
    {
        return new PortMatch(port, port, true);
    }

    /**
     * Matches an inclusive range of ports.
     *
     * @param lowPort  lowest port.
     * @param highPort highest port.
     * @return the match.
     */
    public static PortMatch range(final int lowPort, final int highPort)
    {
        return new PortMatch(lowPort, highPort, false);
    }

    /**
     * Whether a port matches.
     *
     * @param port the port.
     * @return true when it matches.
     */
    public boolean matches(final int port)
    {
        return (port >= lowPort && port <= highPort) != negated;
    }

    /**
     * Whether this matches every port.
     *
     * @return true for {@link #ANY}.
     */
    public boolean isAny()
    {
        return ANY.equals(this);
    }
}
