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
    private static final long FULL_PACKET_BYTES = 1500;

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
     * The change as a shadow applies it: each policer's rate and burst scaled by the share of its port's baseline
     * traffic that the shadow carries (the burst never below one full-size packet when the live burst holds one),
     * so the policer drops the same share of the port's traffic as it does on the whole network.
     *
     * The shadow's fabric multiplies a port's policer by its link's rate factor (the planner's estimate of the
     * port's share, {@link FabricTopology.Link#rateFactor()}); the benchmark runs it at a rate scale of one and
     * divides that factor out, so the measured share alone scales the policer.
     *
     * @param wholeIngressBytes  bytes into each port ({@code device:port}) on the whole network at baseline.
     * @param shadowIngressBytes bytes into each port on the shadow at baseline.
     * @param shadow             the shadow's topology.
     * @return configurations by device name.
     */
    Map<String, DeviceConfig> scaledForShadow(
        final Map<String, Long> wholeIngressBytes,
        final Map<String, Long> shadowIngressBytes,
        final FabricTopology shadow)
    {
        final Map<String, DeviceConfig> scaled = new LinkedHashMap<>();
        for (final Map.Entry<String, DeviceConfig> entry : configs.entrySet())
        {
            DeviceConfig config = entry.getValue();
            for (final Policer policer : entry.getValue().ingressPolicers().values())
            {
                final String port = entry.getKey() + ":" + policer.interfaceName();
                final long whole = wholeIngressBytes.getOrDefault(port, 0L);
                final int device = shadow.deviceIndex(entry.getKey());
                final double share =
                    (whole > 0 ? Math.min(1.0, (double)shadowIngressBytes.getOrDefault(port, 0L) / whole) : 1.0) /
                    shadow.rateFactor(device, shadow.portIndex(device, policer.interfaceName()));
                final long burstFloor = Math.min(policer.burstBytes(), FULL_PACKET_BYTES);
                config = config.withIngressPolicer(new Policer(policer.interfaceName(),
                    Math.max(1, Math.round(policer.rateBps() * share)),
                    Math.max(burstFloor, Math.round(policer.burstBytes() * share))));
            }
            scaled.put(entry.getKey(), config);
        }
        return scaled;
    }
}
