package io.netshadow.controlplane.netconf;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

import java.net.SocketAddress;
import java.security.PublicKey;

/**
 * The SSH client's server key verifier: hands each key to the {@link HostKeyCheck} of the connection it arrives on,
 * so one client serves devices with different policies. A connection without a check is refused.
 */
final class HostKeyVerifier implements ServerKeyVerifier
{
    @Override
    public boolean verifyServerKey(final ClientSession session, final SocketAddress remoteAddress, final PublicKey key)
    {
        final HostKeyCheck check = session.getConnectionContext().getAttribute(HostKeyCheck.KEY);
        return null != check && check.accept(key);
    }
}
