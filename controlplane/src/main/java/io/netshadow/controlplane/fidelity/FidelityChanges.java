package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.StaticRoute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The set of changes the fidelity benchmark runs, aimed at the busiest high-criticality core (every shadow holds
 * it): an ACL that drops voice (UDP 5004) on every port, a policer at half the traffic of its busiest ingress port,
 * a harmless policer at one and a half times that traffic (a shadow that carries a few of the port's flows must not
 * take their peaks for harm), an MTU cut to 1400 bytes on every port (full-size 1500-byte packets no longer pass), a route change that sends the
 * traffic for a high-criticality firewall's subnets over the other core, a detour that sends the core's traffic for
 * every access subnet through that firewall and the other core (longer links: it moves p99 latency), and a harmless
 * ACL that drops telnet, which no traffic uses.
 */
final class FidelityChanges
{
    /** The port of the traffic class the ACL change drops: the lab's voice. */
    static final int VOICE_PORT = 5004;
    /** The port no lab traffic uses, for the harmless change. */
    static final int TELNET_PORT = 23;
    /** The MTU the MTU change cuts to. */
    static final int CUT_MTU_BYTES = 1400;
    /** The harmful policer's rate as a share of its port's baseline rate. */
    static final double POLICER_SHARE = 0.5;
    /** The harmless policer's rate as a share of its port's baseline rate: above the traffic, which it hardly drops. */
    static final double LOOSE_POLICER_SHARE = 1.5;
    /** The policer's burst. */
    static final long POLICER_BURST_BYTES = 15_000;

    private FidelityChanges()
    {
    }

    /**
     * Builds the change set for a profile.
     *
     * @param profile           the whole network.
     * @param wholeIngressBytes bytes into each port on the whole network at baseline.
     * @param windowNs          length of the window those bytes were counted over.
     * @return the changes in the order they are reported.
     * @throws IllegalArgumentException when the profile has no core, no linked pair of cores, or no
     *                                  high-criticality device with host subnets linked to both.
     */
    static List<FidelityChange> of(
        final NetworkProfile profile, final Map<String, Long> wholeIngressBytes, final long windowNs)
    {
        final Targets targets = targets(profile);
        final NetworkProfile.Device core = targets.core();
        final List<NetworkProfile.Endpoint> ports = targets.ports();

        final List<FidelityChange> changes = new ArrayList<>();
        changes.add(new FidelityChange("acl-drop-voice",
            "ACL on every port of " + core.name() + " drops voice (UDP " + VOICE_PORT + ")",
            Map.of(core.name(), aclOnEveryPort(ports, "no-voice", AclEntry.UDP, VOICE_PORT))));

        final NetworkProfile.Endpoint busiest = ports.stream()
            .max(Comparator.comparingLong(port -> wholeIngressBytes.getOrDefault(port.toString(), 0L)))
            .orElseThrow();
        final long baselineBps = wholeIngressBytes.getOrDefault(busiest.toString(), 0L) * 8 * 1_000_000_000L / windowNs;
        final long rateBps = Math.max(1, Math.round(baselineBps * POLICER_SHARE));
        changes.add(new FidelityChange("policer-below-traffic",
            String.format(Locale.ROOT, "policer of %.1f Mbit/s on %s, half its %.1f Mbit/s", rateBps / 1e6, busiest,
                baselineBps / 1e6),
            Map.of(core.name(), DeviceConfig.empty()
                .withIngressPolicer(new Policer(busiest.port(), rateBps, POLICER_BURST_BYTES)))));

        final long looseRateBps = Math.max(1, Math.round(baselineBps * LOOSE_POLICER_SHARE));
        changes.add(new FidelityChange("policer-above-traffic",
            String.format(Locale.ROOT, "policer of %.1f Mbit/s on %s, 1.5 times its %.1f Mbit/s", looseRateBps / 1e6,
                busiest, baselineBps / 1e6),
            Map.of(core.name(), DeviceConfig.empty()
                .withIngressPolicer(new Policer(busiest.port(), looseRateBps, POLICER_BURST_BYTES)))));

        DeviceConfig mtu = DeviceConfig.empty();
        for (final NetworkProfile.Endpoint port : ports)
        {
            mtu = mtu.withInterface(InterfaceConfig.defaults(port.port()).withMtuBytes(CUT_MTU_BYTES));
        }
        changes.add(new FidelityChange("mtu-cut",
            "MTU of every port of " + core.name() + " cut to " + CUT_MTU_BYTES + " bytes", Map.of(core.name(), mtu)));

        DeviceConfig viaOther = DeviceConfig.empty();
        DeviceConfig direct = DeviceConfig.empty();
        for (final String subnet : targets.target().hostSubnets())
        {
            viaOther = viaOther.withStaticRoute(StaticRoute.via(subnet, targets.toOther().port()));
            direct = direct.withStaticRoute(StaticRoute.via(subnet, targets.otherToTarget().port()));
        }
        changes.add(new FidelityChange("route-change",
            "traffic of " + core.name() + " for " + targets.target().name() + " " + targets.target().hostSubnets() +
                " goes over " + targets.other().name() + ", which sends it on directly",
            Map.of(core.name(), viaOther, targets.other().name(), direct)));

        changes.add(firewallDetour(profile, targets));

        changes.add(new FidelityChange("harmless-acl",
            "ACL on every port of " + core.name() + " drops telnet (TCP " + TELNET_PORT + "), which nothing sends",
            Map.of(core.name(), aclOnEveryPort(ports, "no-telnet", AclEntry.TCP, TELNET_PORT))));
        return changes;
    }

