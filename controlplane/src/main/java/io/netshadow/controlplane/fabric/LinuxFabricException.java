package io.netshadow.controlplane.fabric;

/**
 * The Linux fabric cannot start, cannot express a device configuration, or a command it runs failed. The message
 * names the device, the element or the command concerned.
 */
public final class LinuxFabricException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message what went wrong and where.
     */
    public LinuxFabricException(final String message)
    {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message what went wrong and where.
     * @param cause   the underlying failure.
     */
    public LinuxFabricException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
