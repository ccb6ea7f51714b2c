package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.ShortestPaths;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The devices' configurations of a {@link LinuxFabric} as its kernel holds them: each translated by
 * {@link DeviceTranslator} into routes, {@code tc} queues and policers and an nftables table in the device's
 * namespace, with the drop counts those have accumulated, including those of the ones since replaced.
 */
final class KernelConfigs
{
    private final FabricTopology topology;
    private final LinkAddresses addresses;
    private final double rateScale;
    private final KernelTopology kernel;
    private final DeviceConfig[] configs;
    private final DeviceTranslation[] translations;
    private final long[][] retiredCounts;
    private final Set<Integer>[] policerDevices;

    /**
     * Starts every device on the empty configuration, applied by {@link #applyAll}.
     *
     * @param topology  devices and links.
     * @param addresses the addresses of the link ports.
     * @param rateScale share of the live traffic the fabric carries, 0 &lt; s &lt;= 1.
     * @param kernel    the namespaces the configurations go into.
     */
    KernelConfigs(
        final FabricTopology topology,
        final LinkAddresses addresses,
        final double rateScale,
        final KernelTopology kernel)
    {
        this.topology = topology;
        this.addresses = addresses;
        this.rateScale = rateScale;
        this.kernel = kernel;
        this.configs = new DeviceConfig[topology.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        this.translations = new DeviceTranslation[configs.length];
        this.retiredCounts = new long[configs.length][DropReason.values().length];
        this.policerDevices = newPortSets(configs.length);
    }

    /**
     * Applies every device's configuration to a kernel that holds none yet.
     *
     * @throws LinuxFabricException when a configuration holds something Linux cannot express or a command fails.
     */
    synchronized void applyAll()
    {
        applyTranslations(configs);
    }

    /**
     * Translates every device again with one device's configuration changed, then applies the translations that
     * changed; a configuration Linux cannot express changes nothing.
     *
     * @param deviceIndex the device.
     * @param config      its new configuration.
     * @throws IllegalArgumentException when the device does not exist.
     * @throws LinuxFabricException     when the configuration holds something Linux cannot express or a command fails.
     */
    synchronized void apply(final int deviceIndex, final DeviceConfig config)
    {
        if (deviceIndex < 0 || deviceIndex >= configs.length)
        {
            throw new IllegalArgumentException("no device " + deviceIndex);
        }
        final DeviceConfig[] changed = configs.clone();
        changed[deviceIndex] = Objects.requireNonNull(config, "config");
        applyTranslations(changed);
    }

    /**
     * A device's configuration.
     *
     * @param deviceIndex the device.
     * @return the configuration last applied.
     */
    synchronized DeviceConfig config(final int deviceIndex)
    {
        return configs[deviceIndex];
    }

    /**
     * The kernel's drops so far by device and reason, read from every device namespace's counters.
     *
     * @return the counts, indexed by device and then by {@link DropReason#ordinal()}.
     */
    synchronized long[][] dropCountsByDevice()
    {
        final long[][] byDevice = new long[configs.length][DropReason.values().length];
        for (int device = 0; device < configs.length; device++)
        {
            readCounts(device, byDevice[device]);
            for (int reason = 0; reason < byDevice[device].length; reason++)
            {
                byDevice[device][reason] += retiredCounts[device][reason];
            }
        }
        return byDevice;
    }

    private void applyTranslations(final DeviceConfig[] candidate)
    {
        final int[][][] nextPorts = ShortestPaths.nextPorts(topology, portsEnabled(candidate));
        final DeviceTranslation[] translated = new DeviceTranslation[candidate.length];
        for (int device = 0; device < candidate.length; device++)
        {
            translated[device] =
                DeviceTranslator.translate(topology, device, candidate, nextPorts, addresses, rateScale);
        }
        System.arraycopy(candidate, 0, configs, 0, configs.length);
        for (int device = 0; device < configs.length; device++)
        {
            apply(device, translations[device], translated[device]);
            translations[device] = translated[device];
        }
    }

    private void apply(final int device, final DeviceTranslation before, final DeviceTranslation after)
    {
        final NetworkNamespace namespace = kernel.device(device);
        if (null == before || !before.routes().equals(after.routes()))
        {
            final StringBuilder batch = new StringBuilder();
            after.routes().values().forEach(line -> batch.append(line).append('\n'));
            if (null != before)
            {
                before.routes().keySet().stream().filter(prefix -> !after.routes().containsKey(prefix))
                    .forEach(prefix -> batch.append("route del ").append(prefix).append('\n'));
            }
            if (!batch.isEmpty())
            {
                Commands.run(List.of("ip", "-n", namespace.name(), "-batch", "-"), batch.toString());
            }
        }
        final boolean tcChanged = null == before || !before.tcBatch().equals(after.tcBatch());
        final boolean nftChanged = null == before || !before.nftScript().equals(after.nftScript());
        if (null != before && (tcChanged || nftChanged))
        {
            final long[] counts = new long[DropReason.values().length];
            readCounts(device, counts);
            for (int reason = 0; reason < counts.length; reason++)
            {
                retiredCounts[device][reason] += counts[reason];
            }
        }
        if (tcChanged)
        {
            if (null != before && !before.policedPorts().isEmpty())
            {
                final StringBuilder removal = new StringBuilder();
                for (int port = 0; port < topology.devices().get(device).ports().size(); port++)
                {
                    removal.append("qdisc del dev ").append(LinuxNames.port(port)).append(" clsact\n");
                }
                before.policedPorts().forEach(port -> removal
                    .append("qdisc del dev ").append(LinuxNames.policer(port)).append(" root\n"));
                Commands.run(List.of("tc", "-n", namespace.name(), "-force", "-batch", "-"), removal.toString());
            }
            final StringBuilder ifbs = new StringBuilder();
            for (final int port : after.policedPorts())
            {
                if (policerDevices[device].add(port))
                {
                    ifbs.append("link add ").append(LinuxNames.policer(port)).append(" type ifb\n")
                        .append("link set ").append(LinuxNames.policer(port)).append(" up\n");
                }
            }
            if (!ifbs.isEmpty())
            {
                Commands.run(List.of("ip", "-n", namespace.name(), "-batch", "-"), ifbs.toString());
            }
            final StringBuilder batch = new StringBuilder();
            after.tcBatch().forEach(line -> batch.append(line).append('\n'));
            if (!batch.isEmpty())
            {
                Commands.run(List.of("tc", "-n", namespace.name(), "-batch", "-"), batch.toString());
            }
        }
        if (nftChanged)
        {
            namespace.execWithInput(after.nftScript(), "nft", "-f", "-");
        }
    }

    private boolean[][] portsEnabled(final DeviceConfig[] candidate)
    {
        final boolean[][] enabled = new boolean[candidate.length][];
        for (int device = 0; device < candidate.length; device++)
        {
            final List<String> ports = topology.devices().get(device).ports();
            enabled[device] = new boolean[ports.size()];
            for (int port = 0; port < ports.size(); port++)
            {
                enabled[device][port] = candidate[device].interfaceConfig(ports.get(port)).enabled();
            }
        }
        return enabled;
    }

    private void readCounts(final int device, final long[] counts)
    {
        final NetworkNamespace namespace = kernel.device(device);
        KernelDropCounters.addTo(
            namespace.exec("nft", "list", "table", "ip", LinuxNames.TABLE),
            namespace.exec("tc", "-s", "qdisc", "show"),
            counts);
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer>[] newPortSets(final int deviceCount)
    {
        final Set<Integer>[] sets = new Set[deviceCount];
        for (int device = 0; device < deviceCount; device++)
        {
            sets[device] = new HashSet<>();
        }
        return sets;
    }
}
