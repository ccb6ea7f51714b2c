package io.netshadow.controlplane.api;

import io.netshadow.forecaster.Alert;
import io.netshadow.forecaster.AlertMonitor;

import java.util.List;

/**
 * The API's answer to {@code GET /v1/alerts}: the anomaly and divergence alerts raised while no change ran.
 *
 * @param anomalyAlerts      anomaly alerts raised since start.
 * @param divergenceAlerts   divergence alerts raised since start.
 * @param suppressedEpisodes anomaly episodes not raised because a change was being evaluated on their KPI.
 * @param active             the alerts whose episodes have not ended.
 * @param recent             the latest alerts raised, newest first.
 */
public record AlertsReply(
    long anomalyAlerts,
    long divergenceAlerts,
    long suppressedEpisodes,
    List<Alert> active,
    List<Alert> recent)
{
    /**
     * Copies the lists.
     *
     * @param anomalyAlerts      anomaly alerts raised since start.
     * @param divergenceAlerts   divergence alerts raised since start.
     * @param suppressedEpisodes anomaly episodes not raised.
     * @param active             the alerts whose episodes have not ended.
     * @param recent             the latest alerts raised, newest first.
     */
    public AlertsReply
    {
        active = List.copyOf(active);
        recent = List.copyOf(recent);
    }

    /**
     * The state of a monitor.
     *
     * @param monitor the monitor.
     * @return its counts and alerts now.
     */
    public static AlertsReply of(final AlertMonitor monitor)
    {
        return new AlertsReply(monitor.anomalyAlerts(), monitor.divergenceAlerts(), monitor.suppressedEpisodes(),
            monitor.active(), monitor.recent());
    }
}
