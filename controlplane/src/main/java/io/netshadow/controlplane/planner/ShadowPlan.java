package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.yaml.Units;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devices and links of the shadow network, chosen by {@link ShadowPlanner}, with what the reader needs to judge
 * how representative they are.
 *
 * @param devices               the shadow's devices, sampled and added, in profile order.
 * @param links                 the profile's links whose both ends are in the shadow, in profile order.
 * @param closureDevices        names of the devices added to complete the paths between sampled devices.
 * @param shadowDevicesPerRole  devices per role in the shadow, closure included.
 * @param networkDevicesPerRole devices per role in the whole network.
 * @param coveredTrafficShare   the shadow's share of the network's traffic weight, 0 to 1.
 * @param networkDeviceCount    devices in the whole network.
 * @param networkLinkCount      links in the whole network.
 * @param budget                the budget the plan was made with.
 * @param budgetDeviceCount     devices the budget allowed and the sampling chose.
 * @param seed                  the seed the sampling used.
 */
public record ShadowPlan(
    List<NetworkProfile.Device> devices,
    List<NetworkProfile.Link> links,
    List<String> closureDevices,
    Map<DeviceRole, Integer> shadowDevicesPerRole,
    Map<DeviceRole, Integer> networkDevicesPerRole,
    double coveredTrafficShare,
    int networkDeviceCount,
    int networkLinkCount,
    ShadowBudget budget,
    int budgetDeviceCount,
    long seed)
{
    /**
     * Copies the collections so the plan cannot change.
     *
     * @param devices               the devices.
     * @param links                 the links.
     * @param closureDevices        the devices added by path closure.
     * @param shadowDevicesPerRole  devices per role in the shadow.
     * @param networkDevicesPerRole devices per role in the network.
     * @param coveredTrafficShare   the shadow's share of traffic weight.
     * @param networkDeviceCount    devices in the network.
     * @param networkLinkCount      links in the network.
     * @param budget                the budget.
     * @param budgetDeviceCount     devices sampled within the budget.
     * @param seed                  the seed.
     */
    public ShadowPlan
    {
        devices = List.copyOf(devices);
        links = List.copyOf(links);
        closureDevices = List.copyOf(closureDevices);
        shadowDevicesPerRole = Collections.unmodifiableMap(new EnumMap<>(shadowDevicesPerRole));
        networkDevicesPerRole = Collections.unmodifiableMap(new EnumMap<>(networkDevicesPerRole));
    }

    /**
     * The names of the shadow's devices in profile order.
     *
     * @return the names.
     */
    public List<String> deviceNames()
    {
        return devices.stream().map(NetworkProfile.Device::name).toList();
    }

    /**
     * Whether a device is in the shadow.
     *
     * @param name the device name.
     * @return true when the plan holds it.
     */
    public boolean contains(final String name)
    {
        return devices.stream().anyMatch(device -> device.name().equals(name));
    }

    /**
     * The shadow as a fabric topology with the live capacities and queues; the fabric scales them by the share of
     * traffic it replays (its rate scale).
     *
     * @return the topology.
     */
    public FabricTopology topology()
    {
        return NetworkProfile.topologyOf(devices, links);
    }

    /**
     * A report for the engineer who judges the plan: sizes, representation per role, each device and why it is in,
     * and the links.
     *
     * @return the report, several lines.
     */
    public String report()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
            "shadow plan: %d of %d devices, %d of %d links; budget %s (%d sampled), %d added to complete paths, " +
            "seed %d%n", devices.size(), networkDeviceCount, links.size(), networkLinkCount, budget,
            budgetDeviceCount, closureDevices.size(), seed));
        out.append(String.format(Locale.ROOT, "traffic weight covered: %.1f%%%n%n", coveredTrafficShare * 100));
        out.append(String.format(Locale.ROOT, "%-14s %8s %7s%n", "role", "network", "shadow"));
        for (final Map.Entry<DeviceRole, Integer> role : networkDevicesPerRole.entrySet())
        {
            out.append(String.format(Locale.ROOT, "%-14s %8d %7d%n", lower(role.getKey()), role.getValue(),
                shadowDevicesPerRole.getOrDefault(role.getKey(), 0)));
        }
        final int nameWidth = Math.max(6, devices.stream().mapToInt(device -> device.name().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%n%-" + nameWidth + "s  %-12s  %-11s  %6s  %s%n",
            "device", "role", "criticality", "weight", "why"));
        for (final NetworkProfile.Device device : devices)
        {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-12s  %-11s  %6.1f  %s%n",
                device.name(), lower(device.role()), lower(device.criticality()), device.trafficWeight(),
                reasonFor(device)));
        }
        out.append(String.format(Locale.ROOT, "%nlinks:%n"));
        for (final NetworkProfile.Link link : links)
        {
            out.append(String.format(Locale.ROOT, "  %s <-> %s  %s  %s  queue %s%n", link.a(), link.b(),
                Units.formatBps(link.capacityBps()), Units.formatDurationNs(link.latencyNs()),
                Units.formatBytes(link.queueBytes())));
        }
        return out.toString();
    }

    private String reasonFor(final NetworkProfile.Device device)
    {
        if (closureDevices.contains(device.name()))
        {
            return "completes a path";
        }
        return Criticality.HIGH == device.criticality() ? "high criticality" : "sampled";
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
