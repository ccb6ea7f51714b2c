package io.netshadow.controlplane.netconf;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach one device over NETCONF on SSH: address, login, host-key policy, the timeout applied to every step,
 * and the capabilities this side announces in its hello.
 *
 * @param deviceName        the device's name, used in every error message.
 * @param host              host name or address.
 * @param port              TCP port of the device's NETCONF SSH subsystem (830 by convention).
 * @param credentials       how to log in.
 * @param hostKeyPolicy     how the server's host key is checked.
 * @param timeout           longest wait for connecting, logging in, the hello, and each RPC reply.
 * @param helloCapabilities the capabilities announced; base:1.1 among them allows chunked framing.
 */
public record NetconfEndpoint(
    String deviceName,
    String host,
    int port,
    NetconfCredentials credentials,
    HostKeyPolicy hostKeyPolicy,
    Duration timeout,
    Set<String> helloCapabilities)
{
    /** NETCONF's registered SSH port. */
    public static final int DEFAULT_PORT = 830;
    /** Timeout of {@link #of}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Hello capabilities of {@link #of}: both bases, so the device picks chunked framing when it can. */
    public static final Set<String> BOTH_BASES = Set.of(NetconfFraming.BASE_1_0, NetconfFraming.BASE_1_1);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the port or timeout is out of range or no base is announced.
     */
    public NetconfEndpoint
    {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(timeout, "timeout");
        helloCapabilities = Set.copyOf(helloCapabilities);
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException(deviceName + ": port " + port + " is outside 1..65535");
        }
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException(deviceName + ": timeout must be positive, is " + timeout);
        }
        if (!helloCapabilities.contains(NetconfFraming.BASE_1_0) &&
            !helloCapabilities.contains(NetconfFraming.BASE_1_1))
        {
            throw new IllegalArgumentException(deviceName + ": hello announces neither base:1.0 nor base:1.1");
        }
    }

    /**
     * An endpoint with the default timeout, announcing both bases.
     *
     * @param deviceName    the device's name.
     * @param host          host name or address.
     * @param port          TCP port.
     * @param credentials   how to log in.
     * @param hostKeyPolicy how the host key is checked.
     * @return the endpoint.
     */
    public static NetconfEndpoint of(
        final String deviceName,
        final String host,
        final int port,
        final NetconfCredentials credentials,
        final HostKeyPolicy hostKeyPolicy)
    {
        return new NetconfEndpoint(deviceName, host, port, credentials, hostKeyPolicy, DEFAULT_TIMEOUT, BOTH_BASES);
    }

    /**
     * This endpoint with another timeout.
     *
     * @param newTimeout the timeout of every step.
     * @return the changed endpoint.
     */
    public NetconfEndpoint withTimeout(final Duration newTimeout)
    {
        return new NetconfEndpoint(deviceName, host, port, credentials, hostKeyPolicy, newTimeout, helloCapabilities);
    }

    /**
     * This endpoint announcing other capabilities, for example base:1.0 alone to keep end-of-message framing.
     *
     * @param capabilities the hello capabilities.
     * @return the changed endpoint.
     */
    public NetconfEndpoint withHelloCapabilities(final Set<String> capabilities)
    {
        return new NetconfEndpoint(deviceName, host, port, credentials, hostKeyPolicy, timeout, capabilities);
    }
}
