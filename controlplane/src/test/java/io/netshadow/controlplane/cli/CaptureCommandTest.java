package io.netshadow.controlplane.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureCommandTest
{
    @TempDir
    Path directory;

    @Test
    void namesTheInterfaceWhenThereIsNoneByThatName()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter())
            .execute("capture", "--interface", "ns-nosuch9", "-w", directory.resolve("out.pcapng").toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no network interface named 'ns-nosuch9'");
    }

    @Test
    void needsExactlyOneOfAJournalAndAPcapngFile()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(err, new StringWriter()).execute("capture",
            "--interface", "lo", "-w", directory.resolve("out.pcapng").toString(), "--journal", directory.toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("mutually exclusive");
    }
}
