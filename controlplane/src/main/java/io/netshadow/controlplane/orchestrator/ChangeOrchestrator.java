package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;
import org.agrona.concurrent.EpochNanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a change as one transaction over live and shadow devices: per device lock, save the running configuration,
 * edit the candidate, validate, and commit (confirmed, with a window, on live devices); then wait for the
 * forecaster's verdict and confirm on live, or cancel the confirmed commits and restore every shadow device. Every
 * step is appended to the history journal before it is sent.
 */
public final class ChangeOrchestrator
{
    private static final long POLL_INTERVAL_NS = Duration.ofMillis(100).toNanos();
    private static final Duration CONFIRM_MARGIN = Duration.ofSeconds(30);

    private final Map<String, DeviceDriver> liveDrivers;
    private final Map<String, DeviceDriver> shadowDrivers;
    private final ChangeJudge judge;
    private final HistoryJournal history;
    private final EpochNanoClock clock;
    private final long maxWaitNs;
    private final Duration confirmWindow;

    /**
     * Creates an orchestrator.
     *
     * @param liveDrivers   drivers for the live devices, by device name.
     * @param shadowDrivers drivers for the shadow's devices, by device name (the shadow holds a sample).
     * @param judge         the forecaster's verdict on each change.
     * @param history       where every step is recorded.
     * @param clock         ns since the epoch, the clock the KPI samples carry.
     * @param maxWaitNs     longest wait for a verdict; without one by then the change is rolled back.
     */
    public ChangeOrchestrator(
        final Map<String, DeviceDriver> liveDrivers,
        final Map<String, DeviceDriver> shadowDrivers,
        final ChangeJudge judge,
        final HistoryJournal history,
        final EpochNanoClock clock,
        final long maxWaitNs)
    {
        this.liveDrivers = Map.copyOf(liveDrivers);
        this.shadowDrivers = Map.copyOf(shadowDrivers);
        this.judge = judge;
        this.history = history;
        this.clock = clock;
        this.maxWaitNs = maxWaitNs;
        this.confirmWindow = Duration.ofNanos(maxWaitNs).plus(CONFIRM_MARGIN);
    }

    /**
     * The devices of a change that the shadow does not hold: their effect is judged from live KPIs only.
     *
     * @param change the change.
     * @return device names outside the shadow, in edit order.
     */
    public List<String> devicesOutsideShadow(final ChangeSpec change)
    {
        return change.edits().stream()
            .map(ChangeSpec.Edit::device)
            .filter(device -> !shadowDrivers.containsKey(device))
            .distinct()
            .toList();
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
        final String changeId = change.id();
        record(changeId, HistoryEventKind.CHANGE_STARTED, null,
            change.edits().size() + " edit(s); " + change.description() +
            (devicesOutsideShadow(change).isEmpty() ? "" : "; outside the shadow: " + devicesOutsideShadow(change)));

        final List<Touched> touched = new ArrayList<>();
        final String persistId = "netshadow-" + changeId;
        try
        {
            for (final ChangeSpec.Edit edit : change.edits())
            {
                final DeviceDriver live = liveDrivers.get(edit.device());
                if (null == live)
                {
                    throw new DeviceException(edit.device() + ": no live device of that name", null);
                }
                final DeviceDriver shadow = shadowDrivers.get(edit.device());
                if (null != shadow)
                {
                    touched.add(applyEdit(changeId, shadow, edit.xml(), null));
                    listener.onApplied(changeId, edit.device(), true);
                }
                touched.add(applyEdit(changeId, live, edit.xml(), persistId));
                listener.onApplied(changeId, edit.device(), false);
            }
        }
        catch (final DeviceException ex)
        {
            record(changeId, HistoryEventKind.DEVICE_FAILED, null, ex.getMessage());
            restoreAll(changeId, touched);
            final ChangeResult result = new ChangeResult(
                changeId, ChangeOutcome.FAILED, null, clock.nanoTime(), clock.nanoTime(),
                "failed: " + ex.getMessage() + "; every changed device restored");
            listener.onFinished(result);
            return result;
        }

        final long changeStartNs = clock.nanoTime();
        final Verdict verdict = awaitVerdict(changeId, changeStartNs, listener);
        record(changeId, HistoryEventKind.VERDICT, null, verdict.outcome() + ": " + verdict.reason());

        final ChangeResult result;
        if (Outcome.POSITIVE == verdict.outcome())
        {
            result = commitAll(changeId, changeStartNs, verdict, touched);
        }
        else
        {
            restoreAll(changeId, touched);
            result = new ChangeResult(
                changeId, ChangeOutcome.ROLLED_BACK, verdict, changeStartNs, clock.nanoTime(),
                "rolled back: " + verdict.reason());
        }
        listener.onFinished(result);
        return result;
    }

