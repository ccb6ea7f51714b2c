package io.netshadow.controlplane.demo;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop: lab traffic mirrored over UDP into the appliance, KPIs into the forecaster, changes sent over
 * NETCONF to the lab's and the shadow's devices: a harmless change committed, a harmful one rolled back, a staged one
 * stopped at its second wave's gate and rolled back; all of it in the history and the report.
 */
class DemoLoopTest
{
    @TempDir
    Path work;

    @Test
    void harmlessChangeIsCommittedAndHarmfulAndStagedChangesRolledBack() throws Exception
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final Demo demo = new Demo(
            new Demo.Options(work, 7, 15, 40, false), new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        final boolean judgedRight = demo.run();

        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(judgedRight).as(output).isTrue();
        assertThat(output).contains("harmless-acl").contains("harmful-policer").contains("rolled_back")
            .contains("gate after wave canary: POSITIVE").contains("gate after wave rest: NEGATIVE");
        assertThat(Files.readString(work.resolve("netshadow-demo.html"))).contains("<svg").contains("shadow.loss_ratio");
        assertThat(work.resolve("journal")).doesNotExist();

        try (HistoryJournal history = HistoryJournal.open(work.resolve("history")))
        {
            final List<HistoryEventKind> harmless = kinds(history, "harmless-acl");
            final List<HistoryEventKind> harmful = kinds(history, "harmful-policer");
            assertThat(harmless).startsWith(HistoryEventKind.CHANGE_STARTED).endsWith(HistoryEventKind.COMMITTED);
            assertThat(harmful).startsWith(HistoryEventKind.CHANGE_STARTED).endsWith(HistoryEventKind.ROLLED_BACK);
            assertThat(kinds(history, "staged-policer")).startsWith(HistoryEventKind.CHANGE_STARTED)
                .contains(HistoryEventKind.WAVE_STARTED).endsWith(HistoryEventKind.ROLLED_BACK);
        }
    }

    private static List<HistoryEventKind> kinds(final HistoryJournal history, final String changeId)
    {
        return history.query(HistoryQuery.all().forChange(changeId)).stream().map(HistoryEvent::kind).toList();
    }
}
