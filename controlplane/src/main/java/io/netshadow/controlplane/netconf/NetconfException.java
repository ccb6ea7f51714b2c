package io.netshadow.controlplane.netconf;

/**
 * A NETCONF session could not be opened or an operation on it failed; the message names the device and what failed.
 */
public class NetconfException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the device.
     */
    public NetconfException(final String message)
    {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the device.
     * @param cause   the underlying failure.
     */
    public NetconfException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
