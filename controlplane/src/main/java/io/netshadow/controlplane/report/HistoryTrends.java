package io.netshadow.controlplane.report;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.controlplane.history.VerdictAttributes;
import io.netshadow.controlplane.orchestrator.TransactionLog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the change history teaches: which devices, device roles and kinds of change fail most, how often verdicts
 * were later contradicted, period by period, and how far committed changes' KPIs fell from the verdicts' predicted
 * intervals, per KPI series and device role, for calibrating later intervals.
 * <p>
 * A verdict is <em>contradicted</em> when
 * <ul>
 *     <li>it allowed a wave (positive) and an operator then aborted the change, rolling it back by hand; or it
 *     allowed a change that committed and a later change named {@code revert-<id>} or {@code rollback-<id>}
 *     committed;</li>
 *     <li>it rolled a change back and a later run of the same change (the same id without a trailing
 *     {@code .N} or {@code -N} counter) committed on positive verdicts only.</li>
 * </ul>
 * A change's devices are the live devices its events name; a device's role comes from the network profile, or
 * {@value #UNKNOWN} when the profile does not know it; a change's kind is the configuration its edits touch
 * ({@link VerdictAttributes#CHANGE_KIND}), {@value #UNKNOWN} for changes recorded before it was.
 */
public final class HistoryTrends
{
    /**
     * Name of a role or kind that the history or the profile does not give.
     */
    public static final String UNKNOWN = "unknown";

    private final List<ChangeSummary> changes;
    private final Map<String, String> roleByDevice;

    private HistoryTrends(final List<ChangeSummary> changes, final Map<String, String> roleByDevice)
    {
        this.changes = changes;
        this.roleByDevice = roleByDevice;
    }

    /**
     * The history events the trends read: all but the transaction steps.
     *
     * @return the query.
     */
    public static HistoryQuery query()
    {
        final Set<HistoryEventKind> kinds = EnumSet.noneOf(HistoryEventKind.class);
        for (final HistoryEventKind kind : HistoryEventKind.values())
        {
            if (!kind.isStep())
            {
                kinds.add(kind);
            }
        }
        return HistoryQuery.all().ofKinds(kinds);
    }

    /**
     * Summarises the changes of a history.
     *
     * @param events       the history's events, oldest first, steps included or not.
     * @param roleByDevice each device's role, by device name.
     * @return the trends.
     */
    public static HistoryTrends of(final List<HistoryEvent> events, final Map<String, String> roleByDevice)
    {
        final Map<String, ChangeSummary> byId = new LinkedHashMap<>();
        for (final HistoryEvent event : events)
        {
            byId.computeIfAbsent(event.changeId(), ChangeSummary::new).add(event);
        }
        final List<ChangeSummary> changes = new ArrayList<>(byId.values());
        changes.sort(Comparator.comparingLong(change -> change.startMs));
        markContradictions(changes);
        return new HistoryTrends(changes, Map.copyOf(roleByDevice));
    }

    /**
     * Finished changes and their failures per device, most failing first.
     *
     * @return one row per device.
     */
    public List<FailureRow> byDevice()
    {
        return failures(change -> change.devices);
    }

    /**
     * Finished changes and their failures per role of the devices they touched, most failing first.
     *
     * @return one row per role.
     */
    public List<FailureRow> byRole()
    {
        return failures(this::roles);
    }

    /**
     * Finished changes and their failures per kind of change, most failing first.
     *
     * @return one row per kind.
     */
    public List<FailureRow> byKind()
    {
        return failures(change -> Set.of(change.kind));
    }

    /**
     * Decided verdicts and those later contradicted, per period of the verdict's change start, oldest first.
     *
     * @param monthly true for calendar months ({@code 2026-11}), false for ISO weeks ({@code 2026-W48}); UTC.
     * @return one row per period with a decided verdict.
     */
    public List<AccuracyRow> accuracy(final boolean monthly)
    {
        final Map<String, int[]> counts = new TreeMap<>();
        for (final ChangeSummary change : changes)
        {
            if (null == change.finalVerdict)
            {
                continue;
            }
            final int[] count = counts.computeIfAbsent(period(change.startMs, monthly), ignore -> new int[2]);
            count[0]++;
            count[1] += change.contradicted ? 1 : 0;
        }
        final List<AccuracyRow> rows = new ArrayList<>();
        counts.forEach((period, count) -> rows.add(new AccuracyRow(period, count[0], count[1])));
        return rows;
    }

    /**
     * For each KPI series and device role, how far the value observed when a change committed fell from the final
     * verdict's predicted level, as a multiple of the predicted interval's half-width on that side: the
     * non-conformity scores a conformal calibration of later intervals takes.
     *
     * @return residual ratios by series, then by role; both sorted.
     */
    public Map<String, Map<String, List<Double>>> intervalResiduals()
    {
        final Map<String, Map<String, List<Double>>> residuals = new TreeMap<>();
        for (final ChangeSummary change : changes)
        {
            final double ratio = change.residualRatio();
            if (Double.isNaN(ratio))
            {
                continue;
            }
            for (final String role : roles(change))
            {
                residuals.computeIfAbsent(change.series, ignore -> new TreeMap<>())
                    .computeIfAbsent(role, ignore -> new ArrayList<>()).add(ratio);
            }
        }
        return residuals;
    }

    /**
     * Changes in the history, finished or not.
     *
     * @return the count.
     */
    public int changeCount()
    {
        return changes.size();
    }

    private Set<String> roles(final ChangeSummary change)
    {
        final Set<String> roles = new TreeSet<>();
        for (final String device : change.devices)
        {
            roles.add(roleByDevice.getOrDefault(device, UNKNOWN));
        }
        if (roles.isEmpty())
        {
            roles.add(UNKNOWN);
        }
        return roles;
    }

    private List<FailureRow> failures(final Function<ChangeSummary, Set<String>> groups)
    {
        final Map<String, int[]> counts = new TreeMap<>();
        for (final ChangeSummary change : changes)
        {
            if (null == change.outcome)
            {
                continue;
            }
            for (final String group : groups.apply(change))
            {
                final int[] count = counts.computeIfAbsent(group, ignore -> new int[4]);
                count[0]++;
                count[1] += HistoryEventKind.ROLLED_BACK == change.outcome ? 1 : 0;
                count[2] += HistoryEventKind.FAILED == change.outcome ? 1 : 0;
                count[3] += HistoryEventKind.ABORTED == change.outcome ? 1 : 0;
            }
        }
        final List<FailureRow> rows = new ArrayList<>();
        counts.forEach((name, count) -> rows.add(new FailureRow(name, count[0], count[1], count[2], count[3])));
        rows.sort(Comparator.comparingDouble(FailureRow::failureRate).reversed()
            .thenComparing(Comparator.comparingInt(FailureRow::failures).reversed())
            .thenComparing(FailureRow::name));
        return rows;
    }

    private static void markContradictions(final List<ChangeSummary> changes)
    {
        for (int i = 0; i < changes.size(); i++)
        {
            final ChangeSummary change = changes.get(i);
            if (null == change.finalVerdict)
            {
                continue;
            }
            if (change.positiveThenAborted)
            {
                change.contradicted = true;
                continue;
            }
            for (int j = i + 1; j < changes.size() && !change.contradicted; j++)
            {
                final ChangeSummary later = changes.get(j);
                if (HistoryEventKind.COMMITTED != later.outcome)
                {
                    continue;
                }
                final boolean reverted = HistoryEventKind.COMMITTED == change.outcome &&
                    (later.id.equals("revert-" + change.id) || later.id.equals("rollback-" + change.id));
                final boolean reapplied = HistoryEventKind.ROLLED_BACK == change.outcome &&
                    "NEGATIVE".equals(change.finalVerdict) && later.allPositive &&
                    baseId(later.id).equals(baseId(change.id));
                change.contradicted = reverted || reapplied;
            }
        }
    }

    static String baseId(final String id)
    {
        int end = id.length();
        while (end > 0 && Character.isDigit(id.charAt(end - 1)))
        {
            end--;
        }
        final boolean counted = end < id.length() && end > 0 &&
            ('.' == id.charAt(end - 1) || '-' == id.charAt(end - 1));
        return counted ? id.substring(0, end - 1) : id;
    }

    private static String period(final long epochMs, final boolean monthly)
    {
        final ZonedDateTime time = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        return monthly ?
            String.format(Locale.ROOT, "%04d-%02d", time.getYear(), time.getMonthValue()) :
            String.format(Locale.ROOT, "%04d-W%02d", time.get(IsoFields.WEEK_BASED_YEAR),
                time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * Finished changes of one device, role or kind, and how they ended.
     *
     * @param name       the device, role or kind.
     * @param changes    finished changes.
     * @param rolledBack changes the verdict (or its absence) rolled back.
     * @param failed     changes a device failed.
     * @param aborted    changes an operator stopped.
     */
    public record FailureRow(String name, int changes, int rolledBack, int failed, int aborted)
    {
        /**
         * Changes that did not go through on their own: rolled back or failed.
         *
         * @return the count.
         */
        public int failures()
        {
            return rolledBack + failed;
        }

        /**
         * Share of finished changes rolled back or failed.
         *
         * @return 0 to 1.
         */
        public double failureRate()
        {
            return 0 == changes ? 0.0 : (double)failures() / changes;
        }
    }

    /**
     * The verdicts of one period.
     *
     * @param period       {@code 2026-W48} or {@code 2026-11}.
     * @param verdicts     changes with a decided final verdict that started in the period.
     * @param contradicted of those, the ones whose verdict was later contradicted.
     */
    public record AccuracyRow(String period, int verdicts, int contradicted)
    {
        /**
         * Share of verdicts not contradicted.
         *
         * @return 0 to 1.
         */
        public double accuracy()
        {
            return 0 == verdicts ? 1.0 : 1.0 - (double)contradicted / verdicts;
        }
    }

    private static final class ChangeSummary
    {
        private final String id;
        private final Set<String> devices = new TreeSet<>();
        private long startMs = Long.MAX_VALUE;
        private String kind = UNKNOWN;
        private HistoryEventKind outcome;
        private String finalVerdict;
        private boolean allPositive = true;
        private boolean positiveSeen;
        private boolean positiveThenAborted;
        private boolean contradicted;
        private String series;
        private double predicted = Double.NaN;
        private double lower = Double.NaN;
        private double upper = Double.NaN;
        private double observed = Double.NaN;

        ChangeSummary(final String id)
        {
            this.id = id;
        }

        void add(final HistoryEvent event)
        {
            startMs = Math.min(startMs, event.timeEpochMs());
            if (null != event.device() && !TransactionLog.SHADOW.equals(event.attribute(TransactionLog.SIDE)))
            {
                devices.add(event.device());
            }
            switch (event.kind())
            {
                case CHANGE_STARTED -> kind = null == event.attribute(VerdictAttributes.CHANGE_KIND) ? UNKNOWN :
                    event.attribute(VerdictAttributes.CHANGE_KIND);
                case VERDICT -> onVerdict(event);
                case ABORT_REQUESTED -> positiveThenAborted = positiveSeen;
                case COMMITTED, ROLLED_BACK, FAILED, ABORTED ->
                {
                    outcome = event.kind();
                    observed = VerdictAttributes.number(event, VerdictAttributes.OBSERVED_VALUE);
                }
                default ->
                {
                }
            }
        }

        private void onVerdict(final HistoryEvent event)
        {
            final String verdictOutcome = event.attribute(TransactionLog.OUTCOME);
            if (!"POSITIVE".equals(verdictOutcome) && !"NEGATIVE".equals(verdictOutcome))
            {
                allPositive = false;
                return;
            }
            finalVerdict = verdictOutcome;
            allPositive &= "POSITIVE".equals(verdictOutcome);
            positiveSeen |= "POSITIVE".equals(verdictOutcome);
            series = event.attribute(VerdictAttributes.SERIES);
            predicted = VerdictAttributes.number(event, VerdictAttributes.PREDICTED_VALUE);
            lower = VerdictAttributes.number(event, VerdictAttributes.PREDICTED_LOWER);
            upper = VerdictAttributes.number(event, VerdictAttributes.PREDICTED_UPPER);
        }

        double residualRatio()
        {
            if (HistoryEventKind.COMMITTED != outcome || null == series || Double.isNaN(observed) ||
                Double.isNaN(predicted) || Double.isNaN(lower) || Double.isNaN(upper))
            {
                return Double.NaN;
            }
            final double halfWidth = observed >= predicted ? upper - predicted : predicted - lower;
            return halfWidth > 0.0 ? Math.abs(observed - predicted) / halfWidth : Double.NaN;
        }
    }
}
