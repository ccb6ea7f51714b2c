package io.netshadow.forecaster;

/**
 * The latest state of one series' model, for status surfaces such as JMX.
 *
 * @param series        the series name.
 * @param samples       samples the model has seen.
 * @param timeNs        time of the latest sample, ns since the epoch.
 * @param value         the latest value.
 * @param anomalyGrade  anomaly grade of the latest value, 0 (normal) to 1 (anomalous).
 * @param forecast      forecast of the next value.
 * @param forecastLower lower end of the next value's forecast interval.
 * @param forecastUpper upper end of the next value's forecast interval.
 * @param forestReady   true when the forecast comes from the forest, false while the robust fallback serves.
 */
public record SeriesStatus(
    String series,
    long samples,
    long timeNs,
    double value,
    double anomalyGrade,
    double forecast,
    double forecastLower,
    double forecastUpper,
    boolean forestReady)
{
}