    private Verdict awaitVerdict(final String changeId, final long changeStartNs, final ChangeListener listener)
    {
        final PendingVerdict evaluation = judge.begin(changeId, changeStartNs);
        while (true)
        {
            final Verdict verdict = evaluation.verdict();
            final long elapsedNs = clock.nanoTime() - changeStartNs;
            if (Outcome.PENDING != verdict.outcome())
            {
                return verdict;
            }
            if (elapsedNs > maxWaitNs)
            {
                evaluation.cancel();
                return Verdict.timedOut(elapsedNs);
            }
            listener.onWaiting(changeId, elapsedNs, verdict);
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private Touched applyEdit(
        final String changeId, final DeviceDriver driver, final String editXml, final String persistId)
        throws DeviceException
    {
        final boolean shadow = null == persistId;
        final String side = shadow ? "shadow" : "live";
        final DeviceCapabilities capabilities = driver.capabilities();
        driver.lock();
        try
        {
            final DeviceConfig saved = driver.running();
            try
            {
                driver.edit(editXml);
                if (capabilities.validate())
                {
                    driver.validate();
                }
            }
            catch (final DeviceException ex)
            {
                if (capabilities.candidate())
                {
                    driver.discardChanges();
                }
                throw ex;
            }
            final boolean confirmed = !shadow && capabilities.candidate() && capabilities.confirmedCommit();
            if (confirmed)
            {
                record(changeId, HistoryEventKind.DEVICE_APPLIED, driver.deviceName(),
                    side + ": confirmed commit, window " + confirmWindow.toSeconds() + " s, persist-id " + persistId);
                driver.commitConfirmed(confirmWindow, persistId);
            }
            else
            {
                record(changeId, HistoryEventKind.DEVICE_APPLIED, driver.deviceName(), side + ": commit");
                if (capabilities.candidate())
                {
                    driver.commit(null);
                }
            }
            return new Touched(driver, saved, shadow, confirmed ? persistId : null);
        }
        finally
        {
            driver.unlock();
        }
    }

    private ChangeResult commitAll(
        final String changeId, final long changeStartNs, final Verdict verdict, final List<Touched> touched)
    {
        for (final Touched device : touched)
        {
            if (null == device.persistId())
            {
                continue;
            }
            try
            {
                device.driver().commit(device.persistId());
            }
            catch (final DeviceException ex)
            {
                record(changeId, HistoryEventKind.DEVICE_FAILED, device.driver().deviceName(), ex.getMessage());
                restoreAll(changeId, touched);
                return new ChangeResult(
                    changeId, ChangeOutcome.FAILED, verdict, changeStartNs, clock.nanoTime(),
                    "confirm failed: " + ex.getMessage() + "; every changed device restored");
            }
        }
        record(changeId, HistoryEventKind.COMMITTED, null, verdict.reason());
        return new ChangeResult(
            changeId, ChangeOutcome.COMMITTED, verdict, changeStartNs, clock.nanoTime(), "committed: " + verdict.reason());
    }

    private void restoreAll(final String changeId, final List<Touched> touched)
    {
        final List<String> failures = new ArrayList<>();
        for (int i = touched.size() - 1; i >= 0; i--)
        {
            final Touched device = touched.get(i);
            try
            {
                if (null != device.persistId())
                {
                    device.driver().cancelCommit(device.persistId());
                }
                else
                {
                    device.driver().restore(device.saved());
                }
            }
            catch (final DeviceException ex)
            {
                failures.add(ex.getMessage());
                record(changeId, HistoryEventKind.DEVICE_FAILED, device.driver().deviceName(),
                    "restore failed: " + ex.getMessage());
            }
        }
        record(changeId, HistoryEventKind.ROLLED_BACK, null, failures.isEmpty() ?
            touched.size() + " device configuration(s) restored" :
            "restore incomplete: " + String.join("; ", failures));
    }

    private void record(final String changeId, final HistoryEventKind kind, final String device, final String detail)
    {
        history.append(new HistoryEvent(clock.nanoTime() / 1_000_000, changeId, kind, device, detail));
    }

    private record Touched(DeviceDriver driver, DeviceConfig saved, boolean shadow, String persistId)
    {
    }
}
