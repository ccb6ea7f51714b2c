package io.netshadow.controlplane.netconf;

/**
 * A NETCONF configuration datastore (RFC 6241 section 5.1).
 */
public enum Datastore
{
    /** The configuration in force. */
    RUNNING("running"),
    /** The scratch configuration that commit makes running ({@code :candidate}). */
    CANDIDATE("candidate"),
    /** The configuration loaded at boot ({@code :startup}). */
    STARTUP("startup");

    private final String elementName;

    Datastore(final String elementName)
    {
        this.elementName = elementName;
    }

    /**
     * The element that names this datastore inside source and target.
     *
     * @return for example {@code candidate}.
     */
    public String elementName()
    {
        return elementName;
    }
}
