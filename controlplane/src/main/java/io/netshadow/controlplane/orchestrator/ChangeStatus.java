package io.netshadow.controlplane.orchestrator;

import java.util.List;

/**
 * A change as the operator interface reports it: where it stands, and what happened so far.
 *
 * @param id              the change id (a second run of one change file gets a suffix, such as {@code .2}).
 * @param description     what it is for.
 * @param state           where it stands.
 * @param wave            the wave being applied or judged, empty before the first.
 * @param waveIndex       that wave's position, from 1; 0 before the first.
 * @param waveCount       how many waves the change has; 0 when not known.
 * @param gateWaitMs      how long the current wave's verdict has been awaited, in milliseconds; -1 when not waiting.
 * @param startedEpochMs  when it began, in milliseconds since the epoch.
 * @param finishedEpochMs when it ended, in milliseconds since the epoch; 0 while it runs.
 * @param message         one line on how it ended, or on what it does.
 * @param progress        what happened so far, a line each, oldest first.
 */
public record ChangeStatus(
    String id,
    String description,
    ChangeState state,
    String wave,
    int waveIndex,
    int waveCount,
    long gateWaitMs,
    long startedEpochMs,
    long finishedEpochMs,
    String message,
    List<String> progress)
{
    /**
     * Copies the progress.
     *
     * @param id              the id.
     * @param description     what it is for.
     * @param state           the state.
     * @param wave            the current wave.
     * @param waveIndex       its position.
     * @param waveCount       the wave count.
     * @param gateWaitMs      the wait for the current verdict.
     * @param startedEpochMs  the start.
     * @param finishedEpochMs the end.
     * @param message         the message.
     * @param progress        the progress lines.
     */
    public ChangeStatus
    {
        progress = List.copyOf(progress);
    }
}
