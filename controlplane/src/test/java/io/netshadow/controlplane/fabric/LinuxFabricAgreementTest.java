package io.netshadow.controlplane.fabric;

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
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The same configuration on the emulated and the Linux fabric: the same flows dropped by an ACL, the same packets
 * dropped by MTU, a policer's delivered rate within 5 %, and flows spread over equal-cost paths, each on one. The
 * Linux side runs in namespaces the fabric creates and removes; rates there come from packet counts over a paced
 * send whose length is measured, not asserted.
 */
class LinuxFabricAgreementTest
{
    private static final long GBPS = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int B = 1;

    @BeforeEach
    void requireRoot()
    {
        RootNamespaces.require();
    }

    /**
     * A, B and C in a line, hosts 10.1/16, 10.2/16, 10.3/16, links of 1 Gbit/s: A:eth1-B:eth1, B:eth2-C:eth1.
     */
    private static FabricTopology line()
    {
        return FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b", "eth1", GBPS, MS, 4_000_000)
            .link("b", "eth2", "c", "eth1", GBPS, MS, 4_000_000)
            .build();
    }

    /**
     * {@link #line()} with the link from A to B at the offered rate, so that it paces a burst injected at once into
     * B's policer at that rate, by the kernel's timers on Linux.
     */
    private static FabricTopology pacedLine(final long offeredRateBps)
    {
        return FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b", "eth1", offeredRateBps, MS, 8_000_000)
            .link("b", "eth2", "c", "eth1", GBPS, MS, 4_000_000)
            .build();
    }

    @Test
    void anAclDropsTheSameFlowsOnBothFabrics()
    {
        final DeviceConfig acl = DeviceConfig.empty()
            .withAcl(Acl.of("edge-in",
                new AclEntry("no-dns", Ipv4Prefix.parse("10.1.0.0/24"), Ipv4Prefix.ANY, AclEntry.UDP,
                    PortMatch.ANY, PortMatch.range(53, 60), AclAction.DROP),
                new AclEntry("web-only", Ipv4Prefix.ANY, Ipv4Prefix.parse("10.3.5.0/24"), AclEntry.TCP,
                    PortMatch.ANY, PortMatch.notEqualTo(443), AclAction.REJECT),
                new AclEntry("let-10-2", Ipv4Prefix.ANY, Ipv4Prefix.parse("10.2.0.0/16"), AclEntry.ANY_PROTOCOL,
                    PortMatch.ANY, PortMatch.ANY, AclAction.ACCEPT),
                AclEntry.matchingAll("no-1-9", AclAction.DROP).withSourceNetwork(Ipv4Prefix.parse("10.1.9.0/24"))))
            .withAclAttachment(AclAttachment.ingress("eth1", "edge-in"));
        final List<FabricPacket> packets = new ArrayList<>();
        int id = 0;
        for (final String src : List.of("10.1.0.7", "10.1.1.7", "10.1.9.7"))
        {
            for (final String dst : List.of("10.2.0.1", "10.3.5.9", "10.3.6.9"))
            {
                for (final int protocol : List.of(AclEntry.UDP, AclEntry.TCP))
                {
                    for (final int port : List.of(53, 61, 443))
                    {
                        packets.add(packet(src, dst, protocol, port, 200, id++));
                    }
                }
            }
        }

        final Outcome emulated = runEmulated(line(), B, acl, packets);
        final Outcome linux = runLinux(line(), B, acl, packets, SECOND);

        assertThat(linux.delivered).isEqualTo(emulated.delivered);
        assertThat(linux.dropped).isEqualTo(emulated.dropped);
        assertThat(emulated.delivered).isNotEmpty().hasSizeLessThan(packets.size());
        assertThat(linux.drops[DropReason.ACL_DENY.ordinal()])
            .isEqualTo(emulated.drops[DropReason.ACL_DENY.ordinal()])
            .isEqualTo(packets.size() - emulated.delivered.size());
    }

    @Test
    void anMtuDropsTheSamePacketsOnBothFabrics()
    {
        final DeviceConfig mtu = DeviceConfig.empty().withInterface(new InterfaceConfig("eth2", true, 1000));
        final List<FabricPacket> packets = new ArrayList<>();
        for (int length = 900; length <= 1100; length += 20)
        {
            packets.add(packet("10.1.0.1", "10.3.0.1", AclEntry.UDP, 7000, length, length));
            packets.add(packet("10.3.0.1", "10.1.0.1", AclEntry.UDP, 7000, length, length + 1));
        }

        final Outcome emulated = runEmulated(line(), B, mtu, packets);
        final Outcome linux = runLinux(line(), B, mtu, packets, SECOND);

        assertThat(linux.delivered).isEqualTo(emulated.delivered);
        assertThat(linux.dropped).isEqualTo(emulated.dropped);
        assertThat(emulated.drops[DropReason.MTU_EXCEEDED.ordinal()]).isEqualTo(5);
        assertThat(linux.drops[DropReason.MTU_EXCEEDED.ordinal()])
            .isEqualTo(emulated.drops[DropReason.MTU_EXCEEDED.ordinal()]);
    }

