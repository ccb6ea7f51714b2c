package io.netshadow.dataplane.device;

import java.util.Locale;

/**
 * What an ACL entry does with a packet it matches (the RFC 8519 forwarding actions).
 */
public enum AclAction
{
    /** Let the packet through. */
    ACCEPT,
    /** Discard the packet silently. */
    DROP,
    /** Discard the packet; a device would tell the sender, the fabric counts it as a drop like {@link #DROP}. */
    REJECT;

    /**
     * The YANG identity name of this action.
     *
     * @return {@code accept}, {@code drop} or {@code reject}.
     */
    public String yangName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
