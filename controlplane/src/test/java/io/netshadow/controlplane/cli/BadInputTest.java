package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad input ends every command with one line naming the problem and a non-zero exit code, never a stack trace.
 */
class BadInputTest
{
    private static final String ACL_EDIT = """
        <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list">
          <acl><name>x</name><type>ipv4-acl-type</type></acl>
        </acls>""";

    @TempDir
    Path dir;

    @Test
    void profileWithUnknownDeviceInLinkNamesFileLineAndField() throws IOException
    {
        final Path profile = write("profile.yaml", EmbeddedDefaults.text("profile.yaml")
            .replace("b: core1:eth7", "b: core9:eth7"));

        final Result result = run("shadow", "plan", "--profile", profile.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("profile.yaml:").contains("links[").contains("core9")
            .doesNotContain("\tat ");
    }

    @Test
    void changeForMissingDeviceNamesTheDevice() throws IOException
    {
        final Path change = write("change.yaml", """
            id: ghost
            description: edit a device the profile does not have
            edits:
              - device: ghost9
                config: |
            """ + ACL_EDIT.indent(6));

        final Result result = run("change", "plan", change.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("change.yaml:").contains("ghost9").doesNotContain("\tat ");
    }

    @Test
    void changeWithMalformedXmlSaysWhereTheXmlBreaks() throws IOException
    {
        final Path change = write("change.yaml", """
            id: broken
            description: an unclosed element
            edits:
              - device: core1
                config: |
                  <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"><acl><name>x</name>
            """);

        final Result result = run("change", "plan", change.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("change.yaml:").contains("XML").doesNotContain("\tat ");
    }

    @Test
    void daemonRefusesIngestPortAlreadyInUse() throws IOException
    {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            final Path profile = write("profile.yaml", EmbeddedDefaults.text("profile.yaml"));
            final Path password = write("netconf-password", "s3cret\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            final Path config = write("netshadow.yaml", """
                profile: %s
                ingest: { bind-address: 127.0.0.1, port: %d }
                journal: { directory: %s }
                history: { directory: %s }
                jmx: { enabled: false }
                api: { enabled: false }
                netconf: { password-file: %s }
                """.formatted(profile, taken.getLocalPort(), dir.resolve("journal"), dir.resolve("history"),
                password));

            final Result result = assertTimeoutPreemptively(
                Duration.ofMinutes(2), () -> run("daemon", "--config", config.toString()));

            assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
            assertThat(result.err).contains("127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }

    @Test
    void daemonRefusesToStartWithoutTheApiTokenFile() throws IOException
    {
        final Path profile = write("profile.yaml", EmbeddedDefaults.text("profile.yaml"));
        final Path config = write("netshadow.yaml", """
            profile: %s
            journal: { directory: %s }
            history: { directory: %s }
            jmx: { enabled: false }
            api: { token-file: api-token }
            """.formatted(profile, dir.resolve("journal"), dir.resolve("history")));

        final Result result = run("daemon", "--config", config.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains(dir.resolve("api-token") + " does not exist").contains("install -m 0600")
            .doesNotContain("\tat ");
        assertThat(dir.resolve("journal")).doesNotExist();
    }

    @Test
    void daemonRefusesToStartWithANetconfPasswordFileOthersCanRead() throws IOException
    {
        final Path profile = write("profile.yaml", EmbeddedDefaults.text("profile.yaml"));
        final Path password = write("netconf-password", "s3cret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        final Path config = write("netshadow.yaml", """
            profile: %s
            journal: { directory: %s }
            history: { directory: %s }
            jmx: { enabled: false }
            api: { enabled: false }
            netconf: { password-file: netconf-password }
            """.formatted(profile, dir.resolve("journal"), dir.resolve("history")));

        final Result result = run("daemon", "--config", config.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("NETCONF password file " + password + " is open to group or others")
            .contains("chmod 600").doesNotContain("\tat ");
        assertThat(dir.resolve("journal")).doesNotExist();
    }

    @Test
    void configWithUnknownFieldNamesFileLineAndField() throws IOException
    {
        final Path config = write("netshadow.yaml", """
            ingest:
              port: 4789
              bogus: 1
            """);

        final Result result = run("daemon", "--config", config.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("netshadow.yaml:3").contains("bogus");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Result run(final String... args)
    {
        final StringWriter err = new StringWriter();
        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true), args);
        return new Result(exitCode, err.toString());
    }

    private record Result(int exitCode, String err)
    {
    }
}