    /**
     * The devices whose crossing the coarser groupings of packets follow: the busiest core, which every change
     * touches, and the core the route changes go over. The firewall the detour goes through is left out: on a small
     * shadow most paths through the core also cross that firewall, and telling them apart would leave the changes on
     * the core alone with no group the shadow carries for the paths from one distribution switch to another.
     *
     * @param profile the whole network.
     * @return their names.
     * @throws IllegalArgumentException when the profile lacks the devices the changes need.
     */
    static Set<String> touchedDevices(final NetworkProfile profile)
    {
        final Targets targets = targets(profile);
        return Set.of(targets.core().name(), targets.other().name());
    }

    private record Targets(
        NetworkProfile.Device core,
        List<NetworkProfile.Endpoint> ports,
        NetworkProfile.Endpoint toOther,
        NetworkProfile.Endpoint toTarget,
        NetworkProfile.Device other,
        NetworkProfile.Endpoint otherToTarget,
        NetworkProfile.Device target)
    {
    }

    private static Targets targets(final NetworkProfile profile)
    {
        final NetworkProfile.Device core = profile.devices().stream()
            .filter(device -> DeviceRole.CORE == device.role())
            .max(Comparator.comparing((NetworkProfile.Device device) -> Criticality.HIGH == device.criticality())
                .thenComparingDouble(NetworkProfile.Device::trafficWeight)
                .thenComparing(device -> -profile.devices().indexOf(device)))
            .orElseThrow(() -> new IllegalArgumentException("the fidelity changes need a device of role core"));
        final List<NetworkProfile.Endpoint> ports = portsOf(profile, core.name());
        for (final NetworkProfile.Endpoint toOther : ports)
        {
            final NetworkProfile.Device other = profile.device(farEnd(profile, toOther).device()).orElseThrow();
            if (DeviceRole.CORE != other.role())
            {
                continue;
            }
            for (final NetworkProfile.Endpoint toTarget : ports)
            {
                final NetworkProfile.Device target = profile.device(farEnd(profile, toTarget).device()).orElseThrow();
                if (Criticality.HIGH != target.criticality() || target.hostSubnets().isEmpty())
                {
                    continue;
                }
                final Optional<NetworkProfile.Endpoint> otherToTarget = portsOf(profile, other.name()).stream()
                    .filter(port -> farEnd(profile, port).device().equals(target.name()))
                    .findFirst();
                if (otherToTarget.isPresent())
                {
                    return new Targets(core, ports, toOther, toTarget, other, otherToTarget.get(), target);
                }
            }
        }
        throw new IllegalArgumentException("the route change needs two linked cores that both link to a " +
            "high-criticality device with host subnets; " + core.name() + " has none");
    }

