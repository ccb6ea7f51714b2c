package io.netshadow.dataplane.packet;

import java.util.Locale;

/**
 * What the {@link EncapsulationDecoder} made of a mirror copy's outer headers: an inner frame found, or the reason
 * there is none. Each value names the counter that counts it.
 */
public enum EncapsulationResult
{
    /** The outer headers are well formed and the inner frame lies within the packet. */
    DECODED(false, "encap.decoded"),
    /** A GENEVE control (OAM) message: well formed, but no tenant frame to ingest. */
    GENEVE_CONTROL(false, "encap.geneve_control"),
    /** Fewer bytes than a VXLAN header. */
    TRUNCATED_VXLAN,
    /** A VXLAN header without the I flag RFC 7348 requires. */
    BAD_VXLAN_FLAGS,
    /** Fewer bytes than a GENEVE header, or than the options it declares. */
    TRUNCATED_GENEVE,
    /** A GENEVE version other than 0. */
    BAD_GENEVE_VERSION,
    /** A GENEVE payload that is not an Ethernet frame. */
    GENEVE_NOT_ETHERNET,
    /** Fewer bytes than the outer IPv4 header, or than the lengths it declares. */
    TRUNCATED_OUTER_IPV4,
    /** An outer header that is not IPv4 carrying GRE. */
    OUTER_NOT_IPV4_GRE,
    /** An outer IPv4 fragment: ERSPAN is not reassembled. */
    OUTER_IPV4_FRAGMENT,
    /** Fewer bytes than the GRE header and the optional words its flags announce. */
    TRUNCATED_GRE,
    /** A GRE version other than 0. */
    BAD_GRE_VERSION,
    /** A GRE payload that is not ERSPAN type II or III. */
    GRE_NOT_ERSPAN,
    /** Fewer bytes than the ERSPAN header, or than its platform-specific subheader. */
    TRUNCATED_ERSPAN,
    /** An ERSPAN version that does not match the GRE protocol type, or ERSPAN type I, which is not supported. */
    BAD_ERSPAN_VERSION;

    private final boolean malformed;
    private final String counterLabel;

    EncapsulationResult()
    {
        this.malformed = true;
        this.counterLabel = "encap.malformed." + name().toLowerCase(Locale.ROOT);
    }

    EncapsulationResult(final boolean malformed, final String counterLabel)
    {
        this.malformed = malformed;
        this.counterLabel = counterLabel;
    }

    /**
     * Whether the outer headers are malformed.
     *
     * @return true for a malformed encapsulation.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * The label of the counter that counts this result, such as {@code encap.malformed.truncated_gre}.
     *
     * @return the counter label.
     */
    public String counterLabel()
    {
        return counterLabel;
    }
}
