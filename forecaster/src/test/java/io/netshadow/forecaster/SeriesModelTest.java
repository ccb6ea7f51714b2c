package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesModelTest
{
    private static final int STEADY_STATE_FROM_SAMPLE = 40;
    private static final int SAMPLES = 300;

    @Test
    void forecastIntervalCoversAtLeastEightyPercentOfSteadyStateSamples()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final SeriesModel latency = new SeriesModel("shadow.latency_p99_ns");
            final SeriesModel throughput = new SeriesModel("shadow.throughput_bps");
            final SeriesModel loss = new SeriesModel("shadow.loss_ratio");
            int latencyCovered = 0;
            int throughputCovered = 0;
            int lossCovered = 0;
            for (int step = 0; step < SAMPLES; step++)
            {
                final boolean steady = step >= STEADY_STATE_FROM_SAMPLE;
                latencyCovered += steady && covers(latency.update(step, kpis.latencyP99Ns(step, 1.0))) ? 1 : 0;
                throughputCovered += steady && covers(throughput.update(step, kpis.throughputBps(step, 1.0))) ? 1 : 0;
                lossCovered += steady && covers(loss.update(step, kpis.lossRatio(SyntheticKpis.LOSS_FLOOR))) ? 1 : 0;
            }

            final double steadySamples = SAMPLES - STEADY_STATE_FROM_SAMPLE;
            assertThat(latencyCovered / steadySamples).as("latency, seed %d", seed).isGreaterThanOrEqualTo(0.8);
            assertThat(throughputCovered / steadySamples).as("throughput, seed %d", seed).isGreaterThanOrEqualTo(0.8);
            assertThat(lossCovered / steadySamples).as("loss, seed %d", seed).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void anomalyGradeIsHighOnAnInjectedSpike()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            final SyntheticKpis kpis = new SyntheticKpis(seed);
            final SeriesModel model = new SeriesModel("shadow.throughput_bps");
            for (int step = 0; step < 200; step++)
            {
                model.update(step, kpis.throughputBps(step, 1.0));
            }

            assertThat(model.update(200, kpis.throughputBps(200, 3.0)).anomalyGrade()).as("seed %d", seed)
                .isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void anomalyGradeIsLowOnSteadyNoise()
    {
        final Random random = new Random(31);
        final SeriesModel model = new SeriesModel("shadow.packets_per_second");
        double gradeSum = 0.0;
        int highGrades = 0;
        for (int step = 0; step < SAMPLES; step++)
        {
            final double grade = model.update(step, 100_000.0 * (1.0 + 0.05 * random.nextGaussian())).anomalyGrade();
            if (step >= STEADY_STATE_FROM_SAMPLE)
            {
                gradeSum += grade;
                highGrades += grade >= 0.5 ? 1 : 0;
            }
        }

        assertThat(gradeSum / (SAMPLES - STEADY_STATE_FROM_SAMPLE)).isLessThan(0.02);
        assertThat(highGrades).isLessThanOrEqualTo(3);
    }

    @Test
    void forestTakesOverFromTheFallbackWithinThirtySamples()
    {
        final SyntheticKpis kpis = new SyntheticKpis(37);
        final SeriesModel model = new SeriesModel("live.latency_p50_ns");
        int firstForestSample = -1;
        for (int step = 0; step < 30 && firstForestSample < 0; step++)
        {
            firstForestSample = model.update(step, kpis.latencyP99Ns(step, 1.0)).forestReady() ? step : -1;
        }

        assertThat(firstForestSample).isBetween(SeriesModel.FOREST_OUTPUT_AFTER_SAMPLES, 29);
    }

    @Test
    void fallbackForecastsTheRecentMedianWhileTheForestWarmsUp()
    {
        final SeriesModel model = new SeriesModel("shadow.latency_p50_ns");
        final double[] values = {100.0, 110.0, 90.0, 105.0, 95.0};
        for (int step = 0; step < values.length; step++)
        {
            model.update(step, values[step]);
        }
        final SeriesModel.Sample sample = model.update(values.length, 1_000.0);

        assertThat(sample.forestReady()).isFalse();
        assertThat(sample.forecast()).isEqualTo(100.0);
        assertThat(sample.lower()).isLessThan(100.0);
        assertThat(sample.upper()).isGreaterThan(100.0).isLessThan(1_000.0);
    }

    @Test
    void sampleCarriesTheForecastMadeBeforeSeeingTheValue()
    {
        final SeriesModel model = new SeriesModel("shadow.loss_ratio");

        assertThat(model.update(0, 0.5).forecast()).isNaN();
        assertThat(model.update(1, 0.7).forecast()).isEqualTo(0.5);
    }

    @Test
    void statusPublishesTheLatestValueAndTheNextForecast()
    {
        final SeriesModel model = new SeriesModel("shadow.loss_ratio");
        model.update(10, 0.25);
        model.update(20, 0.75);

        final SeriesStatus status = model.status();
        assertThat(status.series()).isEqualTo("shadow.loss_ratio");
        assertThat(status.samples()).isEqualTo(2);
        assertThat(status.timeNs()).isEqualTo(20);
        assertThat(status.value()).isEqualTo(0.75);
        assertThat(status.forecast()).isEqualTo(0.5);
        assertThat(status.forestReady()).isFalse();
    }

    @Test
    void constantSeriesGetsAFiniteForecastAndNoAnomaly()
    {
        final SeriesModel model = new SeriesModel("shadow.loss_ratio");
        SeriesModel.Sample sample = null;
        for (int step = 0; step < 100; step++)
        {
            sample = model.update(step, 0.0);
        }

        assertThat(sample.forestReady()).isTrue();
        assertThat(sample.forecast()).isEqualTo(0.0);
        assertThat(sample.lower()).isEqualTo(0.0);
        assertThat(sample.upper()).isFinite();
        assertThat(sample.anomalyGrade()).isZero();
    }

    private static boolean covers(final SeriesModel.Sample sample)
    {
        return sample.value() >= sample.lower() && sample.value() <= sample.upper();
    }
}
