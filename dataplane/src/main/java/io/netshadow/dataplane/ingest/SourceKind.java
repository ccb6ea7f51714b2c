package io.netshadow.dataplane.ingest;

/**
 * How a mirror session's copies reach the appliance: the encapsulation, which also says what the session key of a
 * {@link MirrorSession} is.
 */
public enum SourceKind
{
    /** VXLAN over UDP (RFC 7348); the key is the 24-bit VNI. */
    VXLAN(0xFF_FFFF),
    /** GENEVE over UDP (RFC 8926); the key is the 24-bit VNI. */
    GENEVE(0xFF_FFFF),
    /** ERSPAN type II or III over GRE over IPv4; the key is the 10-bit ERSPAN session id. */
    ERSPAN(0x3FF);

    private final int maxKey;

    SourceKind(final int maxKey)
    {
        this.maxKey = maxKey;
    }

    /**
     * The largest session key this kind carries.
     *
     * @return the largest key.
     */
    public int maxKey()
    {
        return maxKey;
    }
}
