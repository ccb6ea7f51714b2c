package io.netshadow.controlplane.config;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.yaml.ScalarDeserializer;

import java.io.Serial;

/**
 * Jackson deserializers for the config's own value types; a bad value becomes an error at its line.
 */
final class ConfigDeserializers
{
    private ConfigDeserializers()
    {
    }

    /**
     * Binds a shadow budget such as {@code 50%} or {@code 6}.
     */
    static final class Budget extends ScalarDeserializer<ShadowBudget>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Budget()
        {
            super(ShadowBudget.class, ShadowBudget::parse);
        }
    }

    /**
     * Binds a KPI change such as {@code +0.02} or {@code -30%}.
     */
    static final class Change extends ScalarDeserializer<KpiChange>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Change()
        {
            super(KpiChange.class, KpiChange::parse);
        }
    }
}
