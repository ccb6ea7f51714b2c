package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeasonalFitTest
{
    private static final int PERIOD = 120;
    private static final int HISTORY = 2 * PERIOD;

    @Test
    void forecastsTheNextHalfDayOfADailyCourseWithATrendDespiteBursts()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final double[] values = new double[HISTORY];
        for (int t = 0; t < HISTORY; t++)
        {
            values[t] = course(t) + random.nextGaussian() + (t % 37 == 0 ? 60.0 : 0.0);
        }
        final SeasonalFit fit = new SeasonalFit(PERIOD);

        assertTrue(fit.fit(values, HISTORY, 0));
        for (int t = HISTORY; t < HISTORY + PERIOD / 2; t++)
        {
            assertEquals(course(t), fit.value(t), 1.0, "interval " + t);
        }
        assertEquals(1.0, fit.sigma(), 0.2);
    }

    @Test
    void persistenceIsTheLagOneCorrelationOfTheDeviations()
    {
        final SplittableRandom random = new SplittableRandom(9);
        final double[] values = new double[HISTORY];
        double deviation = 0.0;
        for (int t = 0; t < HISTORY; t++)
        {
            deviation = 0.6 * deviation + random.nextGaussian();
            values[t] = course(t) + deviation;
        }
        final SeasonalFit fit = new SeasonalFit(PERIOD);

        assertTrue(fit.fit(values, HISTORY, 0));
        assertEquals(0.6, fit.persistence(), 0.15);
    }

    @Test
    void valuesLeftOutAsNaNDoNotCountAndTooFewDoNotFit()
    {
        final double[] values = new double[HISTORY];
        for (int t = 0; t < HISTORY; t++)
        {
            values[t] = t < 4 * SeasonalFit.TERMS - 1 ? course(t) : Double.NaN;
        }

        assertFalse(new SeasonalFit(PERIOD).fit(values, HISTORY, 0));
    }

    @Test
    void seriesThatIsFlatFitsItsLevelWithNoScatter()
    {
        final double[] values = new double[HISTORY];
        Arrays.fill(values, 42.0);
        final SeasonalFit fit = new SeasonalFit(PERIOD);

        assertAll(
            () -> assertTrue(fit.fit(values, HISTORY, 1000)),
            () -> assertEquals(42.0, fit.value(1000 + HISTORY + 7), 1e-9),
            () -> assertEquals(0.0, fit.sigma(), 1e-9),
            () -> assertEquals(0.0, fit.persistence()));
    }

    private static double course(final int t)
    {
        final double day = 2.0 * Math.PI * t / PERIOD;
        return 100.0 + 0.02 * t + 20.0 * Math.sin(day) + 6.0 * Math.sin(2.0 * day + 0.5);
    }
}
