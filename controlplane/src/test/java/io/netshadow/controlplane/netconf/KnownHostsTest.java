package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;

class KnownHostsTest
{
    @TempDir
    Path folder;

    @Test
    void appendedKeyIsKnownAtItsPortOnly() throws Exception
    {
        final Path file = folder.resolve("known_hosts");
        final PublicKey key = newKey();

        KnownHosts.append(file, "r1.example", 830, key);

        assertThat(Files.readString(file)).startsWith("[r1.example]:830 ecdsa-sha2-nistp256 ");
        assertThat(KnownHosts.check(file, "r1.example", 830, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
        assertThat(KnownHosts.check(file, "r1.example", 831, key)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
        assertThat(KnownHosts.check(file, "r2.example", 830, key)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void port22IsWrittenAsThePlainHostName() throws Exception
    {
        final Path file = folder.resolve("known_hosts");

        KnownHosts.append(file, "r1.example", 22, newKey());

        assertThat(Files.readString(file)).startsWith("r1.example ecdsa-sha2-nistp256 ");
    }

    @Test
    void anotherKeyForAKnownHostIsChanged() throws Exception
    {
        final Path file = folder.resolve("known_hosts");
        KnownHosts.append(file, "r1.example", 830, newKey());

        assertThat(KnownHosts.check(file, "r1.example", 830, newKey())).isEqualTo(KnownHosts.Verdict.CHANGED);
    }

    @Test
    void appendStartsANewLineWhenTheFileLacksOne() throws Exception
    {
        final Path file = folder.resolve("known_hosts");
        Files.writeString(file, "# hand-written, no newline");
        final PublicKey key = newKey();

        KnownHosts.append(file, "r1.example", 830, key);

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(KnownHosts.check(file, "r1.example", 830, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
    }

    @Test
    void missingFileKnowsNoHost() throws Exception
    {
        assertThat(KnownHosts.check(folder.resolve("absent"), "r1.example", 830, newKey()))
            .isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    private static PublicKey newKey() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }
}
