package io.netshadow.dataplane.meter;

/**
 * Receives KPI samples: the control plane wires the forecaster's input to it.
 */
@FunctionalInterface
public interface KpiSink
{
    /**
     * One KPI's value over one interval.
     *
     * @param side           the network measured.
     * @param kpi            the indicator.
     * @param intervalEndNs  end of the interval, in packet time (nanoseconds since the epoch).
     * @param value          the value, never NaN.
     */
    void onKpi(Side side, Kpi kpi, long intervalEndNs, double value);
}
