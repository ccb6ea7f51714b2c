package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.agrona.concurrent.EpochNanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A device as a NETCONF server keeps it, for tests: running and candidate datastores, a lock owned by a session, a
 * confirmed commit with a persist-id that reverts by itself when its deadline passes on the test's clock, and a
 * session that dies takes its lock with it and discards uncommitted candidate edits. Each operation can be
 * scripted to fail once: refused, the session lost before or after the operation, or the appliance crashing.
 */
public final class ScriptedDevice
{
    /** The operations a session sends, as the device sees them. */
    public enum Op
    {
        CAPABILITIES, LOCK, UNLOCK, GET_CONFIG, EDIT, VALIDATE, COMMIT_CONFIRMED, COMMIT, CONFIRM, CANCEL_COMMIT,
        DISCARD, RESTORE
    }

    /** How a scripted operation fails. */
    public enum Fault
    {
        /** The device answers with an rpc-error; nothing changes. */
        REFUSE,
        /** The session drops before the operation reaches the device. */
        PEER_GONE,
        /** The device performs the operation, then the session drops before the reply. */
        PEER_GONE_AFTER,
        /** The appliance dies before sending. */
        CRASH,
        /** The device performs the operation, then the appliance dies. */
        CRASH_AFTER
    }

    private final String name;
    private final EpochNanoClock clock;
    private final Map<Op, Fault> faults = new EnumMap<>(Op.class);
    private final List<Op> operations = new ArrayList<>();
    private final List<ScriptedSession> sessions = new ArrayList<>();
    private DeviceCapabilities capabilities = DeviceCapabilities.FULL;
    private DeviceConfig running = DeviceConfig.empty();
    private DeviceConfig candidate = DeviceConfig.empty();
    private DeviceConfig beforeConfirmedCommit;
    private String pendingPersistId;
    private long confirmDeadlineNs;
    private Object lockOwner;
    private boolean reachable = true;
    private Consumer<Op> beforeEachOperation = op -> {};
    private int sessionCount;

    /**
     * Creates a device with an empty configuration that offers everything.
     *
     * @param name  its name.
     * @param clock the clock its confirm timer runs on.
     */
    public ScriptedDevice(final String name, final EpochNanoClock clock)
    {
        this.name = name;
        this.clock = clock;
    }

    /**
     * The device's name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Sets what the device offers.
     *
     * @param offered the capabilities.
     * @return this device.
     */
    public synchronized ScriptedDevice offering(final DeviceCapabilities offered)
    {
        capabilities = offered;
        return this;
    }

    /**
     * Makes an operation fail once.
     *
     * @param op    the operation.
     * @param fault how.
     * @return this device.
     */
    public synchronized ScriptedDevice failOnce(final Op op, final Fault fault)
    {
        faults.put(op, fault);
        return this;
    }

    /**
     * Lets another session hold the lock.
     *
     * @param holder who holds it.
     */
    public synchronized void lockedBy(final String holder)
    {
        lockOwner = holder;
    }

    /**
     * Makes the device reachable or not: unreachable, it refuses new sessions.
     *
     * @param up whether new sessions connect.
     */
    public synchronized void reachable(final boolean up)
    {
        reachable = up;
    }

    /**
     * Runs a check before every operation the device receives, such as that it was recorded first.
     *
     * @param check the check.
     */
    public synchronized void beforeEachOperation(final Consumer<Op> check)
    {
        beforeEachOperation = check;
    }

    /**
     * Drops every open session, as when the appliance's process dies.
     */
    public synchronized void dropSessions()
    {
        new ArrayList<>(sessions).forEach(this::sessionLost);
    }

    /**
     * The running configuration now, after the confirm timer has had its say.
     *
     * @return running.
     */
    public synchronized DeviceConfig running()
    {
        expire();
        return running;
    }

    /**
     * Whether a confirmed commit waits for confirmation.
     *
     * @return true while one is pending.
     */
    public synchronized boolean confirmPending()
    {
        expire();
        return null != beforeConfirmedCommit;
    }

    /**
     * Whether any session holds the lock.
     *
     * @return true when locked.
     */
    public synchronized boolean locked()
    {
        return null != lockOwner;
    }

    /**
     * Every operation the device received, in order, failed ones included.
     *
     * @return the operations.
     */
    public synchronized List<Op> operations()
    {
        return List.copyOf(operations);
    }

    synchronized ScriptedSession connect() throws DeviceException
    {
        if (!reachable)
        {
            throw new DeviceException(name + ": connection refused", null);
        }
        final ScriptedSession session = new ScriptedSession(this, ++sessionCount);
        sessions.add(session);
        return session;
    }

