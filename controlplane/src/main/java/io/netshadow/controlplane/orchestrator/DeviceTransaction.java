package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One device's part of a change, on the live device or on its shadow copy: the steps of its {@link CommitSequence},
 * each recorded in the history before it is sent, then its confirmation or its way back. The lock taken first is
 * held until the device's part ends, so that nobody else's candidate edits ride on the confirming commit. A
 * transaction that lost its session opens a new one to roll back; one resumed from the history after a restart
 * starts without a session and opens one when it acts.
 * <p>
 * Used by one thread at a time.
 */
final class DeviceTransaction
{
    private static final Logger LOG = LoggerFactory.getLogger(DeviceTransaction.class);

    private final String changeId;
    private final String device;
    private final boolean live;
    private final String wave;
    private final DeviceConnector connector;
    private final TransactionLog log;
    private DeviceDriver driver;
    private DeviceCapabilities capabilities;
    private CommitSequence sequence;
    private DeviceConfig saved;
    private String persistId;
    private long confirmDeadlineEpochMs = Long.MAX_VALUE;
    private boolean locked;
    private boolean editSent;
    private boolean commitSent;
    private boolean confirmed;

    DeviceTransaction(
        final String changeId,
        final String device,
        final boolean live,
        final String wave,
        final DeviceConnector connector,
        final TransactionLog log)
    {
        this.changeId = changeId;
        this.device = device;
        this.live = live;
        this.wave = wave;
        this.connector = connector;
        this.log = log;
    }

    /**
     * A live device's part of a change as the history left it: its edit was sent, maybe committed, maybe confirmed.
     */
    static DeviceTransaction resumed(
        final String changeId, final RecordedDevice recorded, final DeviceConnector connector, final TransactionLog log)
    {
        final DeviceTransaction transaction =
            new DeviceTransaction(changeId, recorded.device(), true, recorded.wave(), connector, log);
        transaction.sequence = recorded.sequence();
        transaction.saved = recorded.saved();
        transaction.persistId = recorded.persistId();
        transaction.confirmDeadlineEpochMs = recorded.confirmDeadlineEpochMs();
        transaction.editSent = true;
        transaction.commitSent = recorded.commitSent();
        transaction.confirmed = recorded.confirmed();
        return transaction;
    }

    String changeId()
    {
        return changeId;
    }

    String device()
    {
        return device;
    }

    boolean live()
    {
        return live;
    }

    String wave()
    {
        return wave;
    }

    CommitSequence sequence()
    {
        return sequence;
    }

    DeviceCapabilities capabilities()
    {
        return capabilities;
    }

    /**
     * Opens the session and reads the capabilities, which choose the sequence; sends nothing that changes the device.
     */
    void open() throws DeviceException
    {
        connect();
        try
        {
            capabilities = driver.capabilities();
        }
        catch (final DeviceException | RuntimeException ex)
        {
            throw failed(TransactionStep.CONNECT, ex);
        }
        sequence = CommitSequence.of(capabilities, live);
    }

    /**
     * Sends the edit through the sequence until it is in force: committed confirmed (live, with the timeout and the
     * persist-id), committed, or edited into running. On failure the caller rolls back.
     */
    void apply(final String editXml, final Duration confirmTimeout, final String confirmPersistId)
        throws DeviceException
    {
        step(TransactionStep.LOCK, Map.of(TransactionLog.SEQUENCE, sequence.name()), driver::lock);
        locked = true;
        saved = saveRunning();
        editSent = true;
        step(TransactionStep.EDIT, Map.of(), () -> driver.edit(editXml));
        if (sequence.usesCandidate() && capabilities.validate())
        {
            step(TransactionStep.VALIDATE, Map.of(), driver::validate);
        }
        if (CommitSequence.CONFIRMED_COMMIT == sequence)
        {
            persistId = confirmPersistId;
            confirmDeadlineEpochMs = log.nowEpochMs() + confirmTimeout.toMillis();
            commitSent = true;
            step(TransactionStep.COMMIT_CONFIRMED, Map.of(
                TransactionLog.PERSIST_ID, persistId,
                TransactionLog.CONFIRM_TIMEOUT_MS, Long.toString(confirmTimeout.toMillis()),
                TransactionLog.CONFIRM_DEADLINE_EPOCH_MS, Long.toString(confirmDeadlineEpochMs)),
                () -> driver.commitConfirmed(confirmTimeout, persistId));
        }
        else if (CommitSequence.CANDIDATE_COMMIT == sequence)
        {
            commitSent = true;
            step(TransactionStep.COMMIT, Map.of(), () -> driver.commit(null));
        }
        log.device(this, HistoryEventKind.DEVICE_APPLIED, side() + ": " + appliedDetail(),
            Map.of(TransactionLog.SEQUENCE, sequence.name()));
    }

