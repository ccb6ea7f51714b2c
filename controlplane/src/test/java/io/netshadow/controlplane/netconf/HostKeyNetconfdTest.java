package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Host-key checking against netconfd's sshd: unknown keys refused unless trusted on first use, changed and revoked
 * keys always refused, OpenSSH's hashed entries understood.
 */
class HostKeyNetconfdTest
{
    private static NetconfdInstance netconfd;
    private static NetconfClient client;
    private static String hostFingerprint;

    @BeforeAll
    static void startNetconfd() throws Exception
    {
        netconfd = NetconfdInstance.start();
        client = new NetconfClient();
        final Process keygen = new ProcessBuilder(
            "ssh-keygen", "-l", "-E", "sha256", "-f", netconfd.folder().resolve("host_ecdsa.pub").toString())
            .redirectErrorStream(true)
            .start();
        hostFingerprint = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ")[1];
        keygen.waitFor();
    }

    @AfterAll
    static void stopNetconfd()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != netconfd)
        {
            netconfd.close();
        }
    }

    @Test
    void unknownHostKeyIsRefusedNamingHostPortAndFingerprint()
    {
        final Path knownHosts = netconfd.folder().resolve("unknown_known_hosts");

        assertThatThrownBy(() -> client.open(endpoint(HostKeyPolicy.strict(knownHosts))))
            .isInstanceOf(HostKeyRejectedException.class)
            .hasMessage("r1: host key of 127.0.0.1 port " + netconfd.port() + " refused: " + knownHosts +
                " has no key for it and trust on first use is off (offered key " + hostFingerprint + ")")
            .asInstanceOf(type(HostKeyRejectedException.class))
            .satisfies(ex ->
            {
                assertThat(ex.reason()).isEqualTo(HostKeyRejectedException.Reason.UNKNOWN);
                assertThat(ex.port()).isEqualTo(netconfd.port());
            });
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void trustOnFirstUseRecordsTheKeySoThatAStrictPolicyAcceptsItLater() throws Exception
    {
        final Path knownHosts = netconfd.folder().resolve("tofu").resolve("known_hosts");

        try (NetconfSession session = client.open(endpoint(HostKeyPolicy.trustOnFirstUse(knownHosts))))
        {
            assertThat(session.isOpen()).isTrue();
        }
        assertThat(Files.readString(knownHosts))
            .startsWith("[127.0.0.1]:" + netconfd.port() + " ecdsa-sha2-nistp256 ")
            .hasLineCount(1);
        try (NetconfSession session = client.open(endpoint(HostKeyPolicy.strict(knownHosts))))
        {
            assertThat(session.isOpen()).isTrue();
        }
        assertThat(Files.readString(knownHosts)).hasLineCount(1);
    }

    @Test
    void changedHostKeyIsRefusedEvenWhenTrustingOnFirstUse() throws Exception
    {
        final Path knownHosts = netconfd.folder().resolve("changed_known_hosts");
        Files.writeString(knownHosts, netconfd.otherHostKeyLine());

        assertThatThrownBy(() -> client.open(endpoint(HostKeyPolicy.trustOnFirstUse(knownHosts))))
            .isInstanceOf(HostKeyRejectedException.class)
            .hasMessageContaining("HOST KEY CHANGED")
            .hasMessageContaining(hostFingerprint)
            .asInstanceOf(type(HostKeyRejectedException.class))
            .extracting(HostKeyRejectedException::reason)
            .isEqualTo(HostKeyRejectedException.Reason.CHANGED);
        assertThat(Files.readString(knownHosts)).isEqualTo(netconfd.otherHostKeyLine());
    }

    @Test
    void revokedHostKeyIsRefused() throws Exception
    {
        final Path knownHosts = netconfd.folder().resolve("revoked_known_hosts");
        Files.writeString(knownHosts, "@revoked " + Files.readString(netconfd.knownHostKey().knownHostsFile()));

        assertThatThrownBy(() -> client.open(endpoint(HostKeyPolicy.trustOnFirstUse(knownHosts))))
            .isInstanceOf(HostKeyRejectedException.class)
            .asInstanceOf(type(HostKeyRejectedException.class))
            .extracting(HostKeyRejectedException::reason)
            .isEqualTo(HostKeyRejectedException.Reason.REVOKED);
    }

    @Test
    void hashedKnownHostsEntryIsAccepted() throws Exception
    {
        final Path knownHosts = netconfd.knownHostKey().knownHostsFile();
        final Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", knownHosts.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        assertThat(hash.waitFor()).isZero();
        assertThat(Files.readString(knownHosts)).startsWith("|1|");

        try (NetconfSession session = client.open(endpoint(HostKeyPolicy.strict(knownHosts))))
        {
            assertThat(session.isOpen()).isTrue();
        }
    }

    private static NetconfEndpoint endpoint(final HostKeyPolicy policy)
    {
        return netconfd.endpoint("r1", netconfd.keyLogin(), policy);
    }
}
