package io.netshadow.controlplane.export;

import java.io.Serial;

/**
 * A shadow that cannot be exported, such as a device configuration that refers to a port the exported node lacks;
 * the message names the device.
 */
public final class ExportException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what cannot be exported, naming the device or link.
     */
    public ExportException(final String message)
    {
        super(message);
    }
}
