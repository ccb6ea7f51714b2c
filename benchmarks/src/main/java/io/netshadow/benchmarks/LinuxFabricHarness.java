package io.netshadow.benchmarks;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.config.ShadowConfig;
import io.netshadow.controlplane.fabric.LinuxFabric;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What the Linux fabric costs and how closely it follows the emulated one. Needs root.
 * <ol>
 *     <li>The example profile's shadow (the planner's default budget): the time to start the Linux fabric, to
 *     apply one device's configuration (an ACL of 10 entries on one port, then back to empty; the median of 10),
 *     to read its drop counters and to close it, each against the emulated fabric's time for the same step.</li>
 *     <li>A policer's delivered packets on both fabrics, for policers of 1, 4 and 16 Mbit/s (burst 20 kB) fed
 *     1000-byte packets at four times their rate for 1.5 s (a link shaped at that rate paces them).</li>
 * </ol>
 * Usage: {@code LinuxFabricHarness}.
 */
public final class LinuxFabricHarness
{
    private static final int APPLY_REPEATS = 10;
    private static final int ACL_ENTRIES = 10;
    private static final int LENGTH_BYTES = 1000;
    private static final double SEND_SECONDS = 1.5;
    private static final long NS_PER_MS = 1_000_000L;
    private static final FateListener COUNTER = new FateListener()
    {
        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
        }

