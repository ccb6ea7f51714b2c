package io.netshadow.controlplane.history;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which history events to return; every criterion left unset matches everything. Start from {@link #all()} and
 * narrow it down.
 *
 * @param changeId     only this change, or null.
 * @param device       only events about this device, or null.
 * @param fromEpochMs  only events at or after this time, in milliseconds since the epoch.
 * @param untilEpochMs only events before this time, in milliseconds since the epoch.
 * @param kinds        only these kinds; all kinds when empty.
 */
public record HistoryQuery(
    String changeId, String device, long fromEpochMs, long untilEpochMs, Set<HistoryEventKind> kinds)
{
    /**
     * Copies the kinds.
     *
     * @param changeId     the change or null.
     * @param device       the device or null.
     * @param fromEpochMs  the start of the time range, inclusive.
     * @param untilEpochMs the end of the time range, exclusive.
     * @param kinds        the kinds; empty for all.
     */
    public HistoryQuery
    {
        kinds = Set.copyOf(kinds);
    }

    /**
     * A query that matches every event.
     *
     * @return the query.
     */
    public static HistoryQuery all()
    {
        return new HistoryQuery(null, null, Long.MIN_VALUE, Long.MAX_VALUE, Set.of());
    }

    /**
     * This query narrowed to one change.
     *
     * @param id the change id.
     * @return the narrowed query.
     */
    public HistoryQuery forChange(final String id)
    {
        return new HistoryQuery(id, device, fromEpochMs, untilEpochMs, kinds);
    }

    /**
     * This query narrowed to events about one device.
     *
     * @param name the device name.
     * @return the narrowed query.
     */
    public HistoryQuery forDevice(final String name)
    {
        return new HistoryQuery(changeId, name, fromEpochMs, untilEpochMs, kinds);
    }

    /**
     * This query narrowed to a time range.
     *
     * @param fromMs  the start, inclusive, in milliseconds since the epoch.
     * @param untilMs the end, exclusive, in milliseconds since the epoch.
     * @return the narrowed query.
     */
    public HistoryQuery between(final long fromMs, final long untilMs)
    {
        return new HistoryQuery(changeId, device, fromMs, untilMs, kinds);
    }

    /**
     * This query narrowed to some kinds, such as the outcomes {@code COMMITTED} and {@code ROLLED_BACK}.
     *
     * @param first the first kind.
     * @param more  further kinds.
     * @return the narrowed query.
     */
    public HistoryQuery ofKinds(final HistoryEventKind first, final HistoryEventKind... more)
    {
        return new HistoryQuery(changeId, device, fromEpochMs, untilEpochMs, EnumSet.of(first, more));
    }

    /**
     * Whether an event meets every criterion.
     *
     * @param event the event.
     * @return true when it matches.
     */
    public boolean matches(final HistoryEvent event)
    {
        return (null == changeId || changeId.equals(event.changeId())) &&
            (null == device || device.equals(event.device())) &&
            event.timeEpochMs() >= fromEpochMs && event.timeEpochMs() < untilEpochMs &&
            (kinds.isEmpty() || kinds.contains(event.kind()));
    }
}
