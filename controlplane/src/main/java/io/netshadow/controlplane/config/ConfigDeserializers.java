package io.netshadow.controlplane.config;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.dataplane.pipeline.CpuSet;
import io.netshadow.dataplane.pipeline.DedicatedIdle;
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

    /**
     * Binds a Linux CPU list such as {@code 2} or {@code 0-1,3}.
     */
    static final class Cpus extends ScalarDeserializer<CpuSet>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Cpus()
        {
            super(CpuSet.class, CpuSet::parse);
        }
    }

    /**
     * Binds a dedicated thread's idle strategy, {@code busy-spin} or {@code yielding}.
     */
    static final class Idle extends ScalarDeserializer<DedicatedIdle>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Idle()
        {
            super(DedicatedIdle.class, DedicatedIdle::parse);
        }
    }
}
