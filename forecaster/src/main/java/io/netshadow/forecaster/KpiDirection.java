package io.netshadow.forecaster;

/**
 * Which way a KPI gets worse.
 */
public enum KpiDirection
{
    /**
     * Larger values are worse: loss, latency.
     */
    HIGHER_IS_WORSE(1.0),

    /**
     * Smaller values are worse: throughput, packet rate.
     */
    LOWER_IS_WORSE(-1.0);

    private final double sign;

    KpiDirection(final double sign)
    {
        this.sign = sign;
    }

    /**
     * How much worse a value is than a reference: positive when worse, negative when better.
     *
     * @param value     the value judged.
     * @param reference the value it is compared with.
     * @return the signed worsening, in the KPI's own unit.
     */
    public double worsening(final double value, final double reference)
    {
        return sign * (value - reference);
    }

    double sign()
    {
        return sign;
    }
}
