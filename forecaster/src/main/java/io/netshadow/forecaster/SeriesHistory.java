package io.netshadow.forecaster;

/**
 * The last steps of a series: each value with the forecast and interval made for it before it was seen. A change
 * evaluation takes its baseline from here, so it can start after the change and still see the pre-change window.
 * Index 0 is the oldest step kept.
 */
final class SeriesHistory
{
    private final long[] timeNs;
    private final double[] value;
    private final double[] forecast;
    private final double[] lower;
    private final double[] upper;
    private int size;
    private int next;

    SeriesHistory(final int capacity)
    {
        timeNs = new long[capacity];
        value = new double[capacity];
        forecast = new double[capacity];
        lower = new double[capacity];
        upper = new double[capacity];
    }

    void add(final long timeNs, final double value, final double forecast, final double lower, final double upper)
    {
        this.timeNs[next] = timeNs;
        this.value[next] = value;
        this.forecast[next] = forecast;
        this.lower[next] = lower;
        this.upper[next] = upper;
        next = (next + 1) % this.timeNs.length;
        size = Math.min(size + 1, this.timeNs.length);
    }

    int size()
    {
        return size;
    }

    long timeNs(final int index)
    {
        return timeNs[slot(index)];
    }

    double value(final int index)
    {
        return value[slot(index)];
    }

    double forecast(final int index)
    {
        return forecast[slot(index)];
    }

    double lower(final int index)
    {
        return lower[slot(index)];
    }

    double upper(final int index)
    {
        return upper[slot(index)];
    }

    private int slot(final int index)
    {
        return (next - size + index + timeNs.length) % timeNs.length;
    }
}
