package io.netshadow.forecaster;

/**
 * What a change evaluation concluded.
 */
public enum Outcome
{
    /**
     * Not decided yet: too few post-change samples.
     */
    PENDING,

    /**
     * The change is harmful: roll it back.
     */
    NEGATIVE,

    /**
     * The change is harmless: commit it.
     */
    POSITIVE,

    /**
     * No decision within the evaluation's sample budget.
     */
    INCONCLUSIVE
}
