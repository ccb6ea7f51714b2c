package io.netshadow.forecaster;

/**
 * The last steps of a series: each value with the anomaly grade the series model gave it. A change evaluation takes
 * its baseline from here, so it can start after the change and still see the pre-change window. Index 0 is the
 * oldest step kept.
 */
final class SeriesHistory
{
    private final long[] timeNs;
    private final double[] value;
    private final double[] anomalyGrade;
    private int size;
    private int next;

    SeriesHistory(final int capacity)
    {
        timeNs = new long[capacity];
        value = new double[capacity];
        anomalyGrade = new double[capacity];
    }

    void add(final long timeNs, final double value, final double anomalyGrade)
    {
        this.timeNs[next] = timeNs;
        this.value[next] = value;
        this.anomalyGrade[next] = anomalyGrade;
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

    double anomalyGrade(final int index)
    {
        return anomalyGrade[slot(index)];
    }

    private int slot(final int index)
    {
        return (next - size + index + timeNs.length) % timeNs.length;
    }
}
