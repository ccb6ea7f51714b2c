package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.forecaster.Outcome;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finishes a change that its history shows in flight, from what the history recorded before each step was sent:
 * the decision to confirm or roll back (or, when none was recorded, the verdict on the final wave: only a positive
 * one confirms), and for every live device whose edit was sent, how far it got, its saved running configuration,
 * and the persist-id and deadline of its confirmed commit.
 */
final class ChangeRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecovery.class);

    private final HistoryJournal history;
    private final TransactionLog log;
    private final DeviceConnector liveDevices;
    private final EpochNanoClock clock;

    ChangeRecovery(
        final HistoryJournal history,
        final TransactionLog log,
        final DeviceConnector liveDevices,
        final EpochNanoClock clock)
    {
        this.history = history;
        this.log = log;
        this.liveDevices = liveDevices;
        this.clock = clock;
    }

    ChangeResult recover(final String changeId)
    {
        final long startedNs = clock.nanoTime();
        final List<HistoryEvent> events = history.query(HistoryQuery.all().forChange(changeId));
        final List<List<DeviceTransaction>> waves = unfinishedDevices(changeId, events);
        final int deviceCount = waves.stream().mapToInt(List::size).sum();
        final Judgement judgement = judgement(events);
        log.change(changeId, HistoryEventKind.RECOVERY_STARTED, "found in flight after a restart: " + deviceCount +
            " live device(s) to finish; " + judgement.reason(), Map.of());
        LOG.info("{}: recovering {} live device(s): {}", changeId, deviceCount, judgement.reason());
        try
        {
            if (Decision.CONFIRM == judgement.decision())
            {
                final ChangeResult confirmed = confirm(changeId, waves, startedNs);
                if (null != confirmed)
                {
                    return confirmed;
                }
                return rollBack(changeId, waves, startedNs, ChangeOutcome.FAILED,
                    "recovered after a restart: a confirmation failed, so every device was rolled back");
            }
            decide(changeId, Decision.ROLLBACK, judgement.reason());
            return rollBack(changeId, waves, startedNs,
                judgement.aborted() ? ChangeOutcome.ABORTED : ChangeOutcome.ROLLED_BACK,
                "recovered after a restart: " + judgement.reason());
        }
        finally
        {
            waves.forEach(wave -> wave.forEach(DeviceTransaction::close));
        }
    }

    private ChangeResult confirm(final String changeId, final List<List<DeviceTransaction>> waves, final long startedNs)
    {
        decide(changeId, Decision.CONFIRM, "the final verdict allowed the change");
        for (final List<DeviceTransaction> wave : waves)
        {
            final List<String> failures = ParallelDevices.forEach(wave, DeviceTransaction::confirm);
            if (!failures.isEmpty())
            {
                decide(changeId, Decision.ROLLBACK, "a confirmation failed: " + String.join("; ", failures));
                return null;
            }
        }
        final String message = "recovered after a restart: confirmed per the final verdict";
        log.change(changeId, HistoryEventKind.COMMITTED, message, Map.of());
        return new ChangeResult(changeId, ChangeOutcome.COMMITTED, null, startedNs, clock.nanoTime(), message);
    }

    private ChangeResult rollBack(
        final String changeId,
        final List<List<DeviceTransaction>> waves,
        final long startedNs,
        final ChangeOutcome outcome,
        final String reason)
    {
        final List<String> unresolved = new ArrayList<>();
        int restored = 0;
        for (int i = waves.size() - 1; i >= 0; i--)
        {
            for (final RollbackResult result : ParallelDevices.map(waves.get(i), DeviceTransaction::rollback))
            {
                if (RollbackResult.State.UNRESOLVED == result.state())
                {
                    unresolved.add(result.detail());
                }
                else
                {
                    restored++;
                }
            }
        }
        if (!unresolved.isEmpty())
        {
            final String message = reason + "; rollback incomplete: " + String.join("; ", unresolved);
            log.change(changeId, HistoryEventKind.ROLLBACK_INCOMPLETE, message, Map.of());
            return new ChangeResult(changeId, ChangeOutcome.FAILED, null, startedNs, clock.nanoTime(), message);
        }
        final String message = reason + "; " + restored + " live device configuration(s) restored";
        log.change(changeId, ChangeOrchestrator.outcomeKind(outcome), message, Map.of());
        return new ChangeResult(changeId, outcome, null, startedNs, clock.nanoTime(), message);
    }

    private void decide(final String changeId, final Decision decision, final String reason)
    {
        log.change(changeId, HistoryEventKind.DECISION, decision.name().toLowerCase(Locale.ROOT) + ": " + reason,
            Map.of(TransactionLog.DECISION, decision.name()));
    }

    private List<List<DeviceTransaction>> unfinishedDevices(final String changeId, final List<HistoryEvent> events)
    {
        final List<String> waveOrder = new ArrayList<>();
        final Map<String, DeviceHistory> devices = new LinkedHashMap<>();
        for (final HistoryEvent event : events)
        {
            if (HistoryEventKind.WAVE_STARTED == event.kind())
            {
                waveOrder.add(event.attribute(TransactionLog.WAVE));
            }
            else if (null != event.device() && TransactionLog.LIVE.equals(event.attribute(TransactionLog.SIDE)))
            {
                devices.computeIfAbsent(event.device(), DeviceHistory::new).read(event);
            }
        }
        final Map<String, List<DeviceTransaction>> byWave = new LinkedHashMap<>();
        waveOrder.forEach(wave -> byWave.put(wave, new ArrayList<>()));
        for (final DeviceHistory device : devices.values())
        {
            if (device.editSent && !device.restored)
            {
                byWave.computeIfAbsent(device.wave, wave -> new ArrayList<>())
                    .add(DeviceTransaction.resumed(changeId, device.recorded(), liveDevices, log));
            }
        }
        return byWave.values().stream().filter(wave -> !wave.isEmpty()).toList();
    }

    private static Judgement judgement(final List<HistoryEvent> events)
    {
        Decision recorded = null;
        HistoryEvent lastVerdict = null;
        boolean aborted = false;
        for (final HistoryEvent event : events)
        {
            if (HistoryEventKind.DECISION == event.kind())
            {
                recorded = Decision.valueOf(event.attribute(TransactionLog.DECISION));
            }
            else if (HistoryEventKind.VERDICT == event.kind())
            {
                lastVerdict = event;
            }
            aborted |= HistoryEventKind.ABORT_REQUESTED == event.kind();
        }
        if (null != recorded)
        {
            return new Judgement(recorded, aborted, "the decision recorded before the restart was to " +
                recorded.name().toLowerCase(Locale.ROOT));
        }
        if (null == lastVerdict)
        {
            return new Judgement(Decision.ROLLBACK, aborted, "no verdict was recorded");
        }
        final boolean finalWave = Boolean.parseBoolean(lastVerdict.attribute(TransactionLog.FINAL_WAVE));
        final String outcome = lastVerdict.attribute(TransactionLog.OUTCOME);
        if (finalWave && Outcome.POSITIVE.name().equals(outcome))
        {
            return new Judgement(Decision.CONFIRM, aborted, "the verdict on the final wave was POSITIVE");
        }
        return new Judgement(Decision.ROLLBACK, aborted, "the last verdict recorded, on wave " +
            lastVerdict.attribute(TransactionLog.WAVE) + ", was " + outcome +
            (finalWave ? "" : " and later waves had no verdict"));
    }

    /**
     * What recovery does with a change, and why.
     */
    private record Judgement(Decision decision, boolean aborted, String reason)
    {
    }

    /**
     * A live device's records, read in order.
     */
    private static final class DeviceHistory
    {
        private final String device;
        private String wave;
        private CommitSequence sequence;
        private String savedXml;
        private String persistId;
        private long confirmDeadlineEpochMs = Long.MAX_VALUE;
        private boolean editSent;
        private boolean commitSent;
        private boolean confirmed;
        private boolean restored;

        private DeviceHistory(final String device)
        {
            this.device = device;
        }

        private void read(final HistoryEvent event)
        {
            wave = event.attribute(TransactionLog.WAVE);
            final String step = event.attribute(TransactionLog.STEP);
            if (HistoryEventKind.DEVICE_RESTORED == event.kind())
            {
                restored = true;
            }
            else if (HistoryEventKind.STEP_INTENT == event.kind())
            {
                readIntent(TransactionStep.valueOf(step), event);
            }
            else if (HistoryEventKind.STEP_DONE == event.kind())
            {
                if (TransactionStep.SAVE_RUNNING.name().equals(step))
                {
                    savedXml = event.attribute(TransactionLog.SAVED_RUNNING);
                }
                else if (TransactionStep.CONFIRM.name().equals(step))
                {
                    confirmed = true;
                }
            }
        }

        private void readIntent(final TransactionStep step, final HistoryEvent event)
        {
            final String recordedSequence = event.attribute(TransactionLog.SEQUENCE);
            if (TransactionStep.LOCK == step && null != recordedSequence)
            {
                sequence = CommitSequence.valueOf(recordedSequence);
            }
            editSent |= TransactionStep.EDIT == step;
            commitSent |= TransactionStep.COMMIT == step || TransactionStep.COMMIT_CONFIRMED == step;
            if (TransactionStep.COMMIT_CONFIRMED == step)
            {
                persistId = event.attribute(TransactionLog.PERSIST_ID);
                confirmDeadlineEpochMs = Long.parseLong(event.attribute(TransactionLog.CONFIRM_DEADLINE_EPOCH_MS));
            }
        }

        private RecordedDevice recorded()
        {
            final CommitSequence known = null != sequence ? sequence :
                null != persistId ? CommitSequence.CONFIRMED_COMMIT : CommitSequence.RUNNING;
            return new RecordedDevice(device, wave, known, savedConfig(), persistId, confirmDeadlineEpochMs,
                commitSent, confirmed);
        }

        private DeviceConfig savedConfig()
        {
            if (null == savedXml)
            {
                return null;
            }
            try
            {
                return DeviceConfigXml.applyEdit(DeviceConfig.empty(), savedXml);
            }
            catch (final DeviceConfigException ex)
            {
                LOG.warn("{}: the saved running configuration in the history cannot be read: {}", device,
                    ex.getMessage());
                return null;
            }
        }
    }
}
