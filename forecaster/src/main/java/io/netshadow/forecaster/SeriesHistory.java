package io.netshadow.forecaster;

/**
 * The last steps of a series: each value with the forecast made for it before it was seen. A change evaluation takes
 * its baseline from here, so it can start after the change and still see the pre-change window. Index 0 is the
 * oldest step kept.
 */
final class SeriesHistory
{
    private final long[] timeNs;
    private final double[] value;
    private final double[] forecast;
    private int size;
    private int next;

    SeriesHistory(final int capacity)
    {
        timeNs = new long[capacity];
        value = new double[capacity];
        forecast = new double[capacity];
    }

    void add(final long timeNs, final double value, final double forecast)
    {
        this.timeNs[next] = timeNs;
        this.value[next] = value;
        this.forecast[next] = forecast;
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

    private int slot(final int index)
    {
        return (next - size + index + timeNs.length) % timeNs.length;
    }
}
