package io.netshadow.controlplane.orchestrator;

/**
 * A device refused an operation or could not be reached; the message names the device and what failed.
 */
public final class DeviceException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the device.
     * @param cause   the underlying failure, may be null.
     */
    public DeviceException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
