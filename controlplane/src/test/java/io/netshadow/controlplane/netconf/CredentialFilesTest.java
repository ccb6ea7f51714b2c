package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CredentialFilesTest
{
    @TempDir
    Path dir;

    @Test
    void readsThePasswordFromTheFirstLineOfAPrivateFile() throws IOException, CredentialFileException
    {
        final Path file = write("netconf-password", "s3cret with spaces \nignored\n", "rw-------");

        assertThat(CredentialFiles.password("ops", file))
            .isEqualTo(NetconfCredentials.password("ops", "s3cret with spaces "));
    }

    @Test
    void refusesAPasswordFileThatOthersCanReadSayingHowToFixIt() throws IOException
    {
        final Path file = write("netconf-password", "s3cret\n", "rw-r--r--");

        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.password("ops", file))
            .withMessage("NETCONF password file " + file + " is open to group or others (rw-r--r--); restrict it: " +
                "chmod 600 " + file);
    }

    @Test
    void refusesAMissingOrEmptyPasswordFile() throws IOException
    {
        final Path missing = dir.resolve("absent");
        final Path empty = write("empty", "\nsecond line\n", "rw-------");

        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.password("ops", missing))
            .withMessageStartingWith("NETCONF password file " + missing + " does not exist; create it")
            .withMessageContaining("install -m 0600");
        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.password("ops", empty))
            .withMessage("NETCONF password file " + empty + " must hold the secret on its first line, which is empty");
    }

    @Test
    void readsAKeyLoginWithThePassphraseFromItsFile() throws IOException, CredentialFileException
    {
        final Path key = write("netconf-key", "-----BEGIN OPENSSH PRIVATE KEY-----\n", "rw-------");
        final Path passphrase = write("netconf-key.passphrase", "open sesame\n", "r--------");

        assertThat(CredentialFiles.privateKey("ops", key, passphrase))
            .isEqualTo(NetconfCredentials.privateKey("ops", key, "open sesame"));
        assertThat(CredentialFiles.privateKey("ops", key, null))
            .isEqualTo(NetconfCredentials.privateKey("ops", key, null));
    }

    @Test
    void refusesAKeyFileThatIsMissingOrOpenToTheGroup() throws IOException
    {
        final Path missing = dir.resolve("absent-key");
        final Path open = write("netconf-key", "-----BEGIN OPENSSH PRIVATE KEY-----\n", "rw-r-----");

        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.privateKey("ops", missing, null))
            .withMessageStartingWith("NETCONF private key file " + missing + " does not exist")
            .withMessageContaining("ssh-keygen");
        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.privateKey("ops", open, null))
            .withMessage("NETCONF private key file " + open + " is open to group or others (rw-r-----); restrict " +
                "it: chmod 600 " + open);
    }

    @Test
    void refusesAPassphraseFileOthersCanRead() throws IOException
    {
        final Path key = write("netconf-key", "-----BEGIN OPENSSH PRIVATE KEY-----\n", "rw-------");
        final Path passphrase = write("netconf-key.passphrase", "open sesame\n", "rw-rw-rw-");

        assertThatExceptionOfType(CredentialFileException.class)
            .isThrownBy(() -> CredentialFiles.privateKey("ops", key, passphrase))
            .withMessageStartingWith("NETCONF key passphrase file " + passphrase + " is open to group or others");
    }

    private Path write(final String name, final String text, final String permissions) throws IOException
    {
        final Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
