package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;

import java.util.ArrayList;
import java.util.List;

/**
 * Every device's configuration and its compiled form, built together because computed routes depend on every
 * device's interfaces. Immutable: a configuration change builds a new one, which the fabric publishes whole.
 */
final class CompiledFabric
{
    private final DeviceConfig[] configs;
    private final CompiledDevice[] devices;

    private CompiledFabric(final DeviceConfig[] configs, final CompiledDevice[] devices)
    {
        this.configs = configs;
        this.devices = devices;
    }

    /**
     * Compiles a fabric.
     *
     * @param topology  the devices and links.
     * @param configs   one configuration per device, in device order; copied.
     * @param rateScale    the share of live traffic the fabric carries.
     * @param livePolicers whether policers keep their live rate and burst, because they are fed the live aggregate.
     * @param aclHits      the fabric's ACL entry counters, to which new entries are added.
     * @return the compiled fabric.
     * @throws IllegalArgumentException when a host subnet of the topology is not a CIDR prefix.
     */
    static CompiledFabric compile(
        final FabricTopology topology,
        final DeviceConfig[] configs,
        final double rateScale,
        final boolean livePolicers,
        final AclHitCounters aclHits)
    {
        final int deviceCount = topology.devices().size();
        final boolean[][] portEnabled = new boolean[deviceCount][];
        final List<List<Ipv4Prefix>> hostSubnets = new ArrayList<>();
        for (int device = 0; device < deviceCount; device++)
        {
            portEnabled[device] = CompiledDevice.portsEnabled(topology, device, configs[device]);
            final List<Ipv4Prefix> subnets = new ArrayList<>();
            for (final String cidr : topology.devices().get(device).hostSubnets())
            {
                subnets.add(Ipv4Prefix.parse(cidr));
            }
            hostSubnets.add(subnets);
        }
        final int[][][] nextPorts = ShortestPaths.nextPorts(topology, portEnabled);
        final CompiledDevice[] devices = new CompiledDevice[deviceCount];
        for (int device = 0; device < deviceCount; device++)
        {
            devices[device] = CompiledDevice.compile(
                topology,
                device,
                configs[device],
                portEnabled[device],
                nextPorts[device],
                hostSubnets,
                rateScale,
                livePolicers,
                aclHits);
        }
        return new CompiledFabric(configs.clone(), devices);
    }

    /**
     * This fabric with one device's configuration replaced, every device recompiled.
     */
    CompiledFabric with(
        final FabricTopology topology,
        final int deviceIndex,
        final DeviceConfig config,
        final double rateScale,
        final boolean livePolicers,
        final AclHitCounters aclHits)
    {
        final DeviceConfig[] changed = configs.clone();
        changed[deviceIndex] = config;
        return compile(topology, changed, rateScale, livePolicers, aclHits);
    }

    DeviceConfig config(final int deviceIndex)
    {
        return configs[deviceIndex];
    }

    CompiledDevice device(final int deviceIndex)
    {
        return devices[deviceIndex];
    }
}
