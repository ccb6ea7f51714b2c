package io.netshadow.forecaster;

/**
 * What a decision method says after an interval: nothing yet, keep the change, or roll it back, with the KPI that
 * decided and what was predicted for it.
 *
 * @param kind       pending, keep or roll back.
 * @param series     the deciding series, such as {@code shadow.loss_ratio}; null while pending or when none decided.
 * @param predicted  the predicted post-change value of that series, NaN when the method predicts none.
 * @param lower      the lower end of the prediction interval, NaN when none.
 * @param upper      the upper end of the prediction interval, NaN when none.
 * @param limit      the threshold the prediction was held against, NaN when none.
 */
public record Decision(Kind kind, String series, double predicted, double lower, double upper, double limit)
{
    /** Nothing decided yet. */
    public static final Decision PENDING = new Decision(Kind.PENDING, null, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN);

    /**
     * The three things a method can say.
     */
    public enum Kind
    {
        /** Not decided yet. */
        PENDING,
        /** The change stays. */
        KEEP,
        /** The change is rolled back. */
        ROLL_BACK
    }

    /**
     * A keep without detail.
     *
     * @return the decision.
     */
    public static Decision keep()
    {
        return new Decision(Kind.KEEP, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * A rollback on one series without a prediction.
     *
     * @param series the deciding series.
     * @return the decision.
     */
    public static Decision rollBack(final String series)
    {
        return new Decision(Kind.ROLL_BACK, series, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Whether the method has decided.
     *
     * @return true unless pending.
     */
    public boolean isDecided()
    {
        return Kind.PENDING != kind;
    }
}
