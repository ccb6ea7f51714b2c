package io.netshadow.controlplane.api;

import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryQuery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A history query as an operator writes it, on the command line or as the API's query parameters: {@code change},
 * {@code device}, {@code from} and {@code until} (an ISO-8601 instant such as {@code 2026-11-27T10:00:00Z}, or
 * milliseconds since the epoch), {@code kind} and {@code outcome} (comma-separated kinds, case-insensitive), and
 * {@code steps} ({@code true} to include the write-ahead step records, left out by default).
 *
 * @param changeId     only this change, or null.
 * @param device       only this device, or null.
 * @param fromEpochMs  only events at or after this time, or null.
 * @param untilEpochMs only events before this time, or null.
 * @param kinds        only these kinds; empty for all but the step records (unless {@code steps}).
 * @param outcomes     only changes that ended so; empty for any.
 * @param steps        whether to include the step records when no kinds are given.
 */
public record HistoryParameters(
    String changeId,
    String device,
    Long fromEpochMs,
    Long untilEpochMs,
    Set<HistoryEventKind> kinds,
    Set<HistoryEventKind> outcomes,
    boolean steps)
{
    /**
     * Copies the sets.
     *
     * @param changeId     the change or null.
     * @param device       the device or null.
     * @param fromEpochMs  the start or null.
     * @param untilEpochMs the end or null.
     * @param kinds        the kinds.
     * @param outcomes     the outcomes.
     * @param steps        whether to include step records.
     * @throws IllegalArgumentException when an outcome is not an outcome kind.
     */
    public HistoryParameters
    {
        kinds = Set.copyOf(kinds);
        outcomes = Set.copyOf(outcomes);
        for (final HistoryEventKind outcome : outcomes)
        {
            if (!outcome.isOutcome())
            {
                throw new IllegalArgumentException("outcome: " + outcome.name().toLowerCase(Locale.ROOT) +
                    " is not one of committed, rolled_back, failed, aborted");
            }
        }
    }

    /**
     * Reads the parameters of an API request.
     *
     * @param parameters the query parameters by name.
     * @return the parameters.
     * @throws IllegalArgumentException naming the parameter that is not valid.
     */
    public static HistoryParameters parse(final Map<String, String> parameters)
    {
        return new HistoryParameters(
            parameters.get("change"),
            parameters.get("device"),
            time(parameters.get("from"), "from"),
            time(parameters.get("until"), "until"),
            kinds(parameters.get("kind"), "kind"),
            kinds(parameters.get("outcome"), "outcome"),
            Boolean.parseBoolean(parameters.get("steps")));
    }

    /**
     * The parameters as the API's query parameters, leaving out what is unset.
     *
     * @return name to value.
     */
    public Map<String, String> toParameters()
    {
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (null != changeId)
        {
            parameters.put("change", changeId);
        }
        if (null != device)
        {
            parameters.put("device", device);
        }
        if (null != fromEpochMs)
        {
            parameters.put("from", Long.toString(fromEpochMs));
        }
        if (null != untilEpochMs)
        {
            parameters.put("until", Long.toString(untilEpochMs));
        }
        if (!kinds.isEmpty())
        {
            parameters.put("kind", names(kinds));
        }
        if (!outcomes.isEmpty())
        {
            parameters.put("outcome", names(outcomes));
        }
        if (steps)
        {
            parameters.put("steps", "true");
        }
        return parameters;
    }

    /**
     * The query these parameters ask for.
     *
     * @return the query.
     */
    public HistoryQuery query()
    {
        HistoryQuery query = HistoryQuery.all()
            .between(null == fromEpochMs ? Long.MIN_VALUE : fromEpochMs,
                null == untilEpochMs ? Long.MAX_VALUE : untilEpochMs)
            .withOutcomes(outcomes);
        if (null != changeId)
        {
            query = query.forChange(changeId);
        }
        if (null != device)
        {
            query = query.forDevice(device);
        }
        if (!kinds.isEmpty())
        {
            return query.ofKinds(kinds);
        }
        if (steps)
        {
            return query;
        }
        final Set<HistoryEventKind> withoutSteps = EnumSet.allOf(HistoryEventKind.class);
        withoutSteps.removeIf(HistoryEventKind::isStep);
        return query.ofKinds(withoutSteps);
    }

    /**
     * Parses a time as an ISO-8601 instant or milliseconds since the epoch.
     *
     * @param text the time, or null.
     * @param name the parameter's name, for the error.
     * @return milliseconds since the epoch, or null when the text is null.
     * @throws IllegalArgumentException when the text is neither.
     */
    public static Long time(final String text, final String name)
    {
        if (null == text)
        {
            return null;
        }
        final String time = text.strip();
        if (!time.isEmpty() && time.chars().allMatch(Character::isDigit))
        {
            return Long.parseLong(time);
        }
        try
        {
            return Instant.parse(time).toEpochMilli();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(name + ": expected an instant such as 2026-11-27T10:00:00Z or " +
                "milliseconds since the epoch, got '" + text + "'");
        }
    }

    /**
     * Parses comma-separated history kinds, case-insensitive.
     *
     * @param text the kinds, or null.
     * @param name the parameter's name, for the error.
     * @return the kinds; empty when the text is null or blank.
     * @throws IllegalArgumentException naming a kind that does not exist.
     */
    public static Set<HistoryEventKind> kinds(final String text, final String name)
    {
        final Set<HistoryEventKind> kinds = EnumSet.noneOf(HistoryEventKind.class);
        if (null == text || text.isBlank())
        {
            return kinds;
        }
        for (final String kind : text.split(","))
        {
            try
            {
                kinds.add(HistoryEventKind.valueOf(kind.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(name + ": no kind '" + kind.strip() + "'; kinds are " +
                    names(EnumSet.allOf(HistoryEventKind.class)));
            }
        }
        return kinds;
    }

    private static String names(final Set<HistoryEventKind> kinds)
    {
        return Arrays.stream(HistoryEventKind.values())
            .filter(kinds::contains)
            .map(kind -> kind.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
    }
}