    @Test
    void aPolicersDeliveredRateAgreesWithinFivePercent()
    {
        final long policerRateBps = 8_000_000;
        final long offeredRateBps = 32_000_000;
        final int lengthBytes = 1000;
        final int packetCount = 6000;
        final FabricTopology topology = pacedLine(offeredRateBps);
        final DeviceConfig policed =
            DeviceConfig.empty().withIngressPolicer(new Policer("eth1", policerRateBps, 20_000));
        final List<FabricPacket> packets = new ArrayList<>();
        for (int i = 0; i < packetCount; i++)
        {
            packets.add(packet("10.1.0.1", "10.3.0.1", AclEntry.UDP, 9000, lengthBytes, i));
        }
        final double sendSeconds = 8.0 * lengthBytes * packetCount / offeredRateBps;

        final Outcome emulated = runEmulated(topology, B, policed, packets);
        final Outcome linux = runLinux(topology, B, policed, packets, 3 * SECOND);

        final double emulatedBps = 8.0 * lengthBytes * emulated.delivered.size() / sendSeconds;
        final double linuxBps = 8.0 * lengthBytes * linux.delivered.size() / sendSeconds;
        assertThat(emulated.drops[DropReason.POLICER.ordinal()]).isPositive();
        assertThat(linux.drops[DropReason.POLICER.ordinal()]).isPositive();
        assertThat(linux.delivered.size() + linux.drops[DropReason.POLICER.ordinal()]).isEqualTo(packetCount);
        assertThat(emulatedBps).isCloseTo(policerRateBps, within(0.05 * policerRateBps));
        assertThat(linuxBps).isCloseTo(emulatedBps, within(0.05 * emulatedBps));
    }

    @Test
    void aPolicerMeetsOnlyWhatThePortsIngressAclLetsInOnBothFabrics()
    {
        final long policerRateBps = 8_000_000;
        final long offeredRateBps = 32_000_000;
        final int lengthBytes = 1000;
        final int packetCount = 6000;
        final FabricTopology topology = pacedLine(offeredRateBps);
        final DeviceConfig filteredAndPoliced = DeviceConfig.empty()
            .withAcl(Acl.of("half", new AclEntry("odd", Ipv4Prefix.ANY, Ipv4Prefix.ANY, AclEntry.UDP,
                PortMatch.equalTo(9001), PortMatch.ANY, AclAction.DROP), AclEntry.matchingAll("rest", AclAction.ACCEPT)))
            .withAclAttachment(AclAttachment.ingress("eth1", "half"))
            .withIngressPolicer(new Policer("eth1", policerRateBps, 20_000));
        final List<FabricPacket> packets = new ArrayList<>();
        for (int i = 0; i < packetCount; i++)
        {
            final FabricPacket packet = packet("10.1.0.1", "10.3.0.1", AclEntry.UDP, 9000, lengthBytes, i);
            packet.srcPort = 9000 + (i & 1);
            packets.add(packet);
        }

        final Outcome emulated = runEmulated(topology, B, filteredAndPoliced, packets);
        final Outcome linux = runLinux(topology, B, filteredAndPoliced, packets, 3 * SECOND);

        assertThat(emulated.drops[DropReason.ACL_DENY.ordinal()]).isEqualTo(packetCount / 2);
        assertThat(linux.drops[DropReason.ACL_DENY.ordinal()]).isEqualTo(packetCount / 2);
        assertThat(emulated.drops[DropReason.POLICER.ordinal()]).isPositive();
        assertThat((double)linux.delivered.size())
            .isCloseTo(emulated.delivered.size(), within(0.05 * emulated.delivered.size()));
        assertThat(linux.delivered.size() + linux.drops[DropReason.POLICER.ordinal()]).isEqualTo(packetCount / 2);
    }

