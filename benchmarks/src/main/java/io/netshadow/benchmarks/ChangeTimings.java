package io.netshadow.benchmarks;

import io.netshadow.controlplane.orchestrator.ChangeListener;
import io.netshadow.controlplane.orchestrator.ChangeResult;
import io.netshadow.forecaster.Verdict;

import java.util.List;

/**
 * Times the phases of one single-wave change as the orchestrator reports them: from the start of the run to the
 * wave's start (every device reached and its capabilities read), to the gate (every device locked, saved, edited,
 * validated and committed confirmed, and the verdict given), to the end (every device confirmed and unlocked).
 * Created just before the run; the orchestrator calls it on the thread that runs the change.
 */
final class ChangeTimings implements ChangeListener
{
    private final long startedNs = System.nanoTime();
    private long waveStartedNs;
    private long gateNs;
    private long finishedNs;

    /**
     * The phases of one run, in nanoseconds.
     *
     * @param openNs    start of the run to the wave's start: sessions reached, capabilities read.
     * @param applyNs   the wave's start to its gate: lock, save running, edit, validate, confirmed commit.
     * @param confirmNs the gate to the end: the confirming commits and unlocks.
     * @param totalNs   start of the run to the end: apply to all confirmed.
     */
    record Phases(long openNs, long applyNs, long confirmNs, long totalNs)
    {
    }

    @Override
    public void onWaveStarted(
        final String changeId, final String wave, final int waveIndex, final int waveCount, final List<String> devices)
    {
        waveStartedNs = System.nanoTime();
    }

    @Override
    public void onGate(final String changeId, final String wave, final Verdict verdict)
    {
        gateNs = System.nanoTime();
    }

    @Override
    public void onFinished(final ChangeResult result)
    {
        finishedNs = System.nanoTime();
    }

    /**
     * The phases of the run that has finished.
     *
     * @return the durations.
     * @throws IllegalStateException when the run did not pass through every phase.
     */
    Phases phases()
    {
        if (0 == waveStartedNs || 0 == gateNs || 0 == finishedNs)
        {
            throw new IllegalStateException("the change did not go through wave, gate and finish");
        }
        return new Phases(
            waveStartedNs - startedNs, gateNs - waveStartedNs, finishedNs - gateNs, finishedNs - startedNs);
    }
}
