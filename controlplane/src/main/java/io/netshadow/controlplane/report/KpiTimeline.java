package io.netshadow.controlplane.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps every KPI sample and every change event of a run, for the timeline and report a person reads afterwards.
 * Thread-safe; meant for runs of minutes, not for an appliance's lifetime.
 */
public final class KpiTimeline
{
    /**
     * One sample of a series.
     *
     * @param timeNs end of the sample's interval, ns since the epoch.
     * @param value  the value.
     */
    public record Point(long timeNs, double value)
    {
    }

    /**
     * Something that happened to a change.
     *
     * @param timeNs when, ns since the epoch.
     * @param label  what, in a few words (e.g. "harmful-policer applied").
     */
    public record Mark(long timeNs, String label)
    {
    }

    private final Map<String, List<Point>> series = new TreeMap<>();
    private final List<Mark> marks = new ArrayList<>();

    /**
     * Records a sample.
     *
     * @param name   series name, e.g. {@code shadow.loss_ratio}.
     * @param timeNs end of its interval.
     * @param value  its value.
     */
    public synchronized void add(final String name, final long timeNs, final double value)
    {
        series.computeIfAbsent(name, ignore -> new ArrayList<>()).add(new Point(timeNs, value));
    }

    /**
     * Records an event.
     *
     * @param timeNs when.
     * @param label  what.
     */
    public synchronized void mark(final long timeNs, final String label)
    {
        marks.add(new Mark(timeNs, label));
    }

    /**
     * A copy of one series' samples, in arrival order.
     *
     * @param name series name.
     * @return the samples, empty when none arrived.
     */
    public synchronized List<Point> points(final String name)
    {
        return List.copyOf(series.getOrDefault(name, List.of()));
    }

    /**
     * The names of the series seen, sorted.
     *
     * @return the names.
     */
    public synchronized List<String> seriesNames()
    {
        return List.copyOf(series.keySet());
    }

    /**
     * A copy of the events, in the order recorded.
     *
     * @return the events.
     */
    public synchronized List<Mark> marks()
    {
        return List.copyOf(marks);
    }

    /**
     * Mean of a series' samples in a time window.
     *
     * @param name    series name.
     * @param fromNs  window start, inclusive.
     * @param toNs    window end, exclusive.
     * @return the mean, or NaN when the window holds no sample.
     */
    public synchronized double mean(final String name, final long fromNs, final long toNs)
    {
        double sum = 0;
        int count = 0;
        for (final Point point : series.getOrDefault(name, List.of()))
        {
            if (point.timeNs() >= fromNs && point.timeNs() < toNs)
            {
                sum += point.value();
                count++;
            }
        }
        return 0 == count ? Double.NaN : sum / count;
    }
}
