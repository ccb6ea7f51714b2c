package io.netshadow.controlplane.netconf;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.PublicKey;

/**
 * The host-key check of one connection attempt: applies the endpoint's {@link HostKeyPolicy} to the key the server
 * offers and keeps the reason of a refusal, so that the failed connection reports it instead of a bare SSH error.
 */
final class HostKeyCheck
{
    /** Where the check travels in the connection context, for {@link HostKeyVerifier}. */
    static final AttributeKey<HostKeyCheck> KEY = new AttributeKey<>();

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    private final NetconfEndpoint endpoint;
    private volatile NetconfException refusal;

    HostKeyCheck(final NetconfEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    /**
     * Applies the policy to an offered key, appending it to the known-hosts file when trusted on first use.
     *
     * @param key the server's host key.
     * @return true when the key is accepted.
     */
    boolean accept(final PublicKey key)
    {
        final HostKeyPolicy policy = endpoint.hostKeyPolicy();
        final String fingerprint = KeyUtils.getFingerPrint(key);
        try
        {
            final KnownHosts.Verdict verdict =
                KnownHosts.check(policy.knownHostsFile(), endpoint.host(), endpoint.port(), key);
            return switch (verdict)
            {
                case KNOWN -> true;
                case UNKNOWN -> policy.trustOnFirstUse() ?
                    trust(key, fingerprint) : refuse(HostKeyRejectedException.Reason.UNKNOWN, fingerprint);
                case CHANGED -> refuse(HostKeyRejectedException.Reason.CHANGED, fingerprint);
                case REVOKED -> refuse(HostKeyRejectedException.Reason.REVOKED, fingerprint);
            };
        }
        catch (final IOException ex)
        {
            refusal = new NetconfException(endpoint.deviceName() + ": host key of " + endpoint.host() + " port " +
                endpoint.port() + " refused: cannot use known-hosts file " + policy.knownHostsFile() + ": " +
                ex.getMessage(), ex);
            return false;
        }
    }

    /**
     * Why the key was refused.
     *
     * @return the refusal, or null when the key was accepted or not yet checked.
     */
    NetconfException refusal()
    {
        return refusal;
    }

    private boolean trust(final PublicKey key, final String fingerprint) throws IOException
    {
        final HostKeyPolicy policy = endpoint.hostKeyPolicy();
        KnownHosts.append(policy.knownHostsFile(), endpoint.host(), endpoint.port(), key);
        LOG.info("{}: trusted host key {} of {} port {} on first use, recorded in {}",
            endpoint.deviceName(), fingerprint, endpoint.host(), endpoint.port(), policy.knownHostsFile());
        return true;
    }

    private boolean refuse(final HostKeyRejectedException.Reason reason, final String fingerprint)
    {
        refusal = new HostKeyRejectedException(
            endpoint.deviceName(),
            reason,
            endpoint.host(),
            endpoint.port(),
            fingerprint,
            endpoint.hostKeyPolicy().knownHostsFile().toString());
        return false;
    }
}
