package io.netshadow.dataplane.device;

/**
 * The NETCONF edit-config operations (RFC 6241 section 7.2) an element of an edit may carry.
 */
enum EditOperation
{
    /** Merge the element into the data, creating what is missing. */
    MERGE,
    /** Replace the data node with the element. */
    REPLACE,
    /** Create the data node; an error when it exists. */
    CREATE,
    /** Delete the data node; an error when it is missing. */
    DELETE,
    /** Delete the data node when it exists. */
    REMOVE;

    /**
     * The operation an attribute value names, or null when it names none.
     */
    static EditOperation fromAttribute(final String value)
    {
        return switch (value)
        {
            case "merge" -> MERGE;
            case "replace" -> REPLACE;
            case "create" -> CREATE;
            case "delete" -> DELETE;
            case "remove" -> REMOVE;
            default -> null;
        };
    }
}
