package io.netshadow.forecaster.evaluation;

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
     * Every method, each with its default parameters.
     *
     * @return the methods.
     */
    public static List<DecisionMethod> all()
    {
        return List.of(new NetshadowMethod(), new StaticThresholdMethod(), new KayentaMethod());
    }
}
