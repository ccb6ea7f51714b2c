package io.netshadow.forecaster;

/**
 * What an {@link Alert} is about.
 */
public enum AlertKind
{
    /**
     * A live or shadow series' values became anomalous.
     */
    ANOMALY,

    /**
     * The live and shadow series of one KPI drifted apart: the shadow no longer represents live.
     */
    DIVERGENCE
}
