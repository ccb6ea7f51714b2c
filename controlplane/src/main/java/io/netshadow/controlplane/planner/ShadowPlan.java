package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.yaml.Units;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devices and links of the shadow network, chosen by {@link ShadowPlanner}, with the scale its links run at and
 * what the reader needs to judge how representative it is.
 *
 * @param devices               the shadow's devices in profile order.
 * @param links                 the profile's links whose both ends are in the shadow, in profile order.
 * @param inclusions            why each device is in the shadow, by name, in profile order.
 * @param shadowDevicesPerRole  devices per role in the shadow.
 * @param networkDevicesPerRole devices per role in the whole network.
 * @param representativeness    how closely the shadow resembles the whole.
 * @param scale                 the factors the shadow's capacities and queues are scaled by.
 * @param networkDeviceCount    devices in the whole network.
 * @param networkLinkCount      links in the whole network.
 * @param budget                the budget the plan was made with.
 * @param budgetDeviceCount     devices the budget allows; the shadow holds at most this many.
 * @param seed                  the seed the sampling used.
 */
public record ShadowPlan(
    List<NetworkProfile.Device> devices,
    List<NetworkProfile.Link> links,
    Map<String, Inclusion> inclusions,
    Map<DeviceRole, Integer> shadowDevicesPerRole,
    Map<DeviceRole, Integer> networkDevicesPerRole,
    Representativeness representativeness,
    ShadowScale scale,
    int networkDeviceCount,
    int networkLinkCount,
    ShadowBudget budget,
    int budgetDeviceCount,
    long seed)
{
    /**
     * Why a device is in the shadow.
     */
    public enum Inclusion
    {
        /** Every high-criticality device is kept. */
        HIGH_CRITICALITY("high criticality"),
        /** Kept so that at least one flow has both its ends in the shadow. */
        FLOW_END("end of a flow"),
        /** The cheapest device of a role the shadow would otherwise lack. */
        ROLE("represents its role"),
        /** Drawn by the weighted sampling. */
        SAMPLED("sampled"),
        /** On the path of a flow between two devices of the shadow. */
        PATH("completes a path");

        private final String description;

        Inclusion(final String description)
        {
            this.description = description;
        }

        /**
         * The reason as the report words it.
         *
         * @return the words.
         */
        public String description()
        {
            return description;
        }
    }

    /**
     * Copies the collections so the plan cannot change.
     *
     * @param devices               the devices.
     * @param links                 the links.
     * @param inclusions            why each device is in.
     * @param shadowDevicesPerRole  devices per role in the shadow.
     * @param networkDevicesPerRole devices per role in the network.
     * @param representativeness    how the shadow resembles the whole.
     * @param scale                 the scale factors.
     * @param networkDeviceCount    devices in the network.
     * @param networkLinkCount      links in the network.
     * @param budget                the budget.
     * @param budgetDeviceCount     devices the budget allows.
     * @param seed                  the seed.
     */
    public ShadowPlan
    {
        devices = List.copyOf(devices);
        links = List.copyOf(links);
        inclusions = Collections.unmodifiableMap(new LinkedHashMap<>(inclusions));
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
        return inclusions.containsKey(name);
    }

    /**
     * The devices that are in the shadow only to complete the paths of flows between its other devices.
     *
     * @return their names in profile order.
     */
    public List<String> closureDevices()
    {
        return inclusions.entrySet().stream()
            .filter(entry -> Inclusion.PATH == entry.getValue())
            .map(Map.Entry::getKey)
            .toList();
    }

    /**
     * The shadow devices' share of the network's traffic weight.
     *
     * @return 0 to 1.
     */
    public double coveredTrafficShare()
    {
        return representativeness.trafficWeightCovered();
    }

    /**
     * The shadow as the fabric is built from it, with {@link ShadowScale#trafficSamplingRatio()} as the fabric's
     * rate scale: each link's capacity and queue are the live ones times the link's own scale divided by that rate
     * scale, and that quotient is the link's rate factor, so that once the fabric multiplies them by the rate scale,
     * each link and the policers and shapers on its ports run at its {@link ShadowScale#linkScale}.
     *
     * @return the topology.
     */
    public FabricTopology topology()
    {
        final FabricTopology.Builder builder = FabricTopology.builder();
        for (final NetworkProfile.Device device : devices)
        {
            builder.device(device.name(), device.hostSubnets());
        }
        for (final NetworkProfile.Link link : links)
        {
            final double relative = scale.linkScale(link) / scale.trafficSamplingRatio();
            builder.link(link.a().device(), link.a().port(), link.b().device(), link.b().port(),
                Math.max(1L, Math.round(link.capacityBps() * relative)), link.latencyNs(),
                Math.max(1L, Math.round(link.queueBytes() * relative)), relative);
        }
        return builder.build();
    }

    /**
     * A report for the engineer who judges the plan: sizes, representativeness, representation per role, the scale
     * factors, each device and why it is in, and the links at their live and shadow sizes. The same plan always
     * gives the same text.
     *
     * @return the report, several lines.
     */
    public String report()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
            "shadow plan: %d of %d devices, %d of %d links; budget %s (at most %d devices), seed %d%n",
            devices.size(), networkDeviceCount, links.size(), networkLinkCount, budget, budgetDeviceCount, seed));
        appendRepresentativeness(out);
        appendRoles(out);
        appendScale(out);
        appendDevices(out);
        appendLinks(out);
        return out.toString();
    }

    private void appendRepresentativeness(final StringBuilder out)
    {
        final Representativeness r = representativeness;
        out.append(String.format(Locale.ROOT, "%n%-26s %10s%n", "coverage", "shadow"));
        out.append(String.format(Locale.ROOT, "%-26s %9.1f%%%n", "traffic weight", r.trafficWeightCovered() * 100));
        out.append(String.format(Locale.ROOT, "%-26s %9.1f%%%n", "flow demand, both ends", r.demandCovered() * 100));
        out.append(String.format(Locale.ROOT, "%n%-26s %7s %9s %7s %9s %12s%n",
            "distribution", "whole", "mean", "shadow", "mean", "KS distance"));
        appendComparison(out, "path length (hops)", r.pathLengthHops());
        appendComparison(out, "link utilisation", r.linkUtilisation());
        out.append(String.format(Locale.ROOT, "%-26s %7d %9s %7d%n", "idle link directions", r.wholeIdleDirections(),
            "", r.shadowIdleDirections()));
    }

    private static void appendComparison(
        final StringBuilder out, final String name, final Representativeness.Comparison comparison)
    {
        out.append(String.format(Locale.ROOT, "%-26s %7d %9.3f %7d %9.3f %12.3f%n", name,
            comparison.wholeCount(), comparison.wholeMean(), comparison.sampleCount(), comparison.sampleMean(),
            comparison.ksDistance()));
    }

    private void appendRoles(final StringBuilder out)
    {
        out.append(String.format(Locale.ROOT, "%n%-14s %7s %7s %7s %7s%n", "role", "whole", "share", "shadow",
            "share"));
        for (final Map.Entry<DeviceRole, Integer> role : networkDevicesPerRole.entrySet())
        {
            final int shadowCount = shadowDevicesPerRole.getOrDefault(role.getKey(), 0);
            out.append(String.format(Locale.ROOT, "%-14s %7d %6.1f%% %7d %6.1f%%%n", lower(role.getKey()),
                role.getValue(), 100.0 * role.getValue() / networkDeviceCount, shadowCount,
                devices.isEmpty() ? 0.0 : 100.0 * shadowCount / devices.size()));
        }
    }

    private void appendScale(final StringBuilder out)
    {
        out.append(String.format(Locale.ROOT, "%nscale factors%n"));
        out.append(String.format(Locale.ROOT, "%-26s %9.1f%%%n", "mirror share", scale.mirrorShare() * 100));
        out.append(String.format(Locale.ROOT, "%-26s %9.1f%%  of the live load on the shadow's links%n",
            "carried load share", scale.carriedLoadShare() * 100));
        out.append(String.format(Locale.ROOT, "%-26s %10.4f  the fabric's rate scale%n",
            "traffic sampling ratio", scale.trafficSamplingRatio()));
        final double[] linkScales = links.stream().mapToDouble(scale::linkScale).sorted().toArray();
        if (linkScales.length > 0)
        {
            out.append(String.format(Locale.ROOT, "%-26s %10.4f  min, %.4f median, %.4f max: capacities, queues " +
                "and shapers x each link's own%n", "link scale", linkScales[0],
                linkScales[linkScales.length / 2], linkScales[linkScales.length - 1]));
        }
    }

    private void appendDevices(final StringBuilder out)
    {
        final int nameWidth = Math.max(6, devices.stream().mapToInt(device -> device.name().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%n%-" + nameWidth + "s  %-12s  %-11s  %6s  %s%n",
            "device", "role", "criticality", "weight", "why"));
        for (final NetworkProfile.Device device : devices)
        {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-12s  %-11s  %6.1f  %s%n",
                device.name(), lower(device.role()), lower(device.criticality()), device.trafficWeight(),
                inclusions.get(device.name()).description()));
        }
    }

    private void appendLinks(final StringBuilder out)
    {
        final int endWidth = links.stream()
            .mapToInt(link -> Math.max(link.a().toString().length(), link.b().toString().length()))
            .max().orElse(1);
        out.append(String.format(Locale.ROOT, "%n%-" + endWidth + "s     %-" + endWidth + "s  %8s  %8s  %8s  %10s  " +
            "%10s  %6s%n", "link", "", "latency", "capacity", "shadow", "queue", "shadow", "scale"));
        for (final NetworkProfile.Link link : links)
        {
            out.append(String.format(Locale.ROOT, "%-" + endWidth + "s <-> %-" + endWidth + "s  %8s  %8s  %8s  " +
                "%10s  %10s  %6.4f%n", link.a(), link.b(), Units.formatDurationNs(link.latencyNs()),
                Units.formatBps(link.capacityBps()), Units.formatBps(scale.capacityBps(link)),
                Units.formatBytes(link.queueBytes()), Units.formatBytes(scale.queueBytes(link)),
                scale.linkScale(link)));
        }
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
