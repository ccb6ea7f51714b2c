package io.netshadow.controlplane.profile;

/**
 * Where the appliance reaches a device's NETCONF server.
 *
 * @param host host name or address.
 * @param port TCP port.
 */
public record ManagementAddress(String host, int port)
{
    /** The NETCONF-over-SSH port of RFC 6242. */
    public static final int NETCONF_PORT = 830;

    /**
     * Validates the address.
     *
     * @param host host name or address.
     * @param port TCP port.
     */
    public ManagementAddress
    {
        if (null == host || host.isBlank() || host.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("a management address needs a host without spaces");
        }
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException("management port must be between 1 and 65535, got " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6-address]:port} or a bare IPv6 address; the port defaults
     * to {@link #NETCONF_PORT}.
     *
     * @param text the address.
     * @return the address.
     * @throws IllegalArgumentException when the text is not an address.
     */
    public static ManagementAddress parse(final String text)
    {
        final String address = text.strip();
        if (address.startsWith("["))
        {
            final int close = address.indexOf(']');
            if (close < 0)
            {
                throw new IllegalArgumentException("unclosed '[' in management address '" + text + "'");
            }
            final String rest = address.substring(close + 1);
            if (rest.isEmpty())
            {
                return new ManagementAddress(address.substring(1, close), NETCONF_PORT);
            }
            if (!rest.startsWith(":"))
            {
                throw new IllegalArgumentException("expected ':port' after ']' in management address '" + text + "'");
            }
            return new ManagementAddress(address.substring(1, close), port(rest.substring(1), text));
        }
        final int colon = address.indexOf(':');
        if (colon < 0 || colon != address.lastIndexOf(':'))
        {
            return new ManagementAddress(address, NETCONF_PORT);
        }
        return new ManagementAddress(address.substring(0, colon), port(address.substring(colon + 1), text));
    }

    /**
     * The address as {@code host:port}, bracketing IPv6 hosts.
     *
     * @return the address as text.
     */
    @Override
    public String toString()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int port(final String text, final String address)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad port '" + text + "' in management address '" + address + "'");
        }
    }
}