    @Test
    void routesShutdownsAndTtlDropTheSamePacketsForTheSameReasonsOnBothFabrics()
    {
        final FabricTopology triangle = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b", "eth1", GBPS, MS, 4_000_000)
            .link("a", "eth2", "c", "eth1", GBPS, MS, 4_000_000)
            .link("c", "eth2", "b", "eth2", GBPS, MS, 4_000_000)
            .build();
        final DeviceConfig[] configs = {
            DeviceConfig.empty()
                .withInterface(new InterfaceConfig("eth2", false, 1500))
                .withStaticRoute(StaticRoute.via("192.0.2.0/24", "eth1")),
            DeviceConfig.empty()
                .withStaticRoute(StaticRoute.blackhole("10.3.7.0/24"))
                .withStaticRoute(StaticRoute.via("192.0.2.0/24", "hosts")),
            DeviceConfig.empty()
                .withStaticRoute(StaticRoute.via("10.1.99.0/24", "eth1"))
                .withAcl(Acl.of("no-discard", new AclEntry("discard", Ipv4Prefix.ANY, Ipv4Prefix.ANY, AclEntry.UDP,
                    PortMatch.ANY, PortMatch.equalTo(9), AclAction.DROP)))
                .withAclAttachment(AclAttachment.egress("hosts", "no-discard")),
        };
        final List<FabricPacket> packets = new ArrayList<>();
        int id = 0;
        for (final String dst : List.of("10.3.0.1", "10.3.7.1", "192.0.2.1", "198.51.100.1", "10.2.0.1"))
        {
            for (final int ttl : List.of(1, 2, 64))
            {
                for (final int port : List.of(9, 80))
                {
                    final FabricPacket packet = packet("10.1.0.1", dst, AclEntry.UDP, port, 300, id++);
                    packet.ttl = ttl;
                    packets.add(packet);
                }
            }
        }
        packets.add(packet("10.3.0.1", "10.1.99.1", AclEntry.UDP, 80, 300, id++));
        packets.add(packet("10.3.0.1", "10.1.0.1", AclEntry.UDP, 80, 300, id));

        final Outcome emulated = runEmulated(triangle, configs, packets);
        final Outcome linux = runLinux(triangle, configs, packets, SECOND);

        assertThat(linux.delivered).isEqualTo(emulated.delivered);
        assertThat(linux.drops).isEqualTo(emulated.drops);
        for (final DropReason reason : List.of(DropReason.NO_ROUTE, DropReason.OUTSIDE_FABRIC,
            DropReason.TTL_EXPIRED, DropReason.ACL_DENY, DropReason.INTERFACE_DOWN))
        {
            assertThat(emulated.drops[reason.ordinal()]).as(reason.name()).isPositive();
        }
    }

    @Test
    void bothFabricsSpreadFlowsOverEqualCostPathsAndKeepEachFlowOnOne()
    {
        final FabricTopology diamond = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b1", List.of())
            .device("b2", List.of())
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b1", "eth1", GBPS, MS, 4_000_000)
            .link("a", "eth2", "b2", "eth1", GBPS, MS, 4_000_000)
            .link("b1", "eth2", "c", "eth1", GBPS, MS, 4_000_000)
            .link("b2", "eth2", "c", "eth2", GBPS, MS, 4_000_000)
            .build();
        final DeviceConfig[] configs = {
            DeviceConfig.empty(),
            DeviceConfig.empty(),
            DeviceConfig.empty().withInterface(new InterfaceConfig("eth2", true, 1000)),
            DeviceConfig.empty(),
        };
        final int flows = 128;
        final int packetsPerFlow = 4;
        final List<FabricPacket> packets = new ArrayList<>();
        for (int flow = 0; flow < flows; flow++)
        {
            for (int i = 0; i < packetsPerFlow; i++)
            {
                final FabricPacket packet = packet("10.1.0.1", "10.3.0.1", AclEntry.UDP, 7000, 1200, i);
                packet.srcPort = 20_000 + flow;
                packet.flowHash = flow * 0x9E37_79B9_7F4A_7C15L;
                packet.seq = flow * packetsPerFlow + i;
                packets.add(packet);
            }
        }

        final Map<String, Outcome> outcomes = Map.of(
            "emulated", runEmulated(diamond, configs, packets),
            "linux", runLinux(diamond, configs, packets, SECOND));
        outcomes.forEach((fabric, outcome) ->
        {
            final Map<Integer, Long> deliveredPerFlow = outcome.delivered.stream()
                .collect(Collectors.groupingBy(packet -> Integer.parseInt(packet.split("[ >]")[3]),
                    Collectors.counting()));
            assertThat(deliveredPerFlow.values()).as(fabric).allMatch(count -> count == packetsPerFlow);
            assertThat(deliveredPerFlow.size()).as(fabric).isBetween(flows / 4, 3 * flows / 4);
            assertThat(outcome.drops[DropReason.MTU_EXCEEDED.ordinal()]).as(fabric)
                .isEqualTo((long)(flows - deliveredPerFlow.size()) * packetsPerFlow);
        });
    }

