package io.netshadow.controlplane.profile;

import io.netshadow.controlplane.yaml.HostPort;

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
        final HostPort address = HostPort.parse(text, NETCONF_PORT, "management address");
        return new ManagementAddress(address.host(), address.port());
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
}
