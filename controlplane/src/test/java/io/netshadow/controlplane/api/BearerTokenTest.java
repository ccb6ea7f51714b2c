package io.netshadow.controlplane.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BearerTokenTest
{
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void refusesAMissingFileAndSaysHowToCreateIt()
    {
        assertThatExceptionOfType(TokenFileException.class)
            .isThrownBy(() -> BearerToken.read(dir.resolve("api-token")))
            .withMessageContaining("does not exist")
            .withMessageContaining("install -m 0600");
    }

    @Test
    void refusesAFileThatOthersMayRead() throws IOException
    {
        final Path file = write(TOKEN + "\n", "rw-r--r--");

        assertThatExceptionOfType(TokenFileException.class)
            .isThrownBy(() -> BearerToken.read(file))
            .withMessageContaining("open to group or others")
            .withMessageContaining("chmod 600");
    }

    @Test
    void refusesATokenTooShortToGuessHard() throws IOException
    {
        final Path file = write("secret\n", "rw-------");

        assertThatExceptionOfType(TokenFileException.class)
            .isThrownBy(() -> BearerToken.read(file))
            .withMessageContaining("at least 16");
    }

    @Test
    void acceptsOnlyItsOwnTokenAfterTheBearerScheme() throws Exception
    {
        final BearerToken token = BearerToken.read(write(TOKEN + "\n", "rw-------"));

        assertThat(token.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(token.accepts("bearer " + TOKEN)).isTrue();
        assertThat(token.accepts(token.header())).isTrue();
        assertThat(token.accepts("Bearer " + TOKEN + "x")).isFalse();
        assertThat(token.accepts(TOKEN)).isFalse();
        assertThat(token.accepts("Basic " + TOKEN)).isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    private Path write(final String text, final String permissions) throws IOException
    {
        final Path file = dir.resolve("api-token");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
