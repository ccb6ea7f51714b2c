package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The running and candidate datastores of one device, their locks and the pending confirmed commit, shared by all
 * of the device's sessions (RFC 6241 sections 7.5, 8.3 and 8.4). Every operation is atomic: it either completes or
 * throws and leaves everything as it was. Changes of running go to the listener, in order, while the datastores
 * are locked.
 */
final class Datastores
{
    private static final Logger LOG = LoggerFactory.getLogger(Datastores.class);
    private static final int NO_SESSION = 0;

    private final String deviceName;
    private final RunningConfigListener listener;
    private final ScheduledExecutorService timer;
    private final int[] lockHolders = new int[Datastore.values().length];
    private DeviceConfig running;
    private DeviceConfig candidate;
    private PendingCommit pending;
    private long commitGeneration;
    private boolean closed;

    /**
     * Datastores whose running and candidate configurations both start as the given one.
     *
     * @param deviceName the device, for logs.
     * @param running    the configuration in force.
     * @param listener   receives every change of running.
     * @param timer      runs confirm timeouts.
     */
    Datastores(
        final String deviceName,
        final DeviceConfig running,
        final RunningConfigListener listener,
        final ScheduledExecutorService timer)
    {
        this.deviceName = deviceName;
        this.running = Objects.requireNonNull(running, "running");
        this.candidate = running;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * A datastore's configuration.
     */
    synchronized DeviceConfig read(final Datastore datastore)
    {
        return Datastore.RUNNING == datastore ? running : candidate;
    }

    synchronized boolean confirmedCommitPending()
    {
        return null != pending;
    }

    /**
     * Applies an edit to a datastore that no other session has locked.
     *
     * @return the faults of the parts that were left out, empty when all of it applied.
     */
    synchronized List<RpcFault> edit(final int sessionId, final Datastore target, final Edit edit)
        throws RpcFaultException
    {
        requireWritable(sessionId, target);
        final ConfigEditor.EditOutcome outcome = edit.apply(read(target));
        write(target, outcome.config(), RunningChange.EDIT);
        return outcome.faults();
    }

    /**
     * Replaces a datastore's configuration (copy-config).
     */
    synchronized void copy(final int sessionId, final Datastore target, final DeviceConfig config)
        throws RpcFaultException
    {
        requireWritable(sessionId, target);
        write(target, config, RunningChange.COPY);
    }

    /**
     * Locks a datastore for a session (RFC 6241 section 7.5): denied while another session holds it, while the
     * candidate holds uncommitted changes, or, for running, while another open session has a confirmed commit
     * in progress.
     */
    synchronized void lock(final int sessionId, final Datastore target) throws RpcFaultException
    {
        final int holder = lockHolders[target.ordinal()];
        if (NO_SESSION != holder)
        {
            throw new RpcFaultException(RpcFault.heldBy(RpcFault.LOCK_DENIED, holder,
                "the " + target.xmlName() + " datastore is locked by session " + holder));
        }
        if (Datastore.CANDIDATE == target && !candidate.equals(running))
        {
            throw new RpcFaultException(RpcFault.heldBy(RpcFault.LOCK_DENIED, NO_SESSION,
                "the candidate holds changes that are neither committed nor discarded"));
        }
        if (Datastore.RUNNING == target && null != pending && pending.sessionId != sessionId && pending.sessionOpen)
        {
            throw new RpcFaultException(RpcFault.heldBy(RpcFault.LOCK_DENIED, pending.sessionId,
                "session " + pending.sessionId + " has a confirmed commit in progress"));
        }
        lockHolders[target.ordinal()] = sessionId;
    }

    /**
     * Releases a session's lock; releasing the candidate discards its uncommitted changes (RFC 6241 section
     * 8.3.5.2).
     */
    synchronized void unlock(final int sessionId, final Datastore target) throws RpcFaultException
    {
        if (lockHolders[target.ordinal()] != sessionId)
        {
            throw new RpcFaultException(RpcFault.of(ErrorType.PROTOCOL, RpcFault.OPERATION_FAILED,
                "this session holds no lock on the " + target.xmlName() + " datastore"));
        }
        release(target);
    }

    /**
     * Resets the candidate to the running configuration.
     */
    synchronized void discardChanges(final int sessionId) throws RpcFaultException
    {
        requireWritable(sessionId, Datastore.CANDIDATE);
        candidate = running;
    }

    /**
     * Commits the candidate: plain, confirmed, or as the confirmation or extension of a pending confirmed commit.
     */
    synchronized void commit(final int sessionId, final CommitRequest request) throws RpcFaultException
    {
        if (closed)
        {
            throw new RpcFaultException(RpcFault.of(ErrorType.APPLICATION, RpcFault.OPERATION_FAILED,
                "the agent is shutting down"));
        }
        requireWritable(sessionId, Datastore.RUNNING);
        requireWritable(sessionId, Datastore.CANDIDATE);
        if (null == pending)
        {
            if (null != request.persistId())
            {
                throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.INVALID_VALUE,
                    "persist-id", "no confirmed commit is in progress to confirm with persist-id"));
            }
            final DeviceConfig before = running;
            if (request.confirmed())
            {
                pending = new PendingCommit(sessionId, request.persist(), before);
                schedule(request.confirmTimeoutSeconds());
                write(Datastore.RUNNING, candidate, RunningChange.CONFIRMED_COMMIT);
                LOG.debug("{}: confirmed commit by session {}, reverts in {} s unless confirmed",
                    deviceName, sessionId, request.confirmTimeoutSeconds());
            }
            else
            {
                write(Datastore.RUNNING, candidate, RunningChange.COMMIT);
            }
            return;
        }
        requireOwnerOfPending(sessionId, request.persistId(), "commit");
        if (request.confirmed())
        {
            pending.cancelTimer();
            pending = new PendingCommit(
                sessionId, null == request.persist() ? pending.persist : request.persist(), pending.before);
            schedule(request.confirmTimeoutSeconds());
            write(Datastore.RUNNING, candidate, RunningChange.CONFIRMED_COMMIT);
        }
        else
        {
            pending.cancelTimer();
            pending = null;
            write(Datastore.RUNNING, candidate, RunningChange.COMMIT);
            LOG.debug("{}: confirmed commit confirmed by session {}", deviceName, sessionId);
        }
    }

    /**
     * Cancels the pending confirmed commit: running and candidate go back to what running was before it.
     */
    synchronized void cancelCommit(final int sessionId, final String persistId) throws RpcFaultException
    {
        if (null == pending)
        {
            throw new RpcFaultException(RpcFault.of(ErrorType.PROTOCOL, RpcFault.OPERATION_FAILED,
                "no confirmed commit is in progress"));
        }
        requireOwnerOfPending(sessionId, persistId, "cancel-commit");
        revert(RunningChange.CANCEL);
    }

    /**
     * Releases what a session held: its locks (discarding uncommitted candidate changes with the candidate lock,
     * RFC 6241 section 8.3.5.2) and its confirmed commit unless that was persisted. Safe to call more than once.
     */
    synchronized void sessionEnded(final int sessionId)
    {
        for (final Datastore datastore : Datastore.values())
        {
            if (lockHolders[datastore.ordinal()] == sessionId)
            {
                release(datastore);
            }
        }
        if (null == pending || pending.sessionId != sessionId || closed)
        {
            return;
        }
        if (null == pending.persist)
        {
            LOG.info("{}: session {} ended with its confirmed commit unconfirmed; reverting", deviceName, sessionId);
            revert(RunningChange.SESSION_END);
        }
        else
        {
            pending.sessionOpen = false;
        }
    }

    /**
     * Stops the confirm timer; running stays as it is.
     */
    synchronized void close()
    {
        closed = true;
        if (null != pending)
        {
            pending.cancelTimer();
        }
    }

    private synchronized void expire(final long generation)
    {
        if (closed || null == pending || pending.generation != generation)
        {
            return;
        }
        LOG.info("{}: confirm timeout passed without confirmation; reverting", deviceName);
        revert(RunningChange.TIMEOUT);
    }

    private void schedule(final long timeoutSeconds)
    {
        final long generation = ++commitGeneration;
        pending.generation = generation;
        pending.timeout = timer.schedule(() -> expire(generation), timeoutSeconds, TimeUnit.SECONDS);
    }

    private void revert(final RunningChange change)
    {
        final DeviceConfig before = pending.before;
        pending.cancelTimer();
        pending = null;
        candidate = before;
        write(Datastore.RUNNING, before, change);
    }

    private void release(final Datastore datastore)
    {
        lockHolders[datastore.ordinal()] = NO_SESSION;
        if (Datastore.CANDIDATE == datastore)
        {
            candidate = running;
        }
    }

    private void requireWritable(final int sessionId, final Datastore target) throws RpcFaultException
    {
        final int holder = lockHolders[target.ordinal()];
        if (NO_SESSION != holder && holder != sessionId)
        {
            throw new RpcFaultException(RpcFault.heldBy(RpcFault.IN_USE, holder,
                "the " + target.xmlName() + " datastore is locked by session " + holder));
        }
    }

    private void requireOwnerOfPending(final int sessionId, final String persistId, final String operation)
        throws RpcFaultException
    {
        if (null != pending.persist)
        {
            if (null == persistId)
            {
                throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.MISSING_ELEMENT,
                    "persist-id", "the confirmed commit in progress was persisted: " + operation +
                        " needs its persist-id"));
            }
            if (!pending.persist.equals(persistId))
            {
                throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.INVALID_VALUE,
                    "persist-id", "persist-id does not match the confirmed commit in progress"));
            }
            return;
        }
        if (null != persistId)
        {
            throw new RpcFaultException(RpcFault.aboutElement(ErrorType.PROTOCOL, RpcFault.INVALID_VALUE,
                "persist-id", "the confirmed commit in progress was not persisted; it has no persist-id"));
        }
        if (pending.sessionId != sessionId)
        {
            throw new RpcFaultException(RpcFault.heldBy(RpcFault.IN_USE, pending.sessionId,
                "session " + pending.sessionId + " has a confirmed commit in progress; only it may " + operation));
        }
    }

    private void write(final Datastore target, final DeviceConfig config, final RunningChange change)
    {
        if (Datastore.CANDIDATE == target)
        {
            candidate = config;
            return;
        }
        if (running.equals(config))
        {
            return;
        }
        running = config;
        try
        {
            listener.runningChanged(config, change);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the running configuration listener failed on {}", deviceName, change, ex);
        }
    }

    /**
     * An edit of a datastore's configuration.
     */
    @FunctionalInterface
    interface Edit
    {
        ConfigEditor.EditOutcome apply(DeviceConfig base) throws RpcFaultException;
    }

    private static final class PendingCommit
    {
        private final int sessionId;
        private final String persist;
        private final DeviceConfig before;
        private boolean sessionOpen = true;
        private long generation;
        private ScheduledFuture<?> timeout;

        PendingCommit(final int sessionId, final String persist, final DeviceConfig before)
        {
            this.sessionId = sessionId;
            this.persist = persist;
            this.before = before;
        }

        void cancelTimer()
        {
            if (null != timeout)
            {
                timeout.cancel(false);
            }
        }
    }
}
