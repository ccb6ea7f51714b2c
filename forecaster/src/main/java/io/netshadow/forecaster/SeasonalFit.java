package io.netshadow.forecaster;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

import java.util.Arrays;

/**
 * A series' course over its seasonal period as a level, a linear trend and the first {@link #HARMONICS} harmonics of
 * the period, fitted by least squares with Huber weights, so that bursts and spikes do not pull it (the harmonic
 * regression of TBATS and Prophet). Fitted once, from the values before a change; its value at a later interval is
 * what the series would have done without the change, and its residuals give the scatter of single values around it
 * and how strongly one interval's deviation carries into the next.
 */
final class SeasonalFit
{
    static final int HARMONICS = 3;
    static final int TERMS = 2 + 2 * HARMONICS;
    static final int REWEIGHTINGS = 4;
    static final double HUBER_SIGMA = 1.5;
    static final double MAD_TO_SIGMA = 1.4826;
    static final double MAX_PERSISTENCE = 0.9;
    static final double FLAT_FRACTION_OF_LEVEL = 1e-9;

    private final int periodIntervals;
    private final double[] coefficients = new double[TERMS];
    private final double[] terms = new double[TERMS];
    private double centreInterval;
    private double sigma = Double.NaN;
    private double persistence;

    /**
     * Creates a fit for a period.
     *
     * @param periodIntervals the seasonal period in intervals, at least 4.
     */
    SeasonalFit(final int periodIntervals)
    {
        this.periodIntervals = periodIntervals;
    }

    /**
     * The seasonal period.
     *
     * @return the period in intervals.
     */
    int periodIntervals()
    {
        return periodIntervals;
    }

    /**
     * Fits the values; NaN values are left out.
     *
     * @param values        the values, the first at {@code firstInterval}.
     * @param length        how many of {@code values} to use.
     * @param firstInterval the interval of {@code values[0]}.
     * @return whether the fit succeeded: enough values and a well-posed regression.
     */
    boolean fit(final double[] values, final int length, final int firstInterval)
    {
        int count = 0;
        for (int i = 0; i < length; i++)
        {
            count += Double.isNaN(values[i]) ? 0 : 1;
        }
        if (count < 4 * TERMS)
        {
            return false;
        }
        centreInterval = firstInterval + 0.5 * (length - 1);
        final double[] weights = new double[length];
        final double[] residuals = new double[length];
        Arrays.fill(weights, 1.0);
        for (int round = 0; round <= REWEIGHTINGS; round++)
        {
            if (!solve(values, length, firstInterval, weights))
            {
                return false;
            }
            int used = 0;
            for (int i = 0; i < length; i++)
            {
                if (!Double.isNaN(values[i]))
                {
                    residuals[used++] = Math.abs(values[i] - value(firstInterval + i));
                }
            }
            Arrays.sort(residuals, 0, used);
            sigma = MAD_TO_SIGMA * residuals[used / 2];
            final double huber = HUBER_SIGMA * sigma;
            if (!(huber > 0.0))
            {
                break;
            }
            for (int i = 0; i < length; i++)
            {
                final double residual = Double.isNaN(values[i]) ? 0.0 : Math.abs(values[i] - value(firstInterval + i));
                weights[i] = residual <= huber ? 1.0 : huber / residual;
            }
        }
        persistence = lagOneCorrelation(values, length, firstInterval);
        return true;
    }

    /**
     * The fitted course at an interval.
     *
     * @param interval the interval.
     * @return the level, trend and harmonics there.
     */
    double value(final int interval)
    {
        fillTerms(interval);
        double value = 0.0;
        for (int j = 0; j < TERMS; j++)
        {
            value += coefficients[j] * terms[j];
        }
        return value;
    }

    /**
     * The scatter of single values around the fit.
     *
     * @return the standard deviation estimate from the residuals' median absolute deviation.
     */
    double sigma()
    {
        return sigma;
    }

    /**
     * How much of one interval's deviation from the fit carries into the next: the residuals' lag-one correlation,
     * within [0, {@link #MAX_PERSISTENCE}].
     *
     * @return the correlation.
     */
    double persistence()
    {
        return persistence;
    }

    private boolean solve(final double[] values, final int length, final int firstInterval, final double[] weights)
    {
        final double[][] normal = new double[TERMS][TERMS];
        final double[] right = new double[TERMS];
        for (int i = 0; i < length; i++)
        {
            if (Double.isNaN(values[i]))
            {
                continue;
            }
            fillTerms(firstInterval + i);
            for (int j = 0; j < TERMS; j++)
            {
                right[j] += weights[i] * terms[j] * values[i];
                for (int l = 0; l < TERMS; l++)
                {
                    normal[j][l] += weights[i] * terms[j] * terms[l];
                }
            }
        }
        try
        {
            final RealVector solution = new LUDecomposition(new Array2DRowRealMatrix(normal, false)).getSolver()
                .solve(new ArrayRealVector(right, false));
            for (int j = 0; j < TERMS; j++)
            {
                coefficients[j] = solution.getEntry(j);
            }
            return true;
        }
        catch (final SingularMatrixException ex)
        {
            return false;
        }
    }

    private double lagOneCorrelation(final double[] values, final int length, final int firstInterval)
    {
        if (!(sigma > FLAT_FRACTION_OF_LEVEL * Math.abs(coefficients[0])))
        {
            return 0.0;
        }
        final double clip = 3.0 * sigma;
        double product = 0.0;
        double square = 0.0;
        for (int i = 1; i < length; i++)
        {
            if (!Double.isNaN(values[i]) && !Double.isNaN(values[i - 1]))
            {
                final double now = Math.clamp(values[i] - value(firstInterval + i), -clip, clip);
                final double before = Math.clamp(values[i - 1] - value(firstInterval + i - 1), -clip, clip);
                product += now * before;
                square += before * before;
            }
        }
        return square > 0.0 ? Math.clamp(product / square, 0.0, MAX_PERSISTENCE) : 0.0;
    }

    private void fillTerms(final int interval)
    {
        terms[0] = 1.0;
        terms[1] = (interval - centreInterval) / periodIntervals;
        for (int k = 1; k <= HARMONICS; k++)
        {
            final double angle = 2.0 * Math.PI * k * interval / periodIntervals;
            terms[2 * k] = Math.sin(angle);
            terms[2 * k + 1] = Math.cos(angle);
        }
    }
}
