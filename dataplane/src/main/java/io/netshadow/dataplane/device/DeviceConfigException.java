package io.netshadow.dataplane.device;

/**
 * A device configuration, or an edit to one, that cannot be accepted: malformed XML, an element the model does
 * not know, a bad value, or an operation that contradicts the data. The message says what and where.
 */
public final class DeviceConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * What kind of fault it is, with the RFC 6241 error-tag a NETCONF server reports for it.
     */
    public enum Kind
    {
        /** The text is not well-formed XML, or uses a DTD. */
        MALFORMED_XML("malformed-message"),
        /** An element in one of the model's namespaces that the model does not have. */
        UNKNOWN_ELEMENT("unknown-element"),
        /** An attribute with a value the model does not accept, such as an unknown operation. */
        BAD_ATTRIBUTE("bad-attribute"),
        /** A required element, such as a list key, is absent. */
        MISSING_ELEMENT("missing-element"),
        /** A value that is not valid where it stands. */
        INVALID_VALUE("invalid-value"),
        /** A create operation on data that already exists. */
        DATA_EXISTS("data-exists"),
        /** A delete operation on data that does not exist. */
        DATA_MISSING("data-missing");

        private final String errorTag;

        Kind(final String errorTag)
        {
            this.errorTag = errorTag;
        }

        /**
         * The NETCONF error-tag for this kind of fault.
         *
         * @return the tag, such as {@code invalid-value}.
         */
        public String errorTag()
        {
            return errorTag;
        }
    }

    private final Kind kind;
    private final String path;

    /**
     * A fault at a place in the data.
     *
     * @param kind    what kind of fault.
     * @param path    the element path, such as {@code /interfaces/interface[name=eth0]/ipv4/mtu}; empty when the
     *                fault has no place in the data.
     * @param message what is wrong, naming the place.
     */
    public DeviceConfigException(final Kind kind, final String path, final String message)
    {
        super(message);
        this.kind = kind;
        this.path = path;
    }

    /**
     * What kind of fault this is.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Where in the data the fault is.
     *
     * @return the element path, or an empty string.
     */
    public String path()
    {
        return path;
    }
}