        @Override
        public void onDropped(
            final FabricPacket packet, final int deviceIndex, final DropReason reason, final long injectedAtNs,
            final long droppedAtNs)
        {
        }
    };

    private LinuxFabricHarness()
    {
    }

    /**
     * Measures and prints both parts.
     *
     * @param args none.
     * @throws Exception when the profile cannot be planned.
     */
    public static void main(final String[] args) throws Exception
    {
        final ShadowPlan plan = new ShadowPlanner(EmbeddedDefaults.profile(null))
            .plan(ShadowConfig.DEFAULT.budget(), ShadowConfig.DEFAULT.seed());
        lifecycle(plan.topology());
        for (final long policerBps : List.of(1_000_000L, 4_000_000L, 16_000_000L))
        {
            policer(policerBps);
        }
    }

    private static void lifecycle(final FabricTopology topology)
    {
        final String port = topology.devices().get(0).ports().get(1);
        final DeviceConfig acl = aclOn(port);
        long startNs = System.nanoTime();
        final LinuxFabric linux = LinuxFabric.start(topology, 1.0, COUNTER);
        final long linuxStartNs = System.nanoTime() - startNs;
        startNs = System.nanoTime();
        final EmulatedFabric emulated = new EmulatedFabric(topology, 1.0, COUNTER, null);
        final long emulatedStartNs = System.nanoTime() - startNs;
        final long linuxApplyNs = medianApplyNs(linux::applyConfig, acl);
        final long emulatedApplyNs = medianApplyNs(emulated::applyConfig, acl);
        startNs = System.nanoTime();
        linux.dropCount(DropReason.ACL_DENY);
        final long linuxCountNs = System.nanoTime() - startNs;
        startNs = System.nanoTime();
        linux.close();
        final long linuxCloseNs = System.nanoTime() - startNs;
        emulated.close();
        System.out.printf("shadow devices=%d links=%d%n", topology.devices().size(), topology.links().size());
        System.out.printf("start        linux %8.1f ms  emulated %8.3f ms  ratio %8.0f%n",
            linuxStartNs / 1e6, emulatedStartNs / 1e6, (double)linuxStartNs / emulatedStartNs);
        System.out.printf("applyConfig  linux %8.1f ms  emulated %8.3f ms  ratio %8.0f (median of %d)%n",
            linuxApplyNs / 1e6, emulatedApplyNs / 1e6, (double)linuxApplyNs / emulatedApplyNs, 2 * APPLY_REPEATS);
        System.out.printf("dropCount    linux %8.1f ms%n", linuxCountNs / 1e6);
        System.out.printf("close        linux %8.1f ms%n", linuxCloseNs / 1e6);
    }

    private interface Applier
    {
        void apply(int deviceIndex, DeviceConfig config);
    }

    private static long medianApplyNs(final Applier applier, final DeviceConfig config)
    {
        final long[] timesNs = new long[2 * APPLY_REPEATS];
        for (int i = 0; i < APPLY_REPEATS; i++)
        {
            long startNs = System.nanoTime();
            applier.apply(0, config);
            timesNs[2 * i] = System.nanoTime() - startNs;
            startNs = System.nanoTime();
            applier.apply(0, DeviceConfig.empty());
            timesNs[2 * i + 1] = System.nanoTime() - startNs;
        }
        Arrays.sort(timesNs);
        return timesNs[APPLY_REPEATS];
    }

    private static DeviceConfig aclOn(final String port)
    {
        final List<AclEntry> entries = new ArrayList<>();
        for (int i = 0; i < ACL_ENTRIES; i++)
        {
            entries.add(new AclEntry("e" + i, Ipv4Prefix.parse("10.9." + i + ".0/24"), Ipv4Prefix.ANY, AclEntry.TCP,
                PortMatch.ANY, PortMatch.equalTo(1000 + i), AclAction.DROP));
        }
        return DeviceConfig.empty()
            .withAcl(new Acl("bench", entries))
            .withAclAttachment(AclAttachment.ingress(port, "bench"));
    }

    private static void policer(final long policerBps)
    {
        final long offeredBps = 4 * policerBps;
        final int packetCount = (int)(offeredBps * SEND_SECONDS / (8 * LENGTH_BYTES));
        final FabricTopology topology = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b", "eth1", offeredBps, NS_PER_MS, (long)packetCount * LENGTH_BYTES)
            .link("b", "eth2", "c", "eth1", 1_000_000_000L, NS_PER_MS, 4_000_000)
            .build();
        final DeviceConfig policed = DeviceConfig.empty().withIngressPolicer(new Policer("eth1", policerBps, 20_000));
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress("10.1.0.1");
        packet.dstIp = Ipv4Prefix.parseAddress("10.3.0.1");
        packet.protocol = AclEntry.UDP;
        packet.srcPort = 40_000;
        packet.dstPort = 9000;
        packet.lengthBytes = LENGTH_BYTES;
        packet.ttl = 64;

        final long emulatedDelivered;
        try (EmulatedFabric emulated = new EmulatedFabric(topology, 1.0, COUNTER, null))
        {
            emulated.applyConfig(1, policed);
            for (int i = 0; i < packetCount; i++)
            {
                packet.ipId = i & 0xFFFF;
                packet.seq = i;
                emulated.inject(packet, 0, 0, 0);
            }
            emulated.advanceTo(Long.MAX_VALUE);
            emulatedDelivered = emulated.deliveredCount();
        }
        final long linuxDelivered;
        try (LinuxFabric linux = LinuxFabric.start(topology, 1.0, COUNTER, 3_000_000_000L))
        {
            linux.applyConfig(1, policed);
            for (int i = 0; i < packetCount; i++)
            {
                packet.ipId = i & 0xFFFF;
                packet.seq = i;
                linux.inject(packet, 0, 0, 0);
                linux.advanceTo(0);
            }
            while (linux.inFlightCount() > 0)
            {
                linux.advanceTo(0);
                LockSupport.parkNanos(10 * NS_PER_MS);
            }
            linuxDelivered = linux.deliveredCount();
        }
        System.out.printf("policer %5.1f Mbit/s  offered %6d packets  delivered emulated %6d  linux %6d  " +
            "ratio %.4f  rate emulated %.3f Mbit/s  linux %.3f Mbit/s%n",
            policerBps / 1e6, packetCount, emulatedDelivered, linuxDelivered,
            (double)linuxDelivered / emulatedDelivered,
            8.0 * LENGTH_BYTES * emulatedDelivered / SEND_SECONDS / 1e6,
            8.0 * LENGTH_BYTES * linuxDelivered / SEND_SECONDS / 1e6);
    }
}
