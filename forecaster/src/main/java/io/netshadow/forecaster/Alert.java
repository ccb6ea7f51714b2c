package io.netshadow.forecaster;

import java.util.Locale;

/**
 * An alert raised while no change runs on its KPI: once per episode, when the episode begins.
 *
 * @param kind       anomaly of one series, or divergence of a KPI's live and shadow series.
 * @param subject    the series ({@code live.loss_ratio}) of an anomaly, the KPI ({@code loss_ratio}) of a divergence.
 * @param raisedAtNs time of the sample that raised it, ns since the epoch.
 * @param size       anomaly grade, 0 to 1, of an anomaly; of a divergence, live's departure from its baseline less
 *                   the shadow's, both as a fraction of their baselines (0.3: live rose 30% of its level more than
 *                   the shadow did).
 * @param value      the value that raised an anomaly; the live value that raised a divergence.
 */
public record Alert(AlertKind kind, String subject, long raisedAtNs, double size, double value)
{
    /**
     * The alert as one line for a log.
     *
     * @return e.g. {@code divergence of loss_ratio: live departs from the shadow by +31.0% of its level}.
     */
    public String describe()
    {
        return switch (kind)
        {
            case ANOMALY -> String.format(Locale.ROOT, "anomaly on %s: grade %.2f at value %s",
                subject, size, value);
            case DIVERGENCE -> String.format(Locale.ROOT,
                "divergence of %s: live departs from the shadow by %+.1f%% of its level (live value %s)",
                subject, 100.0 * size, value);
        };
    }
}
