package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.FabricTopology;

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

    /**
     * The change as a shadow applies it: each policer at its live rate and burst, divided by the rate factor of its
     * port's link ({@link FabricTopology.Link#rateFactor()}), which the shadow's fabric multiplies policers by and
     * the benchmark's shadow, run at a rate scale of one and fed the live aggregate on the policer's port
     * ({@link PolicedCrossings}), must not.
     *
     * @param shadow the shadow's topology.
     * @return configurations by device name.
     */
    Map<String, DeviceConfig> forShadow(final FabricTopology shadow)
    {
        final Map<String, DeviceConfig> scaled = new LinkedHashMap<>();
        for (final Map.Entry<String, DeviceConfig> entry : configs.entrySet())
        {
            DeviceConfig config = entry.getValue();
            final int device = shadow.deviceIndex(entry.getKey());
            for (final Policer policer : entry.getValue().ingressPolicers().values())
            {
                final double factor = device < 0 ? 1.0 :
                    shadow.rateFactor(device, shadow.portIndex(device, policer.interfaceName()));
                config = config.withIngressPolicer(new Policer(policer.interfaceName(),
                    Math.max(1, Math.round(policer.rateBps() / factor)),
                    Math.max(1, Math.round(policer.burstBytes() / factor))));
            }
            scaled.put(entry.getKey(), config);
        }
        return scaled;
    }
}
