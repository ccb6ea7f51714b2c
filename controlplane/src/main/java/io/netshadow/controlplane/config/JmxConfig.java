package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the appliance publishes its counters and state over JMX ({@code jmx:}).
 *
 * @param enabled {@code enabled}.
 */
public record JmxConfig(boolean enabled)
{
    /** Enabled; the platform MBean server stays local unless the JVM is told otherwise. */
    public static final JmxConfig DEFAULT = new JmxConfig(true);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static JmxConfig fromYaml(@JsonProperty("enabled") final Boolean enabled)
    {
        return null == enabled ? DEFAULT : new JmxConfig(enabled);
    }
}
