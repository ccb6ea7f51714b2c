package io.netshadow.controlplane.netconf.agent;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;

/**
 * Authenticates SSH logins against an agent's credentials, comparing secrets in constant time.
 */
final class CredentialCheck implements PasswordAuthenticator, PublickeyAuthenticator
{
    private final AgentCredentials credentials;

    CredentialCheck(final AgentCredentials credentials)
    {
        this.credentials = credentials;
    }

    @Override
    public boolean authenticate(final String username, final String password, final ServerSession session)
    {
        final boolean userMatches = equalInConstantTime(credentials.username(), username);
        final boolean passwordMatches = equalInConstantTime(credentials.password(), password);
        return userMatches && passwordMatches;
    }

    @Override
    public boolean authenticate(final String username, final PublicKey key, final ServerSession session)
    {
        if (!equalInConstantTime(credentials.username(), username))
        {
            return false;
        }
        for (final PublicKey authorized : credentials.authorizedKeys())
        {
            if (KeyUtils.compareKeys(authorized, key))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean equalInConstantTime(final String expected, final String actual)
    {
        return null != actual && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
