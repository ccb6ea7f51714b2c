package io.netshadow.forecaster;

import java.util.Arrays;

/**
 * Calibrates a forecaster's intervals online, split-conformal style: it records how far each value fell from the
 * forecast as a fraction of the interval's half-width on that side, and scales intervals by the quantile of those
 * ratios that gives the target coverage.
 */
final class ConformalCalibrator
{
    private static final double MIN_HALF_WIDTH_FRACTION = 1e-9;

    private final double coverage;
    private final double[] ratios;
    private final double[] scratch;
    private int size;
    private int next;

    ConformalCalibrator(final int window, final double coverage)
    {
        this.coverage = coverage;
        ratios = new double[window];
        scratch = new double[window];
    }

    void observe(final double value, final double forecast, final double lower, final double upper)
    {
        final double halfWidth = value >= forecast ? upper - forecast : forecast - lower;
        final double floor = MIN_HALF_WIDTH_FRACTION * Math.max(1.0, Math.abs(forecast));
        ratios[next] = Math.abs(value - forecast) / Math.max(halfWidth, floor);
        next = (next + 1) % ratios.length;
        size = Math.min(size + 1, ratios.length);
    }

    int size()
    {
        return size;
    }

    double scale()
    {
        System.arraycopy(ratios, 0, scratch, 0, size);
        return quantile(scratch, size, coverage);
    }

    /**
     * The split-conformal quantile of non-conformity ratios: the smallest ratio that, with one more value to come,
     * covers the given share of values. Sorts the first {@code size} ratios in place.
     */
    static double quantile(final double[] ratios, final int size, final double coverage)
    {
        Arrays.sort(ratios, 0, size);
        final int rank = (int)Math.ceil((size + 1) * coverage);
        return ratios[Math.min(size, rank) - 1];
    }
}
