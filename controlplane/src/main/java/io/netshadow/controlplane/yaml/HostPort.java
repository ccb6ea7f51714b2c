package io.netshadow.controlplane.yaml;

/**
 * A host and a port as engineers write them: {@code host}, {@code host:port}, {@code [v6-address]:port} or a bare
 * IPv6 address.
 *
 * @param host host name or address, without brackets.
 * @param port port, 1 to 65535.
 */
public record HostPort(String host, int port)
{
    /** Passed as the default port when the text must name one. */
    public static final int PORT_REQUIRED = -1;

    /**
     * Parses an address.
     *
     * @param text        the address.
     * @param defaultPort the port when the text names none, or {@link #PORT_REQUIRED}.
     * @param what        what the address is, for messages, such as {@code "management address"}.
     * @return the host and port.
     * @throws IllegalArgumentException naming what is wrong, when the text is not such an address.
     */
    public static HostPort parse(final String text, final int defaultPort, final String what)
    {
        final String address = text.strip();
        final String host;
        final String port;
        if (address.startsWith("["))
        {
            final int close = address.indexOf(']');
            if (close < 0)
            {
                throw new IllegalArgumentException("unclosed '[' in " + what + " '" + text + "'");
            }
            final String rest = address.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":"))
            {
                throw new IllegalArgumentException("expected ':port' after ']' in " + what + " '" + text + "'");
            }
            host = address.substring(1, close);
            port = rest.isEmpty() ? null : rest.substring(1);
        }
        else
        {
            final int colon = address.indexOf(':');
            final int lastColon = address.lastIndexOf(':');
            if (colon != lastColon && PORT_REQUIRED == defaultPort)
            {
                throw new IllegalArgumentException(what + " '" + text + "': put an IPv6 address in brackets, as [" +
                    address.substring(0, lastColon) + "]:PORT");
            }
            final boolean hasPort = colon >= 0 && colon == lastColon;
            host = hasPort ? address.substring(0, colon) : address;
            port = hasPort ? address.substring(colon + 1) : null;
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException(what + " '" + text + "' needs a host without spaces");
        }
        if (null == port && PORT_REQUIRED == defaultPort)
        {
            throw new IllegalArgumentException(what + " '" + text + "' needs a port, as in host:port");
        }
        return new HostPort(host, null == port ? defaultPort : portOf(port, text, what));
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

    private static int portOf(final String text, final String address, final String what)
    {
        final int port;
        try
        {
            port = Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad port '" + text + "' in " + what + " '" + address + "'");
        }
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException(
                "port must be between 1 and 65535 in " + what + " '" + address + "', got " + port);
        }
        return port;
    }
}