    synchronized DeviceCapabilities capabilities(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.CAPABILITIES);
        return capabilities;
    }

    synchronized void lock(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.LOCK);
        if (null != lockOwner && lockOwner != session)
        {
            throw new DeviceException(name + ": lock denied: held by " + lockOwner, null);
        }
        lockOwner = session;
        done(session, Op.LOCK);
    }

    synchronized void unlock(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.UNLOCK);
        if (lockOwner == session)
        {
            lockOwner = null;
        }
        done(session, Op.UNLOCK);
    }

    synchronized DeviceConfig getConfig(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.GET_CONFIG);
        expire();
        done(session, Op.GET_CONFIG);
        return running;
    }

    synchronized void edit(final ScriptedSession session, final String editXml) throws DeviceException
    {
        receive(session, Op.EDIT);
        requireLock(session);
        try
        {
            if (capabilities.candidate())
            {
                candidate = DeviceConfigXml.applyEdit(candidate, editXml);
            }
            else
            {
                running = DeviceConfigXml.applyEdit(running, editXml);
                candidate = running;
            }
        }
        catch (final DeviceConfigException ex)
        {
            throw new DeviceException(name + ": edit refused: " + ex.getMessage(), ex);
        }
        done(session, Op.EDIT);
    }

    synchronized void validate(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.VALIDATE);
        done(session, Op.VALIDATE);
    }

    synchronized void commitConfirmed(final ScriptedSession session, final Duration timeout, final String persistId)
        throws DeviceException
    {
        receive(session, Op.COMMIT_CONFIRMED);
        requireLock(session);
        expire();
        if (null == beforeConfirmedCommit)
        {
            beforeConfirmedCommit = running;
        }
        pendingPersistId = persistId;
        confirmDeadlineNs = clock.nanoTime() + timeout.toNanos();
        running = candidate;
        done(session, Op.COMMIT_CONFIRMED);
    }

    synchronized void commit(final ScriptedSession session, final String persistId) throws DeviceException
    {
        receive(session, null == persistId ? Op.COMMIT : Op.CONFIRM);
        expire();
        if (null != beforeConfirmedCommit)
        {
            if (!Objects.equals(persistId, pendingPersistId))
            {
                throw new DeviceException(name + ": commit refused: a confirmed commit with another persist-id " +
                    "is pending", null);
            }
            beforeConfirmedCommit = null;
            pendingPersistId = null;
        }
        else if (null != persistId)
        {
            throw new DeviceException(name + ": commit refused: no confirmed commit with persist-id " + persistId +
                " is pending", null);
        }
        running = candidate;
        done(session, null == persistId ? Op.COMMIT : Op.CONFIRM);
    }

    synchronized void cancelCommit(final ScriptedSession session, final String persistId) throws DeviceException
    {
        receive(session, Op.CANCEL_COMMIT);
        expire();
        if (null == beforeConfirmedCommit || !Objects.equals(persistId, pendingPersistId))
        {
            throw new DeviceException(name + ": cancel-commit refused: no confirmed commit with persist-id " +
                persistId + " is pending", null);
        }
        running = beforeConfirmedCommit;
        candidate = running;
        beforeConfirmedCommit = null;
        pendingPersistId = null;
        done(session, Op.CANCEL_COMMIT);
    }

    synchronized void discard(final ScriptedSession session) throws DeviceException
    {
        receive(session, Op.DISCARD);
        candidate = running;
        done(session, Op.DISCARD);
    }

    synchronized void restore(final ScriptedSession session, final DeviceConfig saved) throws DeviceException
    {
        receive(session, Op.RESTORE);
        expire();
        if (null != beforeConfirmedCommit)
        {
            throw new DeviceException(name + ": restore refused: a confirmed commit is pending; confirm or cancel " +
                "it first", null);
        }
        running = saved;
        candidate = saved;
        done(session, Op.RESTORE);
    }

    synchronized void close(final ScriptedSession session)
    {
        sessionLost(session);
    }

    private void receive(final ScriptedSession session, final Op op) throws DeviceException
    {
        if (!session.alive())
        {
            throw new DeviceException(name + ": session " + session.id() + " is closed", null);
        }
        final Fault fault = faults.get(op);
        if (Fault.CRASH == fault)
        {
            faults.remove(op);
            throw new SimulatedCrash(name + " before " + op);
        }
        beforeEachOperation.accept(op);
        operations.add(op);
        if (!session.alive())
        {
            throw new DeviceException(name + ": session " + session.id() + " lost before " + op, null);
        }
        if (Fault.REFUSE == fault)
        {
            faults.remove(op);
            throw new DeviceException(name + ": " + op + " refused (scripted)", null);
        }
        if (Fault.PEER_GONE == fault)
        {
            faults.remove(op);
            sessionLost(session);
            throw new DeviceException(name + ": session lost before " + op, null);
        }
    }

    private void done(final ScriptedSession session, final Op op) throws DeviceException
    {
        final Fault fault = faults.get(op);
        if (Fault.PEER_GONE_AFTER == fault)
        {
            faults.remove(op);
            sessionLost(session);
            throw new DeviceException(name + ": session lost after " + op, null);
        }
        if (Fault.CRASH_AFTER == fault)
        {
            faults.remove(op);
            throw new SimulatedCrash(name + " after " + op);
        }
    }

    private void requireLock(final ScriptedSession session) throws DeviceException
    {
        if (null != lockOwner && lockOwner != session)
        {
            throw new DeviceException(name + ": the datastore is locked by " + lockOwner, null);
        }
    }

    private void sessionLost(final ScriptedSession session)
    {
        session.kill();
        sessions.remove(session);
        if (lockOwner == session)
        {
            lockOwner = null;
            candidate = running;
        }
    }

    private void expire()
    {
        if (null != beforeConfirmedCommit && clock.nanoTime() >= confirmDeadlineNs)
        {
            running = beforeConfirmedCommit;
            candidate = running;
            beforeConfirmedCommit = null;
            pendingPersistId = null;
        }
    }
}
