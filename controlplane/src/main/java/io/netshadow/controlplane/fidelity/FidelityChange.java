package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A change the fidelity benchmark puts through the whole network and its shadows: the configuration it leaves on
 * each device it touches.
 *
 * @param id          short name, used in the table.
 * @param description what it does.
 * @param configs     the configuration of each touched device after the change, by device name.
 */
public record FidelityChange(String id, String description, Map<String, DeviceConfig> configs)
{
    /**
     * Copies the configurations.
     *
     * @param id          the name.
     * @param description what it does.
     * @param configs     the configurations.
     */
    public FidelityChange
    {
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /**
     * Whether every device the change touches is in a shadow.
     *
     * @param shadowDevices the shadow's device names.
     * @return true when the shadow can carry the whole change.
     */
    boolean fitsIn(final Set<String> shadowDevices)
    {
        return shadowDevices.containsAll(configs.keySet());
    }
}