    private static FabricPacket packet(
        final String src, final String dst, final int protocol, final int dstPort, final int lengthBytes, final int id)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress(src);
        packet.dstIp = Ipv4Prefix.parseAddress(dst);
        packet.protocol = protocol;
        packet.srcPort = 40_000 + (id & 0xFFF);
        packet.dstPort = dstPort;
        packet.lengthBytes = lengthBytes;
        packet.ttl = 64;
        packet.ipId = id & 0xFFFF;
        packet.seq = id;
        return packet;
    }

    private static final class Outcome implements FateListener
    {
        final Set<String> delivered = new TreeSet<>();
        final Set<String> dropped = new TreeSet<>();
        final long[] drops = new long[DropReason.values().length];

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            delivered.add(describe(packet));
        }

        @Override
        public void onDropped(
            final FabricPacket packet, final int deviceIndex, final DropReason reason, final long injectedAtNs,
            final long droppedAtNs)
        {
            dropped.add(describe(packet) + " at " + deviceIndex + ": " + reason);
        }

        private static String describe(final FabricPacket packet)
        {
            return Ipv4Prefix.formatAddress(packet.srcIp) + ">" + Ipv4Prefix.formatAddress(packet.dstIp) +
                " p" + packet.protocol + " " + packet.srcPort + ">" + packet.dstPort + " len " + packet.lengthBytes +
                " seq " + packet.seq;
        }
    }

    private static Outcome runEmulated(
        final FabricTopology topology, final int device, final DeviceConfig config, final List<FabricPacket> packets)
    {
        return runEmulated(topology, only(topology, device, config), packets);
    }

    private static Outcome runEmulated(
        final FabricTopology topology, final DeviceConfig[] configs, final List<FabricPacket> packets)
    {
        final Outcome outcome = new Outcome();
        try (EmulatedFabric fabric = new EmulatedFabric(topology, 1.0, outcome, null))
        {
            for (int device = 0; device < configs.length; device++)
            {
                fabric.applyConfig(device, configs[device]);
            }
            for (final FabricPacket packet : packets)
            {
                fabric.inject(packet, sourceDevice(packet), 0, 0);
            }
            fabric.advanceTo(Long.MAX_VALUE);
            readDrops(fabric, outcome);
        }
        return outcome;
    }

    private static Outcome runLinux(
        final FabricTopology topology,
        final int device,
        final DeviceConfig config,
        final List<FabricPacket> packets,
        final long fateTimeoutNs)
    {
        return runLinux(topology, only(topology, device, config), packets, fateTimeoutNs);
    }

    private static Outcome runLinux(
        final FabricTopology topology,
        final DeviceConfig[] configs,
        final List<FabricPacket> packets,
        final long fateTimeoutNs)
    {
        final Outcome outcome = new Outcome();
        final LinuxFabric fabric = LinuxFabric.start(topology, 1.0, outcome, fateTimeoutNs);
        try
        {
            for (int device = 0; device < configs.length; device++)
            {
                fabric.applyConfig(device, configs[device]);
            }
            for (final FabricPacket packet : packets)
            {
                fabric.inject(packet, sourceDevice(packet), 0, 0);
                fabric.advanceTo(0);
            }
            while (fabric.inFlightCount() > 0)
            {
                fabric.advanceTo(0);
                LockSupport.parkNanos(10 * MS);
            }
            readDrops(fabric, outcome);
        }
        finally
        {
            fabric.close();
        }
        assertThat(NetworkNamespace.listWithPrefix(fabric.names().edgeNamespace())).isEmpty();
        assertThat(NetworkNamespace.listWithPrefix(fabric.names().deviceNamespace(0))).isEmpty();
        return outcome;
    }

    private static DeviceConfig[] only(final FabricTopology topology, final int device, final DeviceConfig config)
    {
        final DeviceConfig[] configs = new DeviceConfig[topology.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        configs[device] = config;
        return configs;
    }

    private static void readDrops(final ShadowFabric fabric, final Outcome outcome)
    {
        for (final DropReason reason : DropReason.values())
        {
            outcome.drops[reason.ordinal()] = fabric.dropCount(reason);
        }
    }

    private static int sourceDevice(final FabricPacket packet)
    {
        final int secondOctet = (packet.srcIp >>> 16) & 0xFF;
        return secondOctet - 1;
    }
}
