package io.netshadow.controlplane.history;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The change history, kept in a Chronicle Queue in a directory: every event of every change, appended in order and
 * kept across restarts. Each event is a self-describing document of named fields ({@code timeEpochMs},
 * {@code changeId}, {@code kind}, {@code device}, {@code detail}, and {@code attributes}, a nested document of
 * named text values), so a dump of the queue reads on its own. Events written before attributes existed read back
 * with none.
 * <p>
 * Appends are serialised by the journal and may come from any thread; queries scan the whole queue and may run
 * beside appends.
 */
public final class HistoryJournal implements AutoCloseable
{
    private static final String TIME_EPOCH_MS = "timeEpochMs";
    private static final String CHANGE_ID = "changeId";
    private static final String KIND = "kind";
    private static final String DEVICE = "device";
    private static final String DETAIL = "detail";
    private static final String ATTRIBUTES = "attributes";

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    private HistoryJournal(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.appender = queue.createAppender();
        this.appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Opens the history in a directory, creating it when absent and keeping what an earlier run wrote.
     *
     * @param directory the directory, such as {@code /var/lib/netshadow/history}.
     * @return the open journal.
     */
    public static HistoryJournal open(final Path directory)
    {
        return new HistoryJournal(ChronicleQueue.singleBuilder(directory).rollCycle(RollCycles.FAST_DAILY).build());
    }

    /**
     * Appends an event; it is in the queue when the call returns.
     *
     * @param event the event.
     */
    public synchronized void append(final HistoryEvent event)
    {
        appender.writeDocument(wire -> wire
            .write(TIME_EPOCH_MS).int64(event.timeEpochMs())
            .write(CHANGE_ID).text(event.changeId())
            .write(KIND).text(event.kind().name())
            .write(DEVICE).text(event.device())
            .write(DETAIL).text(event.detail())
            .write(ATTRIBUTES).marshallable(attributes ->
                event.attributes().forEach((name, value) -> attributes.write(name).text(value))));
    }

    /**
     * The events that match a query, oldest first.
     *
     * @param query the criteria.
     * @return the matching events.
     */
    public List<HistoryEvent> query(final HistoryQuery query)
    {
        final Map<String, HistoryEventKind> outcomes = query.outcomes().isEmpty() ? Map.of() : outcomes();
        final List<HistoryEvent> events = new ArrayList<>();
        scan(event ->
        {
            if (query.matches(event) && (query.outcomes().isEmpty() || endedIn(query, outcomes.get(event.changeId()))))
            {
                events.add(event);
            }
        });
        return events;
    }

    /**
     * The changes that began and have no outcome yet: in flight, or left in flight by an appliance that stopped.
     *
     * @return their ids, in the order they began.
     */
    public List<String> changesInFlight()
    {
        final Set<String> inFlight = new LinkedHashSet<>();
        scan(event ->
        {
            if (HistoryEventKind.CHANGE_STARTED == event.kind())
            {
                inFlight.add(event.changeId());
            }
            else if (event.kind().isOutcome())
            {
                inFlight.remove(event.changeId());
            }
        });
        return List.copyOf(inFlight);
    }

    /**
     * Whether the history holds any event of a change.
     *
     * @param changeId the change id.
     * @return true when the change was begun here before.
     */
    public boolean contains(final String changeId)
    {
        return !query(HistoryQuery.all().forChange(changeId)).isEmpty();
    }

    /**
     * The queue's contents as text, every event with its field names, for troubleshooting.
     *
     * @return the dump.
     */
    public String dump()
    {
        return queue.dump();
    }

    /**
     * Closes the queue; events already appended stay on disk.
     */
    @Override
    public synchronized void close()
    {
        appender.close();
        queue.close();
    }

    private static boolean endedIn(final HistoryQuery query, final HistoryEventKind outcome)
    {
        return null != outcome && query.outcomes().contains(outcome);
    }

    private Map<String, HistoryEventKind> outcomes()
    {
        final Map<String, HistoryEventKind> outcomes = new HashMap<>();
        scan(event ->
        {
            if (event.kind().isOutcome())
            {
                outcomes.put(event.changeId(), event.kind());
            }
        });
        return outcomes;
    }

    private void scan(final Consumer<HistoryEvent> consumer)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        return;
                    }
                    if (document.isData())
                    {
                        consumer.accept(read(document.wire()));
                    }
                }
            }
        }
    }

    private static HistoryEvent read(final Wire wire)
    {
        final long timeEpochMs = wire.read(TIME_EPOCH_MS).int64();
        final String changeId = wire.read(CHANGE_ID).text();
        final HistoryEventKind kind = HistoryEventKind.valueOf(wire.read(KIND).text());
        final String device = wire.read(DEVICE).text();
        final String detail = wire.read(DETAIL).text();
        final Map<String, String> attributes = wire.read(ATTRIBUTES).marshallableAsMap(String.class, String.class);
        return new HistoryEvent(timeEpochMs, changeId, kind, device, detail, attributes);
    }
}
