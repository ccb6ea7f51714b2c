package io.netshadow.controlplane.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryJournalTest
{
    private static final HistoryEvent STARTED =
        new HistoryEvent(1_000L, "harmful-acl", HistoryEventKind.CHANGE_STARTED, null, "1 edit(s)");
    private static final HistoryEvent APPLIED =
        new HistoryEvent(1_100L, "harmful-acl", HistoryEventKind.DEVICE_APPLIED, "core1", "live");
    private static final HistoryEvent VERDICT =
        new HistoryEvent(9_000L, "harmful-acl", HistoryEventKind.VERDICT, null, "NEGATIVE: loss +0.4");
    private static final HistoryEvent ROLLED_BACK =
        new HistoryEvent(9_050L, "harmful-acl", HistoryEventKind.ROLLED_BACK, null, "");
    private static final HistoryEvent OTHER_APPLIED =
        new HistoryEvent(20_000L, "harmless-acl", HistoryEventKind.DEVICE_APPLIED, "core1", "live");
    private static final HistoryEvent OTHER_COMMITTED =
        new HistoryEvent(30_000L, "harmless-acl", HistoryEventKind.COMMITTED, null, "");

    private static final List<HistoryEvent> ALL =
        List.of(STARTED, APPLIED, VERDICT, ROLLED_BACK, OTHER_APPLIED, OTHER_COMMITTED);

    @Test
    void returnsEveryEventInTheOrderAppended(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            ALL.forEach(journal::append);

            assertThat(journal.query(HistoryQuery.all())).containsExactlyElementsOf(ALL);
        }
    }

    @Test
    void keepsEventsAcrossReopen(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            journal.append(STARTED);
            journal.append(APPLIED);
        }
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            journal.append(VERDICT);

            assertThat(journal.query(HistoryQuery.all())).containsExactly(STARTED, APPLIED, VERDICT);
        }
    }

    @Test
    void keepsAMissingDeviceAsNull(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            journal.append(STARTED);

            assertThat(journal.query(HistoryQuery.all())).singleElement()
                .satisfies(event -> assertThat(event.device()).isNull());
        }
    }

    @Test
    void queriesByChangeDeviceTimeAndKind(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            ALL.forEach(journal::append);

            assertThat(journal.query(HistoryQuery.all().forChange("harmless-acl")))
                .containsExactly(OTHER_APPLIED, OTHER_COMMITTED);
            assertThat(journal.query(HistoryQuery.all().forDevice("core1")))
                .containsExactly(APPLIED, OTHER_APPLIED);
            assertThat(journal.query(HistoryQuery.all().between(1_100L, 9_050L)))
                .containsExactly(APPLIED, VERDICT);
            assertThat(journal.query(HistoryQuery.all().ofKinds(HistoryEventKind.COMMITTED,
                HistoryEventKind.ROLLED_BACK)))
                .containsExactly(ROLLED_BACK, OTHER_COMMITTED);
            assertThat(journal.query(HistoryQuery.all().forChange("harmful-acl").forDevice("core1")
                .ofKinds(HistoryEventKind.DEVICE_APPLIED)))
                .containsExactly(APPLIED);
            assertThat(journal.query(HistoryQuery.all().forChange("nothing"))).isEmpty();
        }
    }

    @Test
    void writesSelfDescribingFields(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            journal.append(APPLIED);

            assertThat(journal.dump())
                .contains("timeEpochMs", "changeId", "harmful-acl", "kind", "DEVICE_APPLIED", "device", "core1",
                    "detail", "live");
        }
    }
}
