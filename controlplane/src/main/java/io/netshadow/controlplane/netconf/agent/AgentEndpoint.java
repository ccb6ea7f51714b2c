package io.netshadow.controlplane.netconf.agent;

/**
 * Everything a NETCONF client needs to reach one agent: address, login, and the host key to pin.
 *
 * @param deviceName         the device the agent serves.
 * @param host               the address it listens on, 127.0.0.1.
 * @param port               its TCP port.
 * @param username           the user to log in as.
 * @param password           that user's password.
 * @param hostKeyFingerprint the SHA-256 fingerprint of its host key, as OpenSSH prints it ({@code SHA256:...}).
 * @param knownHostsLine     its line for an OpenSSH known_hosts file ({@code [127.0.0.1]:port type key}).
 */
public record AgentEndpoint(
    String deviceName,
    String host,
    int port,
    String username,
    String password,
    String hostKeyFingerprint,
    String knownHostsLine)
{
    /**
     * The endpoint without its password.
     *
     * @return a description for logs.
     */
    @Override
    public String toString()
    {
        return "AgentEndpoint[deviceName=" + deviceName + ", host=" + host + ", port=" + port + ", username=" +
            username + ", password=***, hostKeyFingerprint=" + hostKeyFingerprint + "]";
    }
}