    /**
     * The detour: the core sends its traffic for every access subnet to the high-criticality firewall, the firewall
     * hands it to the other core, and the other core sends it down its own link to a neighbour of the access switch.
     * Every packet the core carries towards an access switch takes two more links, the slower (standby) ones, so
     * the detour moves p99 latency and, where a standby link lacks capacity, queueing and loss.
     */
    private static FidelityChange firewallDetour(final NetworkProfile profile, final Targets targets)
    {
        final NetworkProfile.Device core = targets.core();
        final NetworkProfile.Device firewall = targets.target();
        final NetworkProfile.Device other = targets.other();
        final NetworkProfile.Endpoint firewallToOther = portsOf(profile, firewall.name()).stream()
            .filter(port -> farEnd(profile, port).device().equals(other.name()))
            .findFirst()
            .orElseThrow();
        final List<NetworkProfile.Endpoint> otherPorts = portsOf(profile, other.name());
        final List<String> otherNeighbours = otherPorts.stream().map(port -> farEnd(profile, port).device()).toList();
        final Map<String, Set<String>> neighbours = new HashMap<>();
        for (final NetworkProfile.Link link : profile.links())
        {
            neighbours.computeIfAbsent(link.a().device(), ignored -> new HashSet<>()).add(link.b().device());
            neighbours.computeIfAbsent(link.b().device(), ignored -> new HashSet<>()).add(link.a().device());
        }
        final Map<Ipv4Prefix, StaticRoute> atCore = new LinkedHashMap<>();
        final Map<Ipv4Prefix, StaticRoute> atFirewall = new LinkedHashMap<>();
        final Map<Ipv4Prefix, StaticRoute> atOther = new LinkedHashMap<>();
        for (final NetworkProfile.Device access : profile.devices())
        {
            if (DeviceRole.ACCESS != access.role())
            {
                continue;
            }
            final Set<String> accessNeighbours = neighbours.getOrDefault(access.name(), Set.of());
            final int down = IntStream.range(0, otherPorts.size())
                .filter(i -> accessNeighbours.contains(otherNeighbours.get(i)))
                .findFirst()
                .orElse(-1);
            if (down < 0)
            {
                continue;
            }
            for (final String subnet : access.hostSubnets())
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
                atCore.put(prefix, StaticRoute.via(subnet, targets.toTarget().port()));
                atFirewall.put(prefix, StaticRoute.via(subnet, firewallToOther.port()));
                atOther.put(prefix, StaticRoute.via(subnet, otherPorts.get(down).port()));
            }
        }
        return new FidelityChange("firewall-detour",
            "traffic of " + core.name() + " for the " + atCore.size() + " access subnets goes through " +
                firewall.name() + " and " + other.name() + ", which sends it down its own links",
            Map.of(core.name(), routes(atCore), firewall.name(), routes(atFirewall), other.name(), routes(atOther)));
    }

    private static DeviceConfig routes(final Map<Ipv4Prefix, StaticRoute> staticRoutes)
    {
        DeviceConfig config = DeviceConfig.empty();
        for (final StaticRoute route : staticRoutes.values())
        {
            config = config.withStaticRoute(route);
        }
        return config;
    }

    private static DeviceConfig aclOnEveryPort(
        final List<NetworkProfile.Endpoint> ports, final String name, final int protocol, final int destinationPort)
    {
        DeviceConfig config = DeviceConfig.empty().withAcl(Acl.of(name, AclEntry.matchingAll("drop", AclAction.DROP)
            .withProtocol(protocol)
            .withDestinationPorts(PortMatch.equalTo(destinationPort))));
        for (final NetworkProfile.Endpoint port : ports)
        {
            config = config.withAclAttachment(AclAttachment.ingress(port.port(), name));
        }
        return config;
    }

    private static List<NetworkProfile.Endpoint> portsOf(final NetworkProfile profile, final String device)
    {
        final List<NetworkProfile.Endpoint> ports = new ArrayList<>();
        for (final NetworkProfile.Link link : profile.links())
        {
            if (link.a().device().equals(device))
            {
                ports.add(link.a());
            }
            if (link.b().device().equals(device))
            {
                ports.add(link.b());
            }
        }
        return ports;
    }

    private static NetworkProfile.Endpoint farEnd(final NetworkProfile profile, final NetworkProfile.Endpoint end)
    {
        for (final NetworkProfile.Link link : profile.links())
        {
            if (link.a().equals(end))
            {
                return link.b();
            }
            if (link.b().equals(end))
            {
                return link.a();
            }
        }
        throw new IllegalArgumentException("no link at " + end);
    }
}
