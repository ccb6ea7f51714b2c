package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.report.TrendsHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTrendsCommandTest
{
    @TempDir
    Path dir;

    @Test
    void writesTheTrendsOfAHistoryFolderAsAnHtmlPageWithRolesFromTheProfile() throws IOException
    {
        final Path folder = dir.resolve("history");
        try (HistoryJournal history = HistoryJournal.open(folder))
        {
            TrendsHistory.write(history);
        }
        final Path html = dir.resolve("trends.html");
        final StringWriter err = new StringWriter();

        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true),
            "history", "trends", "--history", folder.toString(), "--html", html.toString(), "--monthly");

        assertThat(exitCode).isZero();
        assertThat(err.toString()).contains("wrote " + html);
        assertThat(Files.readString(html)).contains("Verdict accuracy per month", "2026-11", "DISTRIBUTION",
            "shadow.loss_ratio");
    }

    @Test
    void aMissingHistoryFolderEndsWithOneLine()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true),
            "history", "trends", "--history", dir.resolve("none").toString());

        assertThat(exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("netshadow: " + dir.resolve("none") + ": no history folder");
    }
}
