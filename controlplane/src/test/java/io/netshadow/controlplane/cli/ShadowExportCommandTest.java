package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.export.ContainerlabExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowExportCommandTest
{
    private static final String POLICER_ON_A_MISSING_LINK = """
        <config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
          <qos xmlns="urn:netshadow:params:xml:ns:yang:netshadow-qos">
            <interface>
              <name>eth1</name>
              <ingress-policer>
                <rate-bps>1000000</rate-bps>
                <burst-bytes>15000</burst-bytes>
              </ingress-policer>
            </interface>
          </qos>
        </config>
        """;

    @TempDir
    Path directory;

    @Test
    void writesTheTopologyFileAndSaysHowToDeployIt()
    {
        final Path lab = directory.resolve("lab");
        final StringWriter err = new StringWriter();

        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true),
            "shadow", "export", "--containerlab", lab.toString(), "--budget", "5", "--kind", "linux");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(lab.resolve(ContainerlabExport.TOPOLOGY_FILE)).exists();
        assertThat(lab.resolve("core1").resolve(ContainerlabExport.STARTUP_SCRIPT)).exists();
        assertThat(lab.resolve("core1").resolve("frr.conf")).doesNotExist();
    }

    @Test
    void aConfigurationTheExportCannotExpressIsRefusedNamingTheDevice() throws Exception
    {
        final Path configs = Files.createDirectories(directory.resolve("configs"));
        Files.writeString(configs.resolve("acc1.xml"), POLICER_ON_A_MISSING_LINK);
        final StringWriter err = new StringWriter();

        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true), "shadow", "export",
            "--containerlab", directory.resolve("lab").toString(), "--budget", "5", "--configs", configs.toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("device acc1: an ingress policer on port eth1, whose link to dist2:eth2 " +
            "is outside the shadow");
    }

    @Test
    void refusesAnUnknownKind()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true), "shadow", "export",
            "--containerlab", directory.resolve("lab").toString(), "--budget", "5", "--kind", "srl");

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("expected --kind linux, frr or auto, got 'srl'");
    }
}
