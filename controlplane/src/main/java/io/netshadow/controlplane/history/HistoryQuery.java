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
 * @param outcomes     only events of changes that ended with one of these outcome kinds; any change (also those in
 *                     flight) when empty.
 */
public record HistoryQuery(
    String changeId,
    String device,
    long fromEpochMs,
    long untilEpochMs,
    Set<HistoryEventKind> kinds,
    Set<HistoryEventKind> outcomes)
{
    /**
     * Copies the kinds and checks the outcomes.
     *
     * @param changeId     the change or null.
     * @param device       the device or null.
     * @param fromEpochMs  the start of the time range, inclusive.
     * @param untilEpochMs the end of the time range, exclusive.
     * @param kinds        the kinds; empty for all.
     * @param outcomes     the outcome kinds; empty for any.
     * @throws IllegalArgumentException when an outcome is not an outcome kind.
     */
    public HistoryQuery
    {
        kinds = Set.copyOf(kinds);
        outcomes = Set.copyOf(outcomes);
        for (final HistoryEventKind outcome : outcomes)
        {
            if (!outcome.isOutcome())
            {
                throw new IllegalArgumentException(outcome + " is not an outcome of a change");
            }
        }
    }

    /**
     * A query that matches every event.
     *
     * @return the query.
     */
    public static HistoryQuery all()
    {
        return new HistoryQuery(null, null, Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());
    }

    /**
     * This query narrowed to one change.
     *
     * @param id the change id.
     * @return the narrowed query.
     */
    public HistoryQuery forChange(final String id)
    {
        return new HistoryQuery(id, device, fromEpochMs, untilEpochMs, kinds, outcomes);
    }

    /**
     * This query narrowed to events about one device.
     *
     * @param name the device name.
     * @return the narrowed query.
     */
    public HistoryQuery forDevice(final String name)
    {
        return new HistoryQuery(changeId, name, fromEpochMs, untilEpochMs, kinds, outcomes);
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
        return new HistoryQuery(changeId, device, fromMs, untilMs, kinds, outcomes);
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
        return ofKinds(EnumSet.of(first, more));
    }

    /**
     * This query narrowed to some kinds.
     *
     * @param some the kinds; empty for all.
     * @return the narrowed query.
     */
    public HistoryQuery ofKinds(final Set<HistoryEventKind> some)
    {
        return new HistoryQuery(changeId, device, fromEpochMs, untilEpochMs, some, outcomes);
    }

    /**
     * This query narrowed to the changes that ended in one of some outcomes, such as every event of the changes that
     * were rolled back.
     *
     * @param some outcome kinds ({@link HistoryEventKind#isOutcome()}); empty for any.
     * @return the narrowed query.
     */
    public HistoryQuery withOutcomes(final Set<HistoryEventKind> some)
    {
        return new HistoryQuery(changeId, device, fromEpochMs, untilEpochMs, kinds, some);
    }

    /**
     * Whether an event meets every criterion but the outcome of its change, which {@link HistoryJournal#query}
     * checks across events.
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