    /**
     * Makes the change permanent: the confirming commit with the persist-id when the commit was confirmed (refused
     * once the confirm window has closed, since the device has reverted by itself), then the lock is released.
     */
    void confirm() throws DeviceException
    {
        if (awaitsConfirmation())
        {
            if (log.nowEpochMs() >= confirmDeadlineEpochMs)
            {
                final String message = device + ": the confirm window closed at " +
                    Instant.ofEpochMilli(confirmDeadlineEpochMs) + " before the change was confirmed; the device " +
                    "has reverted by itself";
                log.failed(this, TransactionStep.CONFIRM, message);
                throw new DeviceException(message, null);
            }
            ensureSession();
            step(TransactionStep.CONFIRM, Map.of(TransactionLog.PERSIST_ID, persistId), () -> driver.commit(persistId));
        }
        confirmed = true;
        unlockQuietly();
        log.device(this, HistoryEventKind.DEVICE_CONFIRMED, side() + ": " +
            (CommitSequence.CONFIRMED_COMMIT == sequence ? "confirmed with persist-id " + persistId : "kept"),
            Map.of());
    }

    /**
     * Takes the change back on this device, whatever point it reached: cancels the confirmed commit, discards the
     * uncommitted candidate, or restores the saved running configuration; when the session fails, once more on a
     * new session. Never throws: a device that cannot be restored is reported unresolved.
     */
    RollbackResult rollback()
    {
        if (!editSent)
        {
            unlockQuietly();
            return new RollbackResult(live, RollbackResult.State.UNCHANGED, side() + ": nothing was changed");
        }
        String how;
        try
        {
            ensureSession();
            how = undo();
        }
        catch (final DeviceException first)
        {
            try
            {
                reconnect();
                how = undo();
            }
            catch (final DeviceException second)
            {
                final String message = unresolved(second);
                log.device(this, HistoryEventKind.DEVICE_FAILED, message, Map.of());
                unlockQuietly();
                return new RollbackResult(live, RollbackResult.State.UNRESOLVED, message);
            }
        }
        unlockQuietly();
        final String detail = side() + ": " + how;
        log.device(this, HistoryEventKind.DEVICE_RESTORED, detail, Map.of());
        return new RollbackResult(live, RollbackResult.State.RESTORED, detail);
    }

    /**
     * Releases the lock if still held and hands the session back.
     */
    void close()
    {
        unlockQuietly();
        releaseQuietly();
    }

    private boolean awaitsConfirmation()
    {
        return CommitSequence.CONFIRMED_COMMIT == sequence && commitSent && !confirmed;
    }

    private String undo() throws DeviceException
    {
        if (awaitsConfirmation())
        {
            try
            {
                step(TransactionStep.CANCEL_COMMIT, Map.of(TransactionLog.PERSIST_ID, persistId),
                    () -> driver.cancelCommit(persistId));
                return "confirmed commit cancelled";
            }
            catch (final DeviceException ex)
            {
                LOG.info("{}: cancel-commit failed, restoring the saved configuration instead: {}",
                    device, ex.getMessage());
            }
        }
        if (sequence.usesCandidate() && !commitSent)
        {
            step(TransactionStep.DISCARD_CHANGES, Map.of(), driver::discardChanges);
            return "uncommitted edit discarded";
        }
        if (null == saved)
        {
            throw failed(TransactionStep.RESTORE, new DeviceException(
                device + ": no saved configuration to restore", null));
        }
        step(TransactionStep.RESTORE, Map.of(), () -> driver.restore(saved));
        return "saved running configuration restored";
    }

