package io.netshadow.controlplane.report;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.VerdictAttributes;
import io.netshadow.controlplane.orchestrator.TransactionLog;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change history with known trends, written the way the orchestrator writes one: two ISO weeks of changes on
 * core1, core2 (core) and dist1 (distribution), with a false rollback, a positive verdict aborted by hand, a change
 * reverted after its commit, and committed changes whose observed loss fell in or out of the predicted interval.
 */
public final class TrendsHistory
{
    /** Monday of the first week, 2026-W45. */
    public static final long WEEK_1_MS = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    /** Monday of the second week, 2026-W46. */
    public static final long WEEK_2_MS = Instant.parse("2026-11-09T10:00:00Z").toEpochMilli();

    private static final long HOUR_MS = 3_600_000L;

    private TrendsHistory()
    {
    }

    /**
     * The roles of the history's devices.
     *
     * @return device to role, as in the embedded example profile.
     */
    public static Map<String, String> roles()
    {
        return Map.of("core1", "CORE", "core2", "CORE", "dist1", "DISTRIBUTION");
    }

    /**
     * Writes the history.
     *
     * @param history the journal to append to.
     */
    public static void write(final HistoryJournal history)
    {
        change(history, "acl-1", "core1", "acls", WEEK_1_MS, Outcome.POSITIVE, HistoryEventKind.COMMITTED, 0.55);
        change(history, "shut-eth1", "core2", "interfaces", WEEK_1_MS + HOUR_MS, Outcome.NEGATIVE,
            HistoryEventKind.ROLLED_BACK, Double.NaN);
        change(history, "shut-eth1.2", "core2", "interfaces", WEEK_2_MS, Outcome.POSITIVE,
            HistoryEventKind.COMMITTED, 0.7);
        change(history, "bgp-1", "dist1", "bgp", WEEK_2_MS + HOUR_MS, Outcome.POSITIVE, HistoryEventKind.ABORTED,
            Double.NaN);
        change(history, "bgp-2", "dist1", "bgp", WEEK_2_MS + 2 * HOUR_MS, null, HistoryEventKind.FAILED,
            Double.NaN);
        change(history, "acl-2", "core1", "acls", WEEK_2_MS + 3 * HOUR_MS, Outcome.POSITIVE,
            HistoryEventKind.COMMITTED, 0.45);
        change(history, "revert-acl-2", "core1", "acls", WEEK_2_MS + 4 * HOUR_MS, Outcome.POSITIVE,
            HistoryEventKind.COMMITTED, 0.5);
        for (int i = 1; i <= 3; i++)
        {
            change(history, "mtu-" + i, "core1", "interfaces", WEEK_2_MS + (4 + i) * HOUR_MS, Outcome.POSITIVE,
                HistoryEventKind.COMMITTED, 0.52);
        }
    }

    private static void change(
        final HistoryJournal history,
        final String id,
        final String device,
        final String kind,
        final long startMs,
        final Outcome verdict,
        final HistoryEventKind outcome,
        final double observed)
    {
        history.append(new HistoryEvent(startMs, id, HistoryEventKind.CHANGE_STARTED, null, "1 edit(s)",
            Map.of(VerdictAttributes.CHANGE_KIND, kind)));
        history.append(new HistoryEvent(startMs + 1, id, HistoryEventKind.DEVICE_APPLIED, device + "-shadow",
            "applied", Map.of(TransactionLog.SIDE, TransactionLog.SHADOW)));
        history.append(new HistoryEvent(startMs + 2, id,
            HistoryEventKind.FAILED == outcome ? HistoryEventKind.DEVICE_FAILED : HistoryEventKind.DEVICE_APPLIED,
            device, "live", Map.of(TransactionLog.SIDE, TransactionLog.LIVE)));
        if (null != verdict)
        {
            final Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(TransactionLog.OUTCOME, verdict.name());
            attributes.putAll(VerdictAttributes.of(new Verdict(verdict, "shadow.loss_ratio", 0.0, 0.5, 0.4, 0.6,
                0.02, 0, 1_000_000_000L, "scripted")));
            history.append(new HistoryEvent(startMs + 3, id, HistoryEventKind.VERDICT, null, verdict.name(),
                attributes));
        }
        if (HistoryEventKind.ABORTED == outcome)
        {
            history.append(new HistoryEvent(startMs + 4, id, HistoryEventKind.ABORT_REQUESTED, null, "by hand"));
        }
        history.append(new HistoryEvent(startMs + 5, id, outcome, null, outcome.name(), Double.isNaN(observed) ?
            Map.of() : Map.of(VerdictAttributes.SERIES, "shadow.loss_ratio",
            VerdictAttributes.OBSERVED_VALUE, Double.toString(observed))));
    }
}
