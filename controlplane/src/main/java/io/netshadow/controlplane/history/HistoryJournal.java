package io.netshadow.controlplane.history;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The change history, kept in a Chronicle Queue in a directory: every event of every change, appended in order and
 * kept across restarts. Each event is a self-describing document of named fields ({@code timeEpochMs},
 * {@code changeId}, {@code kind}, {@code device}, {@code detail}), so a dump of the queue reads on its own.
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
            .write(DETAIL).text(event.detail()));
    }

    /**
     * The events that match a query, oldest first.
     *
     * @param query the criteria.
     * @return the matching events.
     */
    public List<HistoryEvent> query(final HistoryQuery query)
    {
        final List<HistoryEvent> events = new ArrayList<>();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    if (document.isData())
                    {
                        final HistoryEvent event = read(document.wire());
                        if (query.matches(event))
                        {
                            events.add(event);
                        }
                    }
                }
            }
        }
        return events;
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

    private static HistoryEvent read(final Wire wire)
    {
        final long timeEpochMs = wire.read(TIME_EPOCH_MS).int64();
        final String changeId = wire.read(CHANGE_ID).text();
        final HistoryEventKind kind = HistoryEventKind.valueOf(wire.read(KIND).text());
        final String device = wire.read(DEVICE).text();
        final String detail = wire.read(DETAIL).text();
        return new HistoryEvent(timeEpochMs, changeId, kind, device, detail);
    }
}
