package io.netshadow.controlplane.netconf;

/**
 * A NETCONF peer did not answer within the session's timeout; the session has been closed, since a late reply would
 * leave the caller unsure of the device's state.
 */
public final class NetconfTimeoutException extends NetconfException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out, naming the device.
     */
    public NetconfTimeoutException(final String message)
    {
        super(message);
    }
}
