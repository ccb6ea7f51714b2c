package io.netshadow.dataplane.meter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KpiSink} that keeps what it is given, for assertions.
 */
public final class KpiSamples implements KpiSink
{
    /**
     * One sample.
     *
     * @param side          the side.
     * @param kpi           the KPI.
     * @param intervalEndNs the interval end.
     * @param value         the value.
     */
    public record Sample(Side side, Kpi kpi, long intervalEndNs, double value)
    {
    }

    private final List<Sample> samples = new ArrayList<>();

    @Override
    public void onKpi(final Side side, final Kpi kpi, final long intervalEndNs, final double value)
    {
        samples.add(new Sample(side, kpi, intervalEndNs, value));
    }

    /**
     * Everything received so far.
     *
     * @return the samples in arrival order.
     */
    public List<Sample> all()
    {
        return samples;
    }

    /**
     * The samples of one side and KPI.
     *
     * @param side the side.
     * @param kpi  the KPI.
     * @return the samples in arrival order.
     */
    public List<Sample> of(final Side side, final Kpi kpi)
    {
        return samples.stream().filter(s -> s.side() == side && s.kpi() == kpi).toList();
    }

    /**
     * The value of one side and KPI for one interval.
     *
     * @param side          the side.
     * @param kpi           the KPI.
     * @param intervalEndNs the interval end.
     * @return the value, if emitted.
     */
    public Optional<Double> value(final Side side, final Kpi kpi, final long intervalEndNs)
    {
        return of(side, kpi).stream().filter(s -> s.intervalEndNs() == intervalEndNs).map(Sample::value).findFirst();
    }
}
