package io.netshadow.controlplane.history;

import java.util.Objects;

/**
 * One entry of the change history.
 *
 * @param timeEpochMs when it happened, in milliseconds since the epoch.
 * @param changeId    the change it belongs to.
 * @param kind        what happened.
 * @param device      the device it concerns, or {@code null} for the change as a whole.
 * @param detail      free text for the reader, such as a verdict's impact or a device's error; never null.
 */
public record HistoryEvent(long timeEpochMs, String changeId, HistoryEventKind kind, String device, String detail)
{
    /**
     * Validates the event.
     *
     * @param timeEpochMs when.
     * @param changeId    the change.
     * @param kind        what happened.
     * @param device      the device or null.
     * @param detail      free text; null becomes empty.
     */
    public HistoryEvent
    {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(kind, "kind");
        detail = null == detail ? "" : detail;
    }
}
