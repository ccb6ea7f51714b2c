package io.netshadow.controlplane.netconf;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The capabilities a NETCONF peer announced in its hello (RFC 6241 section 8), compared without their query
 * parameters ({@code ?module=...}).
 */
public final class Capabilities
{
    /** The candidate datastore. */
    public static final String CANDIDATE = "urn:ietf:params:netconf:capability:candidate:1.0";
    /** Confirmed commits with persist and cancel-commit. */
    public static final String CONFIRMED_COMMIT_1_1 = "urn:ietf:params:netconf:capability:confirmed-commit:1.1";
    /** Confirmed commits bound to the session that made them. */
    public static final String CONFIRMED_COMMIT_1_0 = "urn:ietf:params:netconf:capability:confirmed-commit:1.0";
    /** The validate operation and edit-config test-option test-then-set and set. */
    public static final String VALIDATE_1_0 = "urn:ietf:params:netconf:capability:validate:1.0";
    /** As {@link #VALIDATE_1_0}, plus test-option test-only. */
    public static final String VALIDATE_1_1 = "urn:ietf:params:netconf:capability:validate:1.1";
    /** edit-config error-option rollback-on-error. */
    public static final String ROLLBACK_ON_ERROR = "urn:ietf:params:netconf:capability:rollback-on-error:1.0";
    /** The YANG module of interface types, whose identities ietf-interfaces' mandatory type leaf takes. */
    public static final String IANA_IF_TYPE = "urn:ietf:params:xml:ns:yang:iana-if-type";

    private final Set<String> uris;
    private final Set<String> bare;

    /**
     * Holds a set of capability URIs.
     *
     * @param uris the URIs as announced.
     */
    public Capabilities(final Set<String> uris)
    {
        this.uris = Set.copyOf(uris);
        final Set<String> withoutQuery = new LinkedHashSet<>();
        for (final String uri : uris)
        {
            final int query = uri.indexOf('?');
            withoutQuery.add(query < 0 ? uri : uri.substring(0, query));
        }
        this.bare = Set.copyOf(withoutQuery);
    }

    /**
     * The URIs as announced, query parameters included.
     *
     * @return every capability.
     */
    public Set<String> uris()
    {
        return uris;
    }

    /**
     * Whether a capability was announced.
     *
     * @param uri the capability URI without query parameters (a YANG module's namespace for a module).
     * @return true when announced.
     */
    public boolean has(final String uri)
    {
        return bare.contains(uri);
    }

    /**
     * Whether the peer speaks base:1.1 (chunked framing).
     *
     * @return true when base:1.1 was announced.
     */
    public boolean base11()
    {
        return has(NetconfFraming.BASE_1_1);
    }

    /**
     * Whether the peer has a candidate datastore.
     *
     * @return true for {@code :candidate}.
     */
    public boolean candidate()
    {
        return has(CANDIDATE);
    }

    /**
     * Whether confirmed commits can be made (either version).
     *
     * @return true for {@code :confirmed-commit:1.0} or {@code :1.1}.
     */
    public boolean confirmedCommit()
    {
        return has(CONFIRMED_COMMIT_1_1) || has(CONFIRMED_COMMIT_1_0);
    }

    /**
     * Whether confirmed commits take persist and persist-id and can be cancelled.
     *
     * @return true for {@code :confirmed-commit:1.1}.
     */
    public boolean confirmedCommitWithPersist()
    {
        return has(CONFIRMED_COMMIT_1_1);
    }

    /**
     * Whether the validate operation and edit-config's test-option are offered.
     *
     * @return true for {@code :validate:1.0} or {@code :1.1}.
     */
    public boolean validate()
    {
        return has(VALIDATE_1_1) || has(VALIDATE_1_0);
    }

    /**
     * Whether edit-config error-option rollback-on-error is offered.
     *
     * @return true for {@code :rollback-on-error}.
     */
    public boolean rollbackOnError()
    {
        return has(ROLLBACK_ON_ERROR);
    }

    @Override
    public String toString()
    {
        return String.join(" ", uris);
    }
}
