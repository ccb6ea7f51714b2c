package io.netshadow.controlplane.netconf;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;

/**
 * An OpenSSH known-hosts file: finds what it says about a host's key, and appends a key trusted on first use as
 * {@code [host]:port type base64} (plain {@code host} on port 22). Hashed host names are understood;
 * {@code @cert-authority} lines and keys of types this client cannot read are skipped.
 */
final class KnownHosts
{
    /** What the file says about an offered key. */
    enum Verdict
    {
        /** The file holds this key for the host. */
        KNOWN,
        /** The file holds no key for the host. */
        UNKNOWN,
        /** The file holds other keys for the host, not this one. */
        CHANGED,
        /** The file marks this key {@code @revoked}. */
        REVOKED
    }

    private static final int SSH_PORT = 22;
    private static final String REVOKED_MARKER = "revoked";
    private static final Object APPEND_LOCK = new Object();

    private KnownHosts()
    {
    }

    /**
     * Looks up an offered key. A host with keys on file none of which is the offered one counts as changed, whatever
     * the key types: a server that switches key type is refused rather than trusted anew.
     *
     * @param file the known-hosts file; a missing file knows no host.
     * @param host the host as connected to.
     * @param port the port connected to.
     * @param key  the key the server offered.
     * @return the verdict.
     * @throws IOException when the file cannot be read or parsed.
     */
    static Verdict check(final Path file, final String host, final int port, final PublicKey key) throws IOException
    {
        if (!Files.exists(file))
        {
            return Verdict.UNKNOWN;
        }
        final List<KnownHostEntry> entries = KnownHostEntry.readKnownHostEntries(file);
        boolean hostKnown = false;
        boolean keyKnown = false;
        for (final KnownHostEntry entry : entries)
        {
            if (!entry.isHostMatch(host, port))
            {
                continue;
            }
            final PublicKey entryKey = resolve(entry);
            if (null == entryKey)
            {
                continue;
            }
            final boolean sameKey = KeyUtils.compareKeys(entryKey, key);
            final String marker = entry.getMarker();
            if (REVOKED_MARKER.equals(marker))
            {
                if (sameKey)
                {
                    return Verdict.REVOKED;
                }
            }
            else if (null == marker || marker.isEmpty())
            {
                hostKnown = true;
                keyKnown |= sameKey;
            }
        }
        if (keyKnown)
        {
            return Verdict.KNOWN;
        }
        return hostKnown ? Verdict.CHANGED : Verdict.UNKNOWN;
    }

    /**
     * Appends a host's key to the file, creating it (and its folder) when missing.
     *
     * @param file the known-hosts file.
     * @param host the host as connected to.
     * @param port the port connected to.
     * @param key  the key to trust.
     * @throws IOException when the file cannot be written.
     */
    static void append(final Path file, final String host, final int port, final PublicKey key) throws IOException
    {
        final StringBuilder line = new StringBuilder(128);
        line.append(SSH_PORT == port ? host : "[" + host + "]:" + port).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, key);
        line.append('\n');
        synchronized (APPEND_LOCK)
        {
            final Path folder = file.toAbsolutePath().getParent();
            if (null != folder)
            {
                Files.createDirectories(folder);
            }
            final boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
            Files.writeString(
                file,
                needsNewline ? "\n" + line : line,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
    }

    private static PublicKey resolve(final KnownHostEntry entry) throws IOException
    {
        if (null == entry.getKeyEntry())
        {
            return null;
        }
        try
        {
            return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("bad key in line '" + entry.getConfigLine() + "': " + ex.getMessage(), ex);
        }
    }

    private static boolean endsWithNewline(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        return bytes.length > 0 && '\n' == bytes[bytes.length - 1];
    }
}
