package io.netshadow.controlplane.netconf;

import java.io.IOException;

/**
 * The bytes from a NETCONF peer break RFC 6242 framing; the session cannot continue.
 */
public final class NetconfFramingException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong with the framing.
     */
    public NetconfFramingException(final String message)
    {
        super(message);
    }
}
