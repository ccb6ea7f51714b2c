package io.netshadow.controlplane.netconf.agent;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Who may log in to an agent: one user name, with its password and, optionally, public keys it may log in with
 * instead.
 *
 * @param username       the user name.
 * @param password       the password.
 * @param authorizedKeys public keys that also authenticate the user; may be empty.
 */
public record AgentCredentials(String username, String password, List<PublicKey> authorizedKeys)
{
    private static final int GENERATED_PASSWORD_BYTES = 18;

    /**
     * Checks and copies the fields.
     *
     * @throws IllegalArgumentException when the user name or password is empty.
     */
    public AgentCredentials
    {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || password.isEmpty())
        {
            throw new IllegalArgumentException("an agent needs a user name and a password");
        }
        authorizedKeys = List.copyOf(authorizedKeys);
    }

    /**
     * Password login only.
     *
     * @param username the user name.
     * @param password the password.
     * @return the credentials.
     */
    public static AgentCredentials password(final String username, final String password)
    {
        return new AgentCredentials(username, password, List.of());
    }

    /**
     * Password login with a random password, for agents whose clients learn it from {@link AgentEndpoint}.
     *
     * @param username the user name.
     * @return the credentials.
     */
    public static AgentCredentials generated(final String username)
    {
        final byte[] secret = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(secret);
        return password(username, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * These credentials with public keys that also authenticate the user.
     *
     * @param keys the public keys.
     * @return the credentials.
     */
    public AgentCredentials withAuthorizedKeys(final List<PublicKey> keys)
    {
        return new AgentCredentials(username, password, keys);
    }

    /**
     * The user name and key count, never the password.
     *
     * @return a description for logs.
     */
    @Override
    public String toString()
    {
        return "AgentCredentials[username=" + username + ", password=***, authorizedKeys=" + authorizedKeys.size() +
            "]";
    }
}
