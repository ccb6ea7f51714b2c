package io.netshadow.controlplane.netconf.agent;

/**
 * The layer an rpc-error belongs to (RFC 6241 section 4.3, error-type).
 */
enum ErrorType
{
    /** Messages: framing, XML, the rpc element itself. */
    RPC("rpc"),
    /** Operations and their parameters. */
    PROTOCOL("protocol"),
    /** The configuration data. */
    APPLICATION("application");

    private final String xmlName;

    ErrorType(final String xmlName)
    {
        this.xmlName = xmlName;
    }

    /**
     * The value of the error-type element.
     *
     * @return such as {@code protocol}.
     */
    String xmlName()
    {
        return xmlName;
    }
}