    private DeviceConfig saveRunning() throws DeviceException
    {
        log.intent(this, TransactionStep.SAVE_RUNNING, Map.of());
        final DeviceConfig running;
        try
        {
            running = driver.running();
        }
        catch (final DeviceException | RuntimeException ex)
        {
            throw failed(TransactionStep.SAVE_RUNNING, ex);
        }
        log.done(this, TransactionStep.SAVE_RUNNING, Map.of(TransactionLog.SAVED_RUNNING, DeviceConfigXml.toXml(running)));
        return running;
    }

    private void step(final TransactionStep step, final Map<String, String> attributes, final DeviceCall call)
        throws DeviceException
    {
        log.intent(this, step, attributes);
        try
        {
            call.run();
        }
        catch (final DeviceException | RuntimeException ex)
        {
            throw failed(step, ex);
        }
        log.done(this, step, Map.of());
    }

    private DeviceException failed(final TransactionStep step, final Exception ex)
    {
        final DeviceException failure = ex instanceof final DeviceException deviceException ? deviceException :
            new DeviceException(device + ": " + step.description() + " failed: " + ex, ex);
        log.failed(this, step, failure.getMessage());
        return failure;
    }

    private void connect() throws DeviceException
    {
        try
        {
            driver = connector.connect(device);
        }
        catch (final DeviceException | RuntimeException ex)
        {
            throw failed(TransactionStep.CONNECT, ex);
        }
    }

    private void ensureSession() throws DeviceException
    {
        if (null == driver)
        {
            connect();
            try
            {
                step(TransactionStep.LOCK, Map.of(), driver::lock);
                locked = true;
            }
            catch (final DeviceException ex)
            {
                LOG.info("{}: going on without the lock: {}", device, ex.getMessage());
            }
        }
    }

    private void reconnect() throws DeviceException
    {
        unlockQuietly();
        releaseQuietly();
        ensureSession();
    }

    private void unlockQuietly()
    {
        if (locked && null != driver)
        {
            locked = false;
            try
            {
                step(TransactionStep.UNLOCK, Map.of(), driver::unlock);
            }
            catch (final DeviceException ex)
            {
                LOG.info("{}: unlock failed: {}", device, ex.getMessage());
            }
        }
    }

    private void releaseQuietly()
    {
        if (null != driver)
        {
            final DeviceDriver session = driver;
            driver = null;
            locked = false;
            try
            {
                connector.release(session);
            }
            catch (final RuntimeException ex)
            {
                LOG.info("{}: closing the session failed: {}", device, ex.toString());
            }
        }
    }

    private String unresolved(final DeviceException cause)
    {
        if (awaitsConfirmation())
        {
            return side() + " " + device + " cannot be rolled back (" + cause.getMessage() + "); its confirmed " +
                "commit reverts by itself by " + Instant.ofEpochMilli(confirmDeadlineEpochMs);
        }
        return side() + " " + device + " cannot be restored (" + cause.getMessage() + "); it keeps the change " +
            "until recovery restores the configuration saved in the history";
    }

    private String appliedDetail()
    {
        return switch (sequence)
        {
            case CONFIRMED_COMMIT -> "committed confirmed until " + Instant.ofEpochMilli(confirmDeadlineEpochMs) +
                ", persist-id " + persistId;
            case CANDIDATE_COMMIT -> "committed";
            case RUNNING -> "edited running";
        };
    }

    private String side()
    {
        return live ? TransactionLog.LIVE : TransactionLog.SHADOW;
    }

    @FunctionalInterface
    private interface DeviceCall
    {
        void run() throws DeviceException;
    }
}
