package io.netshadow.controlplane.netconf.agent;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * An agent's SSH host key: an ECDSA P-256 key generated once and kept in a file, so the agent keeps its identity
 * across restarts and clients can pin it.
 */
final class HostKey
{
    private static final int KEY_SIZE_BITS = 256;
    private static final int SSH_PORT = 22;

    private final KeyPair keyPair;

    private HostKey(final KeyPair keyPair)
    {
        this.keyPair = keyPair;
    }

    /**
     * Reads the key from its file, generating and writing it first when the file does not exist.
     *
     * @param file the key file; its folder is created when missing.
     * @return the key.
     * @throws IOException when the file cannot be read or written, or holds no usable key.
     */
    static HostKey loadOrGenerate(final Path file) throws IOException
    {
        final Path folder = file.toAbsolutePath().getParent();
        if (null != folder)
        {
            Files.createDirectories(folder);
        }
        final SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(KEY_SIZE_BITS);
        provider.setOverwriteAllowed(false);
        final List<KeyPair> keys = provider.loadKeys(null);
        if (keys.isEmpty())
        {
            throw new IOException("host key file " + file + " holds no usable key");
        }
        return new HostKey(keys.getFirst());
    }

    /**
     * The key for an SSH server.
     */
    KeyPairProvider provider()
    {
        return KeyPairProvider.wrap(keyPair);
    }

    /**
     * The SHA-256 fingerprint of the public key, as OpenSSH prints it.
     */
    String fingerprint()
    {
        return KeyUtils.getFingerPrint(keyPair.getPublic());
    }

    /**
     * The known_hosts line for the key at an address.
     */
    String knownHostsLine(final String host, final int port)
    {
        final String hostPattern = SSH_PORT == port ? host : "[" + host + "]:" + port;
        return hostPattern + " " + PublicKeyEntry.toString(keyPair.getPublic());
    }
}
