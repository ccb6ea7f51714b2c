package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
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

/**
 * Changes as an operator drives them through the daemon's API: plan, apply (the change runs on its own virtual
 * thread and the call returns its id at once), status with progress, and abort. One change runs at a time, and
 * none starts while the history holds a change left unfinished; aborting such a change finishes it from its
 * history. Safe to use from any thread.
 */
public final class ChangeService implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ChangeService.class);
    private static final int REMEMBERED_RUNS = 100;
    private static final int PROGRESS_LINES = 1_000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final ChangeOrchestrator orchestrator;
    private final HistoryJournal history;
    private final EpochNanoClock clock;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private Run running;
    private boolean closed;

    /**
     * Creates the service.
     *
     * @param orchestrator runs the changes.
     * @param history      the history the orchestrator records into, for changes of earlier runs.
     * @param clock        ns since the epoch.
     */
    public ChangeService(final ChangeOrchestrator orchestrator, final HistoryJournal history, final EpochNanoClock clock)
    {
        this.orchestrator = orchestrator;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Plans a change, asking its live devices for their capabilities; sends nothing that changes a device.
     *
     * @param change the change.
     * @return the plan.
     */
    public ChangePlan plan(final ChangeSpec change)
    {
        return orchestrator.plan(change);
    }

    /**
     * Starts a change and returns at once. A change file applied before gets a new id, its own with a suffix.
     *
     * @param change the change.
     * @return its status, with the id it runs under.
     * @throws ChangeRejectedException when another change runs, one is unfinished, or the appliance is stopping.
     */
    public synchronized ChangeStatus apply(final ChangeSpec change) throws ChangeRejectedException
    {
        refuseWhileBusy();
        final List<String> unfinished = history.changesInFlight();
        if (!unfinished.isEmpty())
        {
            throw new ChangeRejectedException(ChangeRejectedException.Reason.UNFINISHED, "change " +
                unfinished.getFirst() + " is unfinished; abort it to finish it before a new change");
        }
        final String id = uniqueId(change.id());
        final Run run = start(id, change.description(), change.waves().size());
        Thread.ofVirtual().name("netshadow-change-" + id).start(() -> execute(run,
            () -> orchestrator.run(change.withId(id), run, run.abort)));
        return run.status();
    }

    /**
     * Where a change stands: one this service ran, or one of the history.
     *
     * @param id the change id.
     * @return its status.
     * @throws ChangeRejectedException when no change has that id.
     */
    public ChangeStatus status(final String id) throws ChangeRejectedException
    {
        final Run run;
        synchronized (this)
        {
            run = runs.get(id);
        }
        return null != run ? run.status() : statusFromHistory(id);
    }

    /**
     * The changes this service ran, newest first.
     *
     * @return their statuses.
     */
    public List<ChangeStatus> changes()
    {
        final List<Run> known;
        synchronized (this)
        {
            known = new ArrayList<>(runs.values());
        }
        final List<ChangeStatus> statuses = new ArrayList<>();
        for (int i = known.size() - 1; i >= 0; i--)
        {
            statuses.add(known.get(i).status());
        }
        return statuses;
    }

    /**
     * Stops a change: a running one rolls back every wave applied; an unfinished one is finished from its history
     * (confirmed only when its final verdict allowed it, else rolled back).
     *
     * @param id     the change id.
     * @param reason why, for the history.
     * @return its status.
     * @throws ChangeRejectedException when the change is unknown or has ended, or another change runs.
     */
    public synchronized ChangeStatus abort(final String id, final String reason) throws ChangeRejectedException
    {
        final Run run = runs.get(id);
        if (null != run && run == running)
        {
            run.abort.request(reason);
            return run.status();
        }
        if (history.changesInFlight().contains(id))
        {
            refuseWhileBusy();
            final Run recovery = start(id, "finishing an unfinished change from its history", 0);
            Thread.ofVirtual().name("netshadow-recover-" + id).start(() -> execute(recovery,
                () -> orchestrator.recover(id)));
            return recovery.status();
        }
        if (null != run || history.contains(id))
        {
            throw new ChangeRejectedException(ChangeRejectedException.Reason.FINISHED,
                "change " + id + " has already ended: " + status(id).state().name().toLowerCase(Locale.ROOT));
        }
        throw new ChangeRejectedException(ChangeRejectedException.Reason.NOT_FOUND, "no change " + id);
    }

    /**
     * Refuses new changes, aborts the running one and waits a while for its rollback; a change still running then
     * is left to the recovery of the next start.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            closed = true;
            if (null != running)
            {
                running.abort.request("the appliance is stopping");
            }
            final long untilNs = System.nanoTime() + STOP_WAIT.toNanos();
            long leftNs = STOP_WAIT.toNanos();
            while (null != running && leftNs > 0)
            {
                try
                {
                    wait(Math.max(1, leftNs / 1_000_000L));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
                leftNs = untilNs - System.nanoTime();
            }
        }
    }

    private void refuseWhileBusy() throws ChangeRejectedException
    {
        if (closed)
        {
            throw new ChangeRejectedException(ChangeRejectedException.Reason.STOPPING, "the appliance is stopping");
        }
        if (null != running)
        {
            throw new ChangeRejectedException(ChangeRejectedException.Reason.BUSY, "change " + running.id +
                " is running; wait for it to end or abort it");
        }
    }

    private Run start(final String id, final String description, final int waveCount)
    {
        final Run run = new Run(id, description, waveCount, clock.nanoTime() / 1_000_000L);
        runs.remove(id);
        runs.put(id, run);
        if (runs.size() > REMEMBERED_RUNS)
        {
            runs.remove(runs.keySet().iterator().next());
        }
        running = run;
        return run;
    }

    private void execute(final Run run, final Execution execution)
    {
        try
        {
            run.finished(execution.run());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: the change stopped on an internal error; it is unfinished in the history", run.id, ex);
            run.stopped("stopped on an internal error: " + ex);
        }
        finally
        {
            synchronized (this)
            {
                if (running == run)
                {
                    running = null;
                }
                notifyAll();
            }
        }
    }

    private String uniqueId(final String id)
    {
        String candidate = id;
        for (int n = 2; runs.containsKey(candidate) || history.contains(candidate); n++)
        {
            candidate = id + "." + n;
        }
        return candidate;
    }

    private ChangeStatus statusFromHistory(final String id) throws ChangeRejectedException
    {
        final List<HistoryEvent> events = history.query(HistoryQuery.all().forChange(id));
        if (events.isEmpty())
        {
            throw new ChangeRejectedException(ChangeRejectedException.Reason.NOT_FOUND, "no change " + id);
        }
        final HistoryEvent first = events.getFirst();
        final HistoryEvent last = events.getLast();
        final List<String> progress = new ArrayList<>();
        for (final HistoryEvent event : events)
        {
            if (!event.kind().isStep())
            {
                progress.add(event.kind() + (null == event.device() ? "" : " " + event.device()) + ": " +
                    event.detail());
            }
        }
        final boolean ended = last.kind().isOutcome();
        return new ChangeStatus(id, first.detail(), stateOf(last.kind()), "", 0, 0, -1,
            first.timeEpochMs(), ended ? last.timeEpochMs() : 0,
            ended ? last.detail() : "unfinished: abort it to finish it from its history", progress);
    }

    private static ChangeState stateOf(final HistoryEventKind lastKind)
    {
        return switch (lastKind)
        {
            case COMMITTED -> ChangeState.COMMITTED;
            case ROLLED_BACK -> ChangeState.ROLLED_BACK;
            case FAILED -> ChangeState.FAILED;
            case ABORTED -> ChangeState.ABORTED;
            default -> ChangeState.UNFINISHED;
        };
    }

    @FunctionalInterface
    private interface Execution
    {
        ChangeResult run();
    }

    /**
     * One change run by this service: its abort signal and what it reported so far.
     */
    private final class Run implements ChangeListener
    {
        private final String id;
        private final String description;
        private final long startedEpochMs;
        private final ChangeAbort abort = new ChangeAbort();
        private final List<String> progress = new ArrayList<>();
        private ChangeState state = ChangeState.RUNNING;
        private String wave = "";
        private int waveIndex;
        private int waveCount;
        private long gateWaitMs = -1;
        private long finishedEpochMs;
        private String message = "running";

        private Run(final String id, final String description, final int waveCount, final long startedEpochMs)
        {
            this.id = id;
            this.description = description;
            this.waveCount = waveCount;
            this.startedEpochMs = startedEpochMs;
        }

        @Override
        public synchronized void onWaveStarted(
            final String changeId, final String name, final int index, final int count, final List<String> devices)
        {
            wave = name;
            waveIndex = index;
            waveCount = count;
            gateWaitMs = -1;
            line(String.format(Locale.ROOT, "wave %d/%d %s: %s", index, count, name, String.join(", ", devices)));
        }

        @Override
        public synchronized void onApplied(final String changeId, final String device, final boolean shadow)
        {
            line(device + ": applied (" + (shadow ? "shadow" : "live") + ")");
        }

        @Override
        public synchronized void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
        {
            gateWaitMs = elapsedNs / 1_000_000L;
        }

        @Override
        public synchronized void onGate(final String changeId, final String name, final Verdict verdict)
        {
            gateWaitMs = -1;
            line("gate " + name + ": " + verdict.outcome() + ": " + verdict.reason());
        }

        @Override
        public synchronized void onRestored(
            final String changeId, final String device, final boolean shadow, final String detail)
        {
            line(device + ": " + detail);
        }

        private synchronized void finished(final ChangeResult result)
        {
            final boolean unfinished = history.changesInFlight().contains(id);
            state = unfinished ? ChangeState.UNFINISHED : ChangeState.of(result.outcome());
            message = result.message();
            finishedEpochMs = clock.nanoTime() / 1_000_000L;
            gateWaitMs = -1;
            line(unfinished ? "unfinished: " + message : message);
        }

        private synchronized void stopped(final String why)
        {
            state = ChangeState.UNFINISHED;
            message = why;
            finishedEpochMs = clock.nanoTime() / 1_000_000L;
            line(why);
        }

        private synchronized ChangeStatus status()
        {
            return new ChangeStatus(id, description, state, wave, waveIndex, waveCount, gateWaitMs, startedEpochMs,
                finishedEpochMs, message, progress);
        }

        private void line(final String text)
        {
            LOG.info("{}: {}", id, text);
            if (progress.size() < PROGRESS_LINES)
            {
                progress.add(text);
            }
        }
    }
}
