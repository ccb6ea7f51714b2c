package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Verdict;

/**
 * How a change ended.
 *
 * @param changeId      the change.
 * @param outcome       committed, rolled back, or failed before a verdict.
 * @param verdict       the forecaster's verdict, null when the change failed before one was reached.
 * @param changeStartNs when the change took effect on live, ns since the epoch.
 * @param finishedNs    when the commit or rollback completed, ns since the epoch.
 * @param message       one line for an operator.
 */
public record ChangeResult(
    String changeId, ChangeOutcome outcome, Verdict verdict, long changeStartNs, long finishedNs, String message)
{
}
