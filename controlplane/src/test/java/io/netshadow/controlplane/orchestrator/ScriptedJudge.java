package io.netshadow.controlplane.orchestrator;

import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives each wave's gate a scripted outcome, decided at the first poll; a gate past the script stays pending until
 * cancelled. An action can run when a gate begins, such as a crash or an abort.
 */
public final class ScriptedJudge implements ChangeJudge
{
    private final List<Outcome> outcomes;
    private final List<String> gates = Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<String> onBegin = gate -> {};

    private ScriptedJudge(final List<Outcome> outcomes)
    {
        this.outcomes = List.copyOf(outcomes);
    }

    /**
     * A judge that gives the gates these outcomes, in order.
     *
     * @param outcomes one per gate.
     * @return the judge.
     */
    public static ScriptedJudge deciding(final Outcome... outcomes)
    {
        return new ScriptedJudge(List.of(outcomes));
    }

    /**
     * Runs an action when a gate begins, with the gate's id.
     *
     * @param action the action.
     * @return this judge.
     */
    public ScriptedJudge onBegin(final Consumer<String> action)
    {
        onBegin = action;
        return this;
    }

    /**
     * The gates begun so far, by id.
     *
     * @return the ids.
     */
    public List<String> gates()
    {
        return List.copyOf(gates);
    }

    @Override
    public PendingVerdict begin(final String changeId, final long changeStartNs, final List<String> devices)
    {
        final int index = gates.size();
        gates.add(changeId);
        onBegin.accept(changeId);
        final Outcome outcome = index < outcomes.size() ? outcomes.get(index) : Outcome.PENDING;
        return new PendingVerdict()
        {
            @Override
            public Verdict verdict()
            {
                return Outcome.PENDING == outcome ? Verdict.pending() : new Verdict(outcome, "shadow.loss_ratio",
                    0.0, 0.5, 0.4, 0.6, 0.02, changeStartNs + 1, 1, "scripted " + outcome);
            }

            @Override
            public void cancel()
            {
            }
        };
    }
}
