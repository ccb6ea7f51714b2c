package io.netshadow.forecaster.suite;

import java.util.List;

/**
 * A scenario with the unrelated anomalies its generator placed before the change.
 *
 * @param scenario  the scenario.
 * @param anomalies the anomalies.
 */
record GeneratedScenario(Scenario scenario, List<UnrelatedAnomaly> anomalies)
{
}
