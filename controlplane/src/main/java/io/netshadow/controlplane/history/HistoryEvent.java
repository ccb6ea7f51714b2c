package io.netshadow.controlplane.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the change history.
 *
 * @param timeEpochMs when it happened, in milliseconds since the epoch.
 * @param changeId    the change it belongs to.
 * @param kind        what happened.
 * @param device      the device it concerns, or {@code null} for the change as a whole.
 * @param detail      free text for the reader, such as a verdict's impact or a device's error; never null.
 * @param attributes  named values a program reads back, such as the step of a transaction, its persist-id or the
 *                    saved running configuration; in the order they were given, never null.
 */
public record HistoryEvent(
    long timeEpochMs, String changeId, HistoryEventKind kind, String device, String detail,
    Map<String, String> attributes)
{
    /**
     * Validates the event and copies its attributes.
     *
     * @param timeEpochMs when.
     * @param changeId    the change.
     * @param kind        what happened.
     * @param device      the device or null.
     * @param detail      free text; null becomes empty.
     * @param attributes  named values; null becomes empty; no key or value may be null.
     */
    public HistoryEvent
    {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(kind, "kind");
        detail = null == detail ? "" : detail;
        attributes = null == attributes || attributes.isEmpty() ? Map.of() :
            Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        attributes.forEach((key, value) ->
        {
            Objects.requireNonNull(key, "attribute name");
            Objects.requireNonNull(value, "attribute " + key);
        });
    }

    /**
     * An event without attributes.
     *
     * @param timeEpochMs when.
     * @param changeId    the change.
     * @param kind        what happened.
     * @param device      the device or null.
     * @param detail      free text; null becomes empty.
     */
    public HistoryEvent(
        final long timeEpochMs, final String changeId, final HistoryEventKind kind, final String device,
        final String detail)
    {
        this(timeEpochMs, changeId, kind, device, detail, Map.of());
    }

    /**
     * One attribute.
     *
     * @param name the attribute's name.
     * @return its value, or null when the event does not carry it.
     */
    public String attribute(final String name)
    {
        return attributes.get(name);
    }
}
