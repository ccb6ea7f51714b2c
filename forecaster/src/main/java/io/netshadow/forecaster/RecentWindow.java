package io.netshadow.forecaster;

import java.util.Arrays;

/**
 * The last few values of a series with the median and median absolute deviation of the newest of them, computed
 * without allocating.
 */
final class RecentWindow
{
    private final double[] values;
    private final double[] scratch;
    private int size;
    private int next;

    RecentWindow(final int capacity)
    {
        values = new double[capacity];
        scratch = new double[capacity];
    }

    void add(final double value)
    {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    int size()
    {
        return size;
    }

    double newest(final int age)
    {
        return values[(next - 1 - age + values.length) % values.length];
    }

    double median()
    {
        return median(size);
    }

    double median(final int newest)
    {
        final int count = Math.min(newest, size);
        if (0 == count)
        {
            return Double.NaN;
        }
        for (int i = 0; i < count; i++)
        {
            scratch[i] = values[slot(count, i)];
        }
        return sortedMedian(count);
    }

    double medianAbsoluteDeviation(final double median)
    {
        return medianAbsoluteDeviation(median, size);
    }

    double medianAbsoluteDeviation(final double median, final int newest)
    {
        final int count = Math.min(newest, size);
        if (0 == count)
        {
            return Double.NaN;
        }
        for (int i = 0; i < count; i++)
        {
            scratch[i] = Math.abs(values[slot(count, i)] - median);
        }
        return sortedMedian(count);
    }

    private int slot(final int count, final int index)
    {
        return (next - count + index + values.length) % values.length;
    }

    private double sortedMedian(final int count)
    {
        Arrays.sort(scratch, 0, count);
        final int half = count >> 1;
        return 0 != (count & 1) ? scratch[half] : 0.5 * (scratch[half - 1] + scratch[half]);
    }
}
