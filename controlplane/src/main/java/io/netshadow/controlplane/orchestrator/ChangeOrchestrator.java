package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.VerdictAttributes;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a change as one transaction over live and shadow devices, wave by wave. Every device of the change is
 * reached first, so that a device that cannot be reached fails the change before anything is sent. Then each wave
 * is applied, its devices at once, each device's shadow copy before the live device, through the
 * {@link CommitSequence} its capabilities allow (live confirmed commits carry a timeout long enough for every gate
 * still to come); and each wave is gated by the forecaster's verdict. When the last gate passes, every live
 * confirmed commit is confirmed; when a gate fails, a step is refused or an operator aborts, every wave applied is
 * rolled back, last wave first. Every step is appended to the history before it is sent (see
 * {@link TransactionLog}), so that {@link #recover()} can finish a change that a stopped appliance left in flight.
 * <p>
 * One change at a time: the forecaster judges the network as a whole. {@link ChangeService} keeps to that.
 */
public final class ChangeOrchestrator
{
    /** The confirm margin when none is given: time for the confirming commits after the last verdict. */
    public static final Duration DEFAULT_CONFIRM_MARGIN = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeOrchestrator.class);
    private static final long POLL_INTERVAL_NS = Duration.ofMillis(100).toNanos();

    private final DeviceConnector liveDevices;
    private final Map<String, DeviceDriver> shadowDrivers;
    private final DeviceConnector shadowDevices;
    private final ChangeJudge judge;
    private final HistoryJournal history;
    private final TransactionLog log;
    private final EpochNanoClock clock;
    private final long maxWaitNs;
    private final long confirmMarginNs;

    /**
     * Creates an orchestrator over live sessions opened elsewhere and kept open.
     *
     * @param liveDrivers   drivers for the live devices, by device name.
     * @param shadowDrivers drivers for the shadow's devices, by device name (the shadow holds a sample).
     * @param judge         the forecaster's verdict on each wave.
     * @param history       where every step is recorded.
     * @param clock         ns since the epoch, the clock the KPI samples carry.
     * @param maxWaitNs     longest wait for a wave's verdict; without one by then the change is rolled back.
     */
    public ChangeOrchestrator(
        final Map<String, DeviceDriver> liveDrivers,
        final Map<String, DeviceDriver> shadowDrivers,
        final ChangeJudge judge,
        final HistoryJournal history,
        final EpochNanoClock clock,
        final long maxWaitNs)
    {
        this(DeviceConnector.of(liveDrivers), shadowDrivers, judge, history, clock, maxWaitNs,
            DEFAULT_CONFIRM_MARGIN.toNanos());
    }

    /**
     * Creates an orchestrator that opens a session to each live device for each change.
     *
     * @param liveDevices     opens sessions to the live devices.
     * @param shadowDrivers   drivers for the shadow's devices, by device name (the shadow holds a sample).
     * @param judge           the forecaster's verdict on each wave.
     * @param history         where every step is recorded.
     * @param clock           ns since the epoch, the clock the KPI samples carry.
     * @param maxWaitNs       longest wait for a wave's verdict; without one by then the change is rolled back.
     * @param confirmMarginNs time added to every confirm timeout for the confirming commits.
     */
    public ChangeOrchestrator(
        final DeviceConnector liveDevices,
        final Map<String, DeviceDriver> shadowDrivers,
        final ChangeJudge judge,
        final HistoryJournal history,
        final EpochNanoClock clock,
        final long maxWaitNs,
        final long confirmMarginNs)
    {
        this.liveDevices = liveDevices;
        this.shadowDrivers = Map.copyOf(shadowDrivers);
        this.shadowDevices = DeviceConnector.of(shadowDrivers);
        this.judge = judge;
        this.history = history;
        this.log = new TransactionLog(history, clock);
        this.clock = clock;
        this.maxWaitNs = maxWaitNs;
        this.confirmMarginNs = confirmMarginNs;
    }

    /**
     * The devices of a change that the shadow does not hold: their effect is judged from live KPIs only.
     *
     * @param change the change.
     * @return device names outside the shadow, in edit order.
     */
    public List<String> devicesOutsideShadow(final ChangeSpec change)
    {
        return change.devices().stream().filter(device -> !shadowDrivers.containsKey(device)).toList();
    }

    /**
     * Plans a change: asks every live device for its capabilities (a session's hello, nothing more) and works out
     * each device's sequence. Sends nothing that changes a device and records nothing.
     *
     * @param change the change.
     * @return the plan; a device that cannot be reached is in it with the reason.
     */
    public ChangePlan plan(final ChangeSpec change)
    {
        final Map<String, DeviceCapabilities> capabilities = new ConcurrentHashMap<>();
        final Map<String, String> unreachable = new ConcurrentHashMap<>();
        ParallelDevices.forEach(change.devices(), device ->
        {
            try
            {
                final DeviceDriver driver = liveDevices.connect(device);
                try
                {
                    capabilities.put(device, driver.capabilities());
                }
                finally
                {
                    liveDevices.release(driver);
                }
            }
            catch (final DeviceException | RuntimeException ex)
            {
                unreachable.put(device, String.valueOf(ex.getMessage()));
            }
        });
        return ChangePlanner.plan(change, shadowDrivers::containsKey, capabilities, unreachable, maxWaitNs,
            confirmMarginNs, true);
    }

    /**
     * Runs a change to its end: committed, rolled back, or failed with every touched device restored.
     *
     * @param change   the change.
     * @param listener hears progress.
     * @return how it ended.
     */
    public ChangeResult run(final ChangeSpec change, final ChangeListener listener)
    {
        return run(change, listener, new ChangeAbort());
    }

    /**
     * Runs a change to its end, or until an operator aborts it: committed, rolled back, aborted, or failed with
     * every touched device restored.
     *
     * @param change   the change; its id must be new to the history.
     * @param listener hears progress.
     * @param abort    asks the change to stop and roll back.
     * @return how it ended; a change that stops on an exception is left in flight in the history, its sessions
     *         closed, for {@link #recover(String)} (an {@link Error}, the process dying, sends nothing more).
     */
    public ChangeResult run(final ChangeSpec change, final ChangeListener listener, final ChangeAbort abort)
    {
        log.change(change.id(), HistoryEventKind.CHANGE_STARTED, startedDetail(change), Map.of(
            VerdictAttributes.CHANGE_KIND,
            VerdictAttributes.changeKind(change.edits().stream().map(ChangeSpec.Edit::xml).toList())));
        final List<List<DeviceChange>> waves = new ArrayList<>();
        for (final ChangeSpec.Wave wave : change.waves())
        {
            waves.add(wave.devices().stream()
                .map(device -> new DeviceChange(change.id(), device, wave.name(), change.edit(device).xml(), listener))
                .toList());
        }
        final List<DeviceChange> all = waves.stream().flatMap(List::stream).toList();
        final ChangeResult result;
        try
        {
            result = run(change, waves, all, listener, abort);
        }
        catch (final RuntimeException ex)
        {
            all.forEach(DeviceChange::close);
            throw ex;
        }
        all.forEach(DeviceChange::close);
        return result;
    }

    /**
     * Finishes every change that the history shows in flight, such as those a stopped appliance left: see
     * {@link #recover(String)}. For a daemon at start, before it takes new changes.
     *
     * @return how each ended, oldest first.
     */
    public List<ChangeResult> recover()
    {
        final List<ChangeResult> results = new ArrayList<>();
        for (final String changeId : history.changesInFlight())
        {
            results.add(recover(changeId));
        }
        return results;
    }

    /**
     * Finishes a change that the history shows in flight and that no orchestrator is running, over new sessions:
     * confirms it when the decision (or else the final wave's verdict) recorded was to confirm and every confirm
     * window is still open; otherwise cancels each live confirmed commit and restores every other changed live
     * device to the running configuration saved in the history, last wave first. Shadow copies are not touched:
     * the shadow is rebuilt when the appliance starts. Every step is recorded.
     *
     * @param changeId the change.
     * @return how it ended.
     */
    public ChangeResult recover(final String changeId)
    {
        return new ChangeRecovery(history, log, liveDevices, clock).recover(changeId);
    }

    private ChangeResult run(
        final ChangeSpec change,
        final List<List<DeviceChange>> waves,
        final List<DeviceChange> all,
        final ChangeListener listener,
        final ChangeAbort abort)
    {
        final String changeId = change.id();
        final long startedNs = clock.nanoTime();
        final List<String> unreachable = ParallelDevices.forEach(all, DeviceChange::open);
        if (!unreachable.isEmpty())
        {
            return finish(listener, changeId, ChangeOutcome.FAILED, null, startedNs,
                "failed before anything was sent: " + String.join("; ", unreachable));
        }
        log.change(changeId, HistoryEventKind.PLANNED, plannedDetail(all), Map.of());

        final String persistId = ChangePlanner.persistId(changeId);
        final int waveCount = waves.size();
        final List<List<DeviceChange>> applied = new ArrayList<>();
        long changeStartNs = startedNs;
        Verdict verdict = null;
        for (int i = 0; i < waveCount; i++)
        {
            final ChangeSpec.Wave wave = change.waves().get(i);
            if (abort.isRequested())
            {
                return abortAndRollBack(listener, changeId, verdict, changeStartNs, abort, applied);
            }
            log.change(changeId, HistoryEventKind.WAVE_STARTED,
                waveName(wave, i, waveCount) + ": " + String.join(", ", wave.devices()), Map.of(
                    TransactionLog.WAVE, wave.name(),
                    TransactionLog.WAVE_INDEX, Integer.toString(i + 1),
                    TransactionLog.WAVE_COUNT, Integer.toString(waveCount)));
            listener.onWaveStarted(changeId, wave.name(), i + 1, waveCount, wave.devices());
            applied.add(waves.get(i));
            final Duration confirmTimeout = ChangePlanner.confirmTimeout(i, waveCount, maxWaitNs, confirmMarginNs);
            final List<String> failures = ParallelDevices.forEach(
                waves.get(i), device -> device.apply(confirmTimeout, persistId));
            if (!failures.isEmpty())
            {
                decide(changeId, Decision.ROLLBACK, "a device failed its change");
                return rollBack(listener, changeId, ChangeOutcome.FAILED, verdict, changeStartNs,
                    "failed: " + String.join("; ", failures), applied);
            }

            final long waveStartNs = clock.nanoTime();
            changeStartNs = 0 == i ? waveStartNs : changeStartNs;
            verdict = awaitVerdict(changeId, waveCount > 1 ? changeId + "/" + wave.name() : changeId, waveStartNs,
                waves.get(i).stream().map(device -> device.device).toList(), listener, abort);
            if (abort.isRequested())
            {
                return abortAndRollBack(listener, changeId, verdict, changeStartNs, abort, applied);
            }
            final boolean finalWave = i == waveCount - 1;
            final Map<String, String> verdictAttributes = new LinkedHashMap<>();
            verdictAttributes.put(TransactionLog.WAVE, wave.name());
            verdictAttributes.put(TransactionLog.OUTCOME, verdict.outcome().name());
            verdictAttributes.put(TransactionLog.FINAL_WAVE, Boolean.toString(finalWave));
            verdictAttributes.putAll(VerdictAttributes.of(verdict));
            log.change(changeId, HistoryEventKind.VERDICT,
                waveName(wave, i, waveCount) + ": " + verdict.outcome() + ": " + verdict.reason(), verdictAttributes);
            listener.onGate(changeId, wave.name(), verdict);
            if (Outcome.POSITIVE != verdict.outcome())
            {
                decide(changeId, Decision.ROLLBACK, "the verdict on " + waveName(wave, i, waveCount) + " was " +
                    verdict.outcome());
                return rollBack(listener, changeId, ChangeOutcome.ROLLED_BACK, verdict, changeStartNs,
                    "rolled back" + (waveCount > 1 ? " at " + waveName(wave, i, waveCount) : "") + ": " +
                    verdict.reason(), applied);
            }
        }

        decide(changeId, Decision.CONFIRM, "the verdict on every wave allowed the change");
        for (final List<DeviceChange> wave : waves)
        {
            final List<String> failures = ParallelDevices.forEach(wave, DeviceChange::confirm);
            if (!failures.isEmpty())
            {
                decide(changeId, Decision.ROLLBACK, "a device failed its confirmation");
                return rollBack(listener, changeId, ChangeOutcome.FAILED, verdict, changeStartNs,
                    "confirm failed: " + String.join("; ", failures), applied);
            }
        }
        return finish(listener, changeId, ChangeOutcome.COMMITTED, verdict, changeStartNs,
            "committed: " + verdict.reason());
    }

    private Verdict awaitVerdict(
        final String changeId,
        final String gateId,
        final long waveStartNs,
        final List<String> devices,
        final ChangeListener listener,
        final ChangeAbort abort)
    {
        final PendingVerdict evaluation = judge.begin(gateId, waveStartNs, devices);
        while (true)
        {
            final Verdict verdict = evaluation.verdict();
            if (verdict.isDecided())
            {
                return verdict;
            }
            final long elapsedNs = clock.nanoTime() - waveStartNs;
            if (elapsedNs > maxWaitNs)
            {
                evaluation.cancel();
                return Verdict.timedOut(elapsedNs);
            }
            listener.onWaiting(changeId, elapsedNs, verdict);
            if (abort.await(POLL_INTERVAL_NS))
            {
                evaluation.cancel();
                return verdict;
            }
        }
    }

    private ChangeResult abortAndRollBack(
        final ChangeListener listener,
        final String changeId,
        final Verdict verdict,
        final long changeStartNs,
        final ChangeAbort abort,
        final List<List<DeviceChange>> applied)
    {
        log.change(changeId, HistoryEventKind.ABORT_REQUESTED, abort.reason(), Map.of());
        decide(changeId, Decision.ROLLBACK, "an operator aborted the change");
        return rollBack(listener, changeId, ChangeOutcome.ABORTED, verdict, changeStartNs,
            "aborted: " + abort.reason(), applied);
    }

    private ChangeResult rollBack(
        final ChangeListener listener,
        final String changeId,
        final ChangeOutcome outcome,
        final Verdict verdict,
        final long changeStartNs,
        final String reason,
        final List<List<DeviceChange>> applied)
    {
        final List<String> unresolved = new ArrayList<>();
        int restored = 0;
        for (int i = applied.size() - 1; i >= 0; i--)
        {
            for (final List<RollbackResult> results : ParallelDevices.map(applied.get(i), DeviceChange::rollback))
            {
                for (final RollbackResult result : results)
                {
                    if (RollbackResult.State.RESTORED == result.state())
                    {
                        restored++;
                    }
                    else if (RollbackResult.State.UNRESOLVED == result.state() && result.live())
                    {
                        unresolved.add(result.detail());
                    }
                    else if (RollbackResult.State.UNRESOLVED == result.state())
                    {
                        LOG.warn("{}: {}", changeId, result.detail());
                    }
                }
            }
        }
        if (!unresolved.isEmpty())
        {
            final String message = reason + "; rollback incomplete: " + String.join("; ", unresolved);
            log.change(changeId, HistoryEventKind.ROLLBACK_INCOMPLETE, message, Map.of());
            final ChangeResult result = new ChangeResult(
                changeId, ChangeOutcome.FAILED, verdict, changeStartNs, clock.nanoTime(), message);
            listener.onFinished(result);
            return result;
        }
        return finish(listener, changeId, outcome, verdict, changeStartNs,
            reason + "; " + restored + " device configuration(s) restored");
    }

    private ChangeResult finish(
        final ChangeListener listener,
        final String changeId,
        final ChangeOutcome outcome,
        final Verdict verdict,
        final long changeStartNs,
        final String message)
    {
        log.change(changeId, outcomeKind(outcome), message, outcomeAttributes(outcome, verdict));
        final ChangeResult result = new ChangeResult(changeId, outcome, verdict, changeStartNs, clock.nanoTime(), message);
        listener.onFinished(result);
        return result;
    }

    private Map<String, String> outcomeAttributes(final ChangeOutcome outcome, final Verdict verdict)
    {
        if (ChangeOutcome.COMMITTED != outcome || verdict.series().isEmpty())
        {
            return Map.of();
        }
        final double observed = judge.latestValue(verdict.series());
        return Double.isFinite(observed) ? Map.of(
            VerdictAttributes.SERIES, verdict.series(),
            VerdictAttributes.OBSERVED_VALUE, Double.toString(observed)) : Map.of();
    }

    private void decide(final String changeId, final Decision decision, final String reason)
    {
        log.change(changeId, HistoryEventKind.DECISION, decision.name().toLowerCase(Locale.ROOT) + ": " + reason,
            Map.of(TransactionLog.DECISION, decision.name()));
    }

    static HistoryEventKind outcomeKind(final ChangeOutcome outcome)
    {
        return switch (outcome)
        {
            case COMMITTED -> HistoryEventKind.COMMITTED;
            case ROLLED_BACK -> HistoryEventKind.ROLLED_BACK;
            case FAILED -> HistoryEventKind.FAILED;
            case ABORTED -> HistoryEventKind.ABORTED;
        };
    }

    private String startedDetail(final ChangeSpec change)
    {
        final List<String> outside = devicesOutsideShadow(change);
        return change.edits().size() + " edit(s) in " + change.waves().size() + " wave(s); " + change.description() +
            (outside.isEmpty() ? "" : "; outside the shadow: " + outside);
    }

    private static String plannedDetail(final List<DeviceChange> all)
    {
        final List<String> sequences = new ArrayList<>();
        for (final DeviceChange device : all)
        {
            final DeviceTransaction live = device.live;
            sequences.add(live.device() + ": " + live.sequence().description() + " (" +
                ChangePlan.capabilityNames(live.capabilities()) + ")");
        }
        return String.join("; ", sequences);
    }

    private static String waveName(final ChangeSpec.Wave wave, final int index, final int count)
    {
        return String.format(Locale.ROOT, "wave %d/%d %s", index + 1, count, wave.name());
    }

    /**
     * One device of a change: its live transaction and, when the shadow holds the device, its shadow copy's.
     */
    private final class DeviceChange
    {
        private final String changeId;
        private final String device;
        private final String editXml;
        private final ChangeListener listener;
        private final DeviceTransaction live;
        private final DeviceTransaction shadow;

        private DeviceChange(
            final String changeId,
            final String device,
            final String wave,
            final String editXml,
            final ChangeListener listener)
        {
            this.changeId = changeId;
            this.device = device;
            this.editXml = editXml;
            this.listener = listener;
            this.live = new DeviceTransaction(changeId, device, true, wave, liveDevices, log);
            this.shadow = shadowDrivers.containsKey(device) ?
                new DeviceTransaction(changeId, device, false, wave, shadowDevices, log) : null;
        }

        private void open() throws DeviceException
        {
            if (null != shadow)
            {
                shadow.open();
            }
            live.open();
        }

        private void apply(final Duration confirmTimeout, final String persistId) throws DeviceException
        {
            if (null != shadow)
            {
                shadow.apply(editXml, confirmTimeout, persistId);
                listener.onApplied(changeId, device, true);
            }
            live.apply(editXml, confirmTimeout, persistId);
            listener.onApplied(changeId, device, false);
        }

        private void confirm() throws DeviceException
        {
            live.confirm();
            if (null != shadow)
            {
                shadow.confirm();
            }
        }

        private List<RollbackResult> rollback()
        {
            final List<RollbackResult> results = new ArrayList<>();
            results.add(rolledBack(live));
            if (null != shadow)
            {
                results.add(rolledBack(shadow));
            }
            return results;
        }

        private RollbackResult rolledBack(final DeviceTransaction transaction)
        {
            final RollbackResult result = transaction.rollback();
            if (RollbackResult.State.RESTORED == result.state())
            {
                listener.onRestored(changeId, device, !transaction.live(), result.detail());
            }
            return result;
        }

        private void close()
        {
            live.close();
            if (null != shadow)
            {
                shadow.close();
            }
        }

        @Override
        public String toString()
        {
            return device;
        }
    }
}
