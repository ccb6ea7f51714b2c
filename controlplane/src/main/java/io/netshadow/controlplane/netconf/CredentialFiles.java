package io.netshadow.controlplane.netconf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a NETCONF login from files that only their owner may read or write (as OpenSSH demands of a private key):
 * a password file, or a private key file with an optional passphrase file. A password or passphrase is the file's
 * first line, without its line end.
 */
public final class CredentialFiles
{
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private CredentialFiles()
    {
    }

    /**
     * Password login with the password on the first line of a file.
     *
     * @param username     the SSH user name.
     * @param passwordFile the password file.
     * @return the credentials.
     * @throws CredentialFileException when the file is missing, unreadable, open to group or others, or its first
     *                                 line is empty.
     */
    public static NetconfCredentials password(final String username, final Path passwordFile)
        throws CredentialFileException
    {
        return NetconfCredentials.password(username, firstLine("NETCONF password file", passwordFile));
    }

    /**
     * Public-key login with a private key file, and the key's passphrase on the first line of another file when
     * the key is encrypted. The key itself is read when a session logs in.
     *
     * @param username       the SSH user name.
     * @param privateKeyFile the private key file, OpenSSH or PEM.
     * @param passphraseFile the passphrase file, or null when the key is not encrypted.
     * @return the credentials.
     * @throws CredentialFileException when a file is missing, unreadable or open to group or others, or the
     *                                 passphrase file's first line is empty.
     */
    public static NetconfCredentials privateKey(
        final String username, final Path privateKeyFile, final Path passphraseFile) throws CredentialFileException
    {
        final String what = "NETCONF private key file";
        try
        {
            checkPermissions(what, privateKeyFile);
            if (!Files.isReadable(privateKeyFile))
            {
                throw new AccessDeniedException(privateKeyFile.toString());
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new CredentialFileException(what + " " + privateKeyFile + " does not exist; create a key pair " +
                "readable by the daemon's user only: ssh-keygen -t ecdsa -N '' -f " + privateKeyFile +
                " && chown netshadow " + privateKeyFile + ", then authorize " + privateKeyFile + ".pub on the devices");
        }
        catch (final IOException ex)
        {
            throw unreadable(what, privateKeyFile, ex);
        }
        final String passphrase = null == passphraseFile ? null :
            firstLine("NETCONF key passphrase file", passphraseFile);
        return NetconfCredentials.privateKey(username, privateKeyFile, passphrase);
    }

    private static String firstLine(final String what, final Path file) throws CredentialFileException
    {
        final String text;
        try
        {
            checkPermissions(what, file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new CredentialFileException(what + " " + file + " does not exist; create it, readable by the " +
                "daemon's user only: install -m 0600 -o netshadow -g netshadow /dev/null " + file +
                ", then write the secret on its first line");
        }
        catch (final IOException ex)
        {
            throw unreadable(what, file, ex);
        }
        final String line = text.lines().findFirst().orElse("");
        if (line.isEmpty())
        {
            throw new CredentialFileException(what + " " + file + " must hold the secret on its first line, " +
                "which is empty");
        }
        return line;
    }

    private static void checkPermissions(final String what, final Path file)
        throws IOException, CredentialFileException
    {
        final PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (null == view)
        {
            return;
        }
        final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(TOO_OPEN::contains))
        {
            throw new CredentialFileException(what + " " + file + " is open to group or others (" +
                PosixFilePermissions.toString(permissions) + "); restrict it: chmod 600 " + file);
        }
    }

    private static CredentialFileException unreadable(final String what, final Path file, final IOException ex)
    {
        return ex instanceof AccessDeniedException ?
            new CredentialFileException(what + " " + file + " cannot be read by this user") :
            new CredentialFileException(what + " " + file + " cannot be read: " + ex.getMessage());
    }
}
