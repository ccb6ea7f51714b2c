package io.netshadow.controlplane.history;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    @Test
    void keepsAttributesInTheOrderGiven(@TempDir final Path dir)
    {
        final HistoryEvent step = new HistoryEvent(2_000L, "c1", HistoryEventKind.STEP_INTENT, "core1",
            "commit confirmed", Map.of("step", "COMMIT_CONFIRMED"));
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("step", "SAVE_RUNNING");
        attributes.put("savedRunning", "<config xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">\n</config>");
        attributes.put("wave", "canary");
        final HistoryEvent saved = new HistoryEvent(2_100L, "c1", HistoryEventKind.STEP_DONE, "core1", "", attributes);
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            journal.append(step);
            journal.append(saved);
        }
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            assertThat(journal.query(HistoryQuery.all())).containsExactly(step, saved);
            assertThat(journal.query(HistoryQuery.all()).getLast().attributes().keySet())
                .containsExactly("step", "savedRunning", "wave");
        }
    }

    @Test
    void readsEventsWrittenBeforeAttributesExistedWithNone(@TempDir final Path dir)
    {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_DAILY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeDocument(wire -> wire
                .write("timeEpochMs").int64(1_000L)
                .write("changeId").text("old")
                .write("kind").text("COMMITTED")
                .write("device").text((String)null)
                .write("detail").text("from an older build"));
        }
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            assertThat(journal.query(HistoryQuery.all())).containsExactly(
                new HistoryEvent(1_000L, "old", HistoryEventKind.COMMITTED, null, "from an older build"));
        }
    }

    @Test
    void queriesTheEventsOfChangesThatEndedInAnOutcome(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            ALL.forEach(journal::append);

            assertThat(journal.query(HistoryQuery.all().withOutcomes(Set.of(HistoryEventKind.ROLLED_BACK))))
                .containsExactly(STARTED, APPLIED, VERDICT, ROLLED_BACK);
            assertThat(journal.query(HistoryQuery.all().forDevice("core1")
                .withOutcomes(Set.of(HistoryEventKind.COMMITTED, HistoryEventKind.ABORTED))))
                .containsExactly(OTHER_APPLIED);
        }
    }

    @Test
    void findsChangesInFlightAsThoseWithoutAnOutcome(@TempDir final Path dir)
    {
        try (HistoryJournal journal = HistoryJournal.open(dir))
        {
            ALL.forEach(journal::append);
            journal.append(new HistoryEvent(40_000L, "in-flight", HistoryEventKind.CHANGE_STARTED, null, ""));
            journal.append(new HistoryEvent(40_001L, "in-flight", HistoryEventKind.DEVICE_APPLIED, "core1", ""));

            assertThat(journal.changesInFlight()).containsExactly("in-flight");
            assertThat(journal.contains("harmless-acl")).isTrue();
            assertThat(journal.contains("never")).isFalse();
        }
    }
}
