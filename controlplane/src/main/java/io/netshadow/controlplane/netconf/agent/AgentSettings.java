package io.netshadow.controlplane.netconf.agent;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one agent is reached: the device it serves, its loopback port, the file that keeps its host key, and who may
 * log in.
 *
 * @param deviceName  the device, for logs and endpoints.
 * @param port        the TCP port on 127.0.0.1; 0 picks a free one.
 * @param hostKeyFile where the host key is kept: generated and written on first use, read afterwards, so clients
 *                    can pin it.
 * @param credentials who may log in.
 */
public record AgentSettings(String deviceName, int port, Path hostKeyFile, AgentCredentials credentials)
{
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the port is outside 0..65535 or the device name is empty.
     */
    public AgentSettings
    {
        if (Objects.requireNonNull(deviceName, "deviceName").isEmpty())
        {
            throw new IllegalArgumentException("an agent needs a device name");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        Objects.requireNonNull(hostKeyFile, "hostKeyFile");
        Objects.requireNonNull(credentials, "credentials");
    }
}
