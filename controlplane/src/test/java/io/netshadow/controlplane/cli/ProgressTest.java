package io.netshadow.controlplane.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest
{
    @Test
    void reportsPacketsShareOfTheFileAndRateWhenTheIntervalHasPassed()
    {
        final StringWriter err = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(err), "replay", 4096, 0);

        for (int i = 1; i <= 2048; i++)
        {
            progress.onPacket(i);
        }
        progress.finish();

        assertThat(err.toString().lines().toList()).hasSize(2)
            .allMatch(line -> line.matches("replay: [\\d,]+ packets \\(\\d+\\.\\d% of the file\\), [\\d,]+ packets/s"));
        assertThat(err.toString()).contains("replay: 1,024 packets (25.0% of the file)", "2,048 packets (50.0% of the file)");
        assertThat(progress.packets()).isEqualTo(2048);
    }

    @Test
    void leavesOutTheShareWhenTheSizeIsUnknown()
    {
        final StringWriter err = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(err), "export", -1, 0);

        for (int i = 0; i < 1024; i++)
        {
            progress.onPacket(0);
        }

        assertThat(err.toString()).startsWith("export: 1,024 packets, ").doesNotContain("% of the file");
    }
}
