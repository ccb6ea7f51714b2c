package io.netshadow.controlplane.demo;

import io.netshadow.controlplane.orchestrator.ChangeOutcome;
import io.netshadow.controlplane.orchestrator.ChangeResult;

import java.util.List;

/**
 * One change of the demo: what it was meant to be, and what netshadow made of it.
 *
 * @param name           the change file's name.
 * @param expectedHarmful whether the demo built it to hurt.
 * @param result         how it ended.
 * @param appliedAtNs    when it was sent to the devices, ns since the epoch.
 * @param labDropsBefore the lab's true drop count when it was applied.
 * @param labDropsAfter  the lab's true drop count when it ended.
 * @param gates          one line per wave gate of a staged change, in order.
 */
record ChangeRecord(
    String name,
    boolean expectedHarmful,
    ChangeResult result,
    long appliedAtNs,
    long labDropsBefore,
    long labDropsAfter,
    List<String> gates)
{
    boolean judgedRight()
    {
        return expectedHarmful ? ChangeOutcome.ROLLED_BACK == result.outcome() :
            ChangeOutcome.COMMITTED == result.outcome();
    }
}
