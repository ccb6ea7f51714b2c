package io.netshadow.controlplane.netconf;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;

/**
 * Opens NETCONF sessions over SSH (RFC 6242) with Apache MINA SSHD: one started SSH client shared by every session,
 * each session checking its own device's host key and logging in with its own credentials. Nothing is read from
 * the user's {@code ~/.ssh}: keys, known hosts and settings all come from each {@link NetconfEndpoint}.
 */
public final class NetconfClient implements AutoCloseable
{
    private static final String SUBSYSTEM = "netconf";

    private final SshClient ssh;

    /**
     * Starts the SSH client.
     */
    public NetconfClient()
    {
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(new HostKeyVerifier());
        ssh.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        ssh.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        ssh.start();
    }

    /**
     * Opens a session: connects, checks the host key, logs in, starts the netconf subsystem and exchanges hellos.
     * Each step waits at most the endpoint's timeout.
     *
     * @param endpoint the device and how to reach it.
     * @return the open session.
     * @throws HostKeyRejectedException when the host key does not pass the endpoint's policy.
     * @throws NetconfException         when the device cannot be reached, refuses the login or the subsystem, or the
     *                                  hello exchange fails.
     */
    public NetconfSession open(final NetconfEndpoint endpoint) throws NetconfException
    {
        final Duration timeout = endpoint.timeout();
        final HostKeyCheck hostKeyCheck = new HostKeyCheck(endpoint);
        ClientSession session = null;
        try
        {
            session = ssh.connect(
                endpoint.credentials().username(),
                endpoint.host(),
                endpoint.port(),
                AttributeRepository.ofKeyValuePair(HostKeyCheck.KEY, hostKeyCheck),
                null).verify(timeout).getSession();
            addIdentity(session, endpoint.credentials());
            session.auth().verify(timeout);
            final ChannelSubsystem channel = session.createSubsystemChannel(SUBSYSTEM);
            channel.open().verify(timeout);
            final ClientSession owner = session;
            return NetconfSession.start(
                endpoint.deviceName(),
                channel.getInvertedOut(),
                channel.getInvertedIn(),
                () ->
                {
                    channel.close(true);
                    owner.close(true);
                },
                timeout,
                endpoint.helloCapabilities());
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            if (null != session)
            {
                session.close(true);
            }
            final NetconfException refusal = hostKeyCheck.refusal();
            if (null != refusal)
            {
                throw refusal;
            }
            throw new NetconfException(endpoint.deviceName() + ": cannot open a NETCONF session to " +
                endpoint.host() + " port " + endpoint.port() + " (" + endpoint.credentials() + "): " +
                describe(ex), ex);
        }
        catch (final NetconfException ex)
        {
            session.close(true);
            throw ex;
        }
    }

    /**
     * Stops the SSH client, closing every session it carries.
     */
    @Override
    public void close()
    {
        ssh.stop();
    }

    private static void addIdentity(final ClientSession session, final NetconfCredentials credentials)
        throws IOException, GeneralSecurityException
    {
        switch (credentials)
        {
            case NetconfCredentials.Password password -> session.addPasswordIdentity(password.password());
            case NetconfCredentials.PrivateKey key ->
            {
                final FilePasswordProvider passphrase = null == key.passphrase() ?
                    FilePasswordProvider.EMPTY : FilePasswordProvider.of(key.passphrase());
                int loaded = 0;
                try (InputStream in = Files.newInputStream(key.privateKeyFile()))
                {
                    final Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                        session, NamedResource.ofName(key.privateKeyFile().toString()), in, passphrase);
                    if (null != pairs)
                    {
                        for (final KeyPair pair : pairs)
                        {
                            session.addPublicKeyIdentity(pair);
                            loaded++;
                        }
                    }
                }
                if (0 == loaded)
                {
                    throw new GeneralSecurityException("no private key in " + key.privateKeyFile());
                }
            }
        }
    }

    private static String describe(final Exception ex)
    {
        final String message = ex.getMessage();
        return null == message || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
