package io.netshadow.forecaster.evaluation;

import io.netshadow.forecaster.suite.ScenarioSuite;

import java.util.List;

/**
 * The decision methods the suite is evaluated with, in the order they are reported.
 */
public final class DecisionMethods
{
    private DecisionMethods()
    {
    }

    /**
     * Every method, each with its default parameters; netshadow's follows the suite's compressed day.
     *
     * @return the methods.
     */
    public static List<DecisionMethod> all()
    {
        return List.of(new NetshadowMethod(ScenarioSuite.DAY_INTERVALS), new StaticThresholdMethod(), new KayentaMethod());
    }
}
