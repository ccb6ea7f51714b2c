package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import org.agrona.concurrent.EpochNanoClock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a change's transaction into the history, ahead of what it describes: a {@code STEP_INTENT} before each
 * step is sent to a device, then {@code STEP_DONE} or {@code DEVICE_FAILED}. The attributes below are what recovery
 * reads back to finish a change that an appliance left in flight.
 * <ul>
 *     <li>every device event: {@value #SIDE} ({@value #LIVE} or {@value #SHADOW}), {@value #WAVE} and
 *     {@value #STEP};</li>
 *     <li>the intent of {@code LOCK}: {@value #SEQUENCE}, the device's {@link CommitSequence};</li>
 *     <li>the done of {@code SAVE_RUNNING}: {@value #SAVED_RUNNING}, the running configuration before the change
 *     as a NETCONF {@code <config>} document;</li>
 *     <li>the intent of {@code COMMIT_CONFIRMED}, {@code CONFIRM} and {@code CANCEL_COMMIT}: {@value #PERSIST_ID};
 *     of {@code COMMIT_CONFIRMED} also {@value #CONFIRM_TIMEOUT_MS} and {@value #CONFIRM_DEADLINE_EPOCH_MS}, when
 *     the device reverts by itself unless confirmed (taken before sending, so never later than the device's);</li>
 *     <li>{@code WAVE_STARTED}: {@value #WAVE}, {@value #WAVE_INDEX} (from 1) and {@value #WAVE_COUNT};</li>
 *     <li>{@code VERDICT}: {@value #WAVE}, {@value #OUTCOME} (the forecaster's) and {@value #FINAL_WAVE}, then the
 *     prediction's {@link io.netshadow.controlplane.history.VerdictAttributes};</li>
 *     <li>{@code DECISION}: {@value #DECISION}, {@code CONFIRM} or {@code ROLLBACK}.</li>
 * </ul>
 */
public final class TransactionLog
{
    /** Attribute: {@value #LIVE} or {@value #SHADOW}. */
    public static final String SIDE = "side";
    /** Value of {@value #SIDE} for a live device. */
    public static final String LIVE = "live";
    /** Value of {@value #SIDE} for a shadow copy. */
    public static final String SHADOW = "shadow";
    /** Attribute: the wave's name. */
    public static final String WAVE = "wave";
    /** Attribute: the wave's position, from 1. */
    public static final String WAVE_INDEX = "waveIndex";
    /** Attribute: how many waves the change has. */
    public static final String WAVE_COUNT = "waveCount";
    /** Attribute: the {@link TransactionStep}. */
    public static final String STEP = "step";
    /** Attribute: the {@link CommitSequence} of the device. */
    public static final String SEQUENCE = "sequence";
    /** Attribute: the persist-id of the confirmed commit. */
    public static final String PERSIST_ID = "persistId";
    /** Attribute: the confirm timeout sent with the confirmed commit, in milliseconds. */
    public static final String CONFIRM_TIMEOUT_MS = "confirmTimeoutMs";
    /** Attribute: when the confirmed commit reverts by itself, in milliseconds since the epoch. */
    public static final String CONFIRM_DEADLINE_EPOCH_MS = "confirmDeadlineEpochMs";
    /** Attribute: the running configuration before the change, as XML. */
    public static final String SAVED_RUNNING = "savedRunning";
    /** Attribute: the forecaster's outcome of a gate. */
    public static final String OUTCOME = "outcome";
    /** Attribute: {@code true} on the verdict of the last wave, which decides the change. */
    public static final String FINAL_WAVE = "finalWave";
    /** Attribute: {@code CONFIRM} or {@code ROLLBACK}. */
    public static final String DECISION = "decision";

    private final HistoryJournal history;
    private final EpochNanoClock clock;

    TransactionLog(final HistoryJournal history, final EpochNanoClock clock)
    {
        this.history = history;
        this.clock = clock;
    }

    long nowEpochMs()
    {
        return clock.nanoTime() / 1_000_000L;
    }

    void change(
        final String changeId, final HistoryEventKind kind, final String detail, final Map<String, String> attributes)
    {
        history.append(new HistoryEvent(nowEpochMs(), changeId, kind, null, detail, attributes));
    }

    void device(
        final DeviceTransaction transaction,
        final HistoryEventKind kind,
        final String detail,
        final Map<String, String> extra)
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SIDE, transaction.live() ? LIVE : SHADOW);
        attributes.put(WAVE, transaction.wave());
        attributes.putAll(extra);
        history.append(new HistoryEvent(
            nowEpochMs(), transaction.changeId(), kind, transaction.device(), detail, attributes));
    }

    void intent(final DeviceTransaction transaction, final TransactionStep step, final Map<String, String> extra)
    {
        device(transaction, HistoryEventKind.STEP_INTENT, step.description(), withStep(step, extra));
    }

    void done(final DeviceTransaction transaction, final TransactionStep step, final Map<String, String> extra)
    {
        device(transaction, HistoryEventKind.STEP_DONE, step.description(), withStep(step, extra));
    }

    void failed(final DeviceTransaction transaction, final TransactionStep step, final String message)
    {
        device(transaction, HistoryEventKind.DEVICE_FAILED, message, withStep(step, Map.of()));
    }

    private static Map<String, String> withStep(final TransactionStep step, final Map<String, String> extra)
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(STEP, step.name());
        attributes.putAll(extra);
        return attributes;
    }
}
