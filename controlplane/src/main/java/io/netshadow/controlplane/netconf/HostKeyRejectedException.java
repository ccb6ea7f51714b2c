package io.netshadow.controlplane.netconf;

/**
 * The SSH server's host key did not pass the device's {@link HostKeyPolicy}: unknown to the known-hosts file (and
 * trust on first use not allowed), different from the key on file, or revoked there.
 */
public final class HostKeyRejectedException extends NetconfException
{
    private static final long serialVersionUID = 1L;

    /** Why a host key was refused. */
    public enum Reason
    {
        /** The known-hosts file has no key for the host and port. */
        UNKNOWN,
        /** The known-hosts file holds a different key for the host and port. */
        CHANGED,
        /** The known-hosts file marks the key {@code @revoked}. */
        REVOKED
    }

    /** Why the key was refused. */
    private final Reason reason;
    /** The host connected to. */
    private final String host;
    /** The TCP port connected to. */
    private final int port;
    /** The offered key's SHA-256 fingerprint. */
    private final String fingerprint;

    /**
     * Creates the exception.
     *
     * @param deviceName  the device whose session was refused.
     * @param reason      why the key was refused.
     * @param host        the host connected to.
     * @param port        the TCP port connected to.
     * @param fingerprint the offered key's SHA-256 fingerprint.
     * @param knownHosts  the known-hosts file consulted.
     */
    public HostKeyRejectedException(
        final String deviceName,
        final Reason reason,
        final String host,
        final int port,
        final String fingerprint,
        final String knownHosts)
    {
        super(deviceName + ": host key of " + host + " port " + port + " refused: " + describe(reason, knownHosts) +
            " (offered key " + fingerprint + ")");
        this.reason = reason;
        this.host = host;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /**
     * Why the key was refused.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * The host connected to.
     *
     * @return host name or address.
     */
    public String host()
    {
        return host;
    }

    /**
     * The TCP port connected to.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * The offered key's fingerprint.
     *
     * @return a {@code SHA256:...} fingerprint.
     */
    public String fingerprint()
    {
        return fingerprint;
    }

    private static String describe(final Reason reason, final String knownHosts)
    {
        return switch (reason)
        {
            case UNKNOWN -> knownHosts + " has no key for it and trust on first use is off";
            case CHANGED -> "HOST KEY CHANGED, " + knownHosts + " holds another key for it";
            case REVOKED -> knownHosts + " marks the key @revoked";
        };
    }
}
