package io.netshadow.controlplane.netconf;

/**
 * The NETCONF session is gone (the device closed or killed it, the connection failed, a reply timed out, or this
 * side closed it); every pending and later call on it throws this. A new session is needed.
 */
public final class NetconfSessionClosedException extends NetconfException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what ended the session, naming the device.
     * @param cause   the underlying failure, may be null.
     */
    public NetconfSessionClosedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
