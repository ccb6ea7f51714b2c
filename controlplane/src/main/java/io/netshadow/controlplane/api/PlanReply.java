package io.netshadow.controlplane.api;

import io.netshadow.controlplane.orchestrator.ChangePlan;

import java.util.List;

/**
 * The API's answer to a plan request: the plan, and the plan as the text an operator reads.
 *
 * @param plan  the plan.
 * @param lines the plan as text, a line each.
 */
public record PlanReply(ChangePlan plan, List<String> lines)
{
    /**
     * Copies the lines.
     *
     * @param plan  the plan.
     * @param lines the text.
     */
    public PlanReply
    {
        lines = List.copyOf(lines);
    }
}
