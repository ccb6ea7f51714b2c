package io.netshadow.controlplane.netconf.agent;

/**
 * The configuration datastores an agent holds (RFC 6241 section 5.1, :candidate).
 */
enum Datastore
{
    /** The configuration in force, the one the device forwards with. */
    RUNNING("running"),
    /** The scratch configuration that a commit makes the running one. */
    CANDIDATE("candidate");

    private final String xmlName;

    Datastore(final String xmlName)
    {
        this.xmlName = xmlName;
    }

    /**
     * The element name that selects this datastore in a target or source parameter.
     *
     * @return such as {@code running}.
     */
    String xmlName()
    {
        return xmlName;
    }
}
