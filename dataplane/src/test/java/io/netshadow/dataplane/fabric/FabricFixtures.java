package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Ipv4Prefix;

import java.util.ArrayList;
import java.util.List;

/**
 * Topologies, packets and recording listeners shared by the fabric tests and the tests that drive a fabric.
 */
public final class FabricFixtures
{
    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int HOSTS = 0;
    static final int ETH1 = 1;
    static final int ETH2 = 2;
    static final long GBPS = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    private FabricFixtures()
    {
    }

    /**
     * A, B and C (hosts 10.1/16, 10.2/16, 10.3/16) in a triangle of 1 Gbit/s, 1 ms links: A:eth1-B:eth1,
     * A:eth2-C:eth1, C:eth2-B:eth2.
     */
    static FabricTopology triangle()
    {
        return FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b", "eth1", GBPS, MS, 100_000)
            .link("a", "eth2", "c", "eth1", GBPS, MS, 100_000)
            .link("c", "eth2", "b", "eth2", GBPS, MS, 100_000)
            .build();
    }

    /**
     * A and B joined by one link of the given capacity and queue, 1 ms latency.
     */
    static FabricTopology pair(final long capacityBps, final long queueBytes)
    {
        return FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .link("a", "eth1", "b", "eth1", capacityBps, MS, queueBytes)
            .build();
    }

    static FabricPacket packet(final String src, final String dst, final int lengthBytes)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress(src);
        packet.dstIp = Ipv4Prefix.parseAddress(dst);
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 53;
        packet.lengthBytes = lengthBytes;
        packet.ttl = 64;
        return packet;
    }

    /**
     * What happened to one packet.
     *
     * @param delivered   true when delivered, false when dropped.
     * @param deviceIndex where.
     * @param reason      why it was dropped, null when delivered.
     * @param injectedAtNs when it was injected.
     * @param atNs        when it was delivered or dropped.
     * @param srcIp       its source address.
     * @param ttl         its TTL at the end.
     */
    record Fate(boolean delivered, int deviceIndex, DropReason reason, long injectedAtNs, long atNs, int srcIp, int ttl)
    {
    }

    /**
     * Records every fate in order.
     */
    static final class Recorder implements FateListener
    {
        final List<Fate> fates = new ArrayList<>();

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            fates.add(new Fate(true, deviceIndex, null, injectedAtNs, deliveredAtNs, packet.srcIp, packet.ttl));
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
            fates.add(new Fate(false, deviceIndex, reason, injectedAtNs, droppedAtNs, packet.srcIp, packet.ttl));
        }

        Fate only()
        {
            if (1 != fates.size())
            {
                throw new AssertionError("expected one fate, got " + fates);
            }
            return fates.getFirst();
        }

        Fate last()
        {
            return fates.getLast();
        }

        long deliveredCount()
        {
            return fates.stream().filter(Fate::delivered).count();
        }
    }

    /**
     * Counts fates without allocating.
     */
    public static final class Counter implements FateListener, PortTap
    {
        /** Packets delivered. */
        public long delivered;
        /** Packets dropped. */
        public long dropped;
        /** Port crossings seen. */
        public long crossings;

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            delivered++;
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
            dropped++;
        }

        @Override
        public void onPort(
            final FabricPacket packet,
            final int deviceIndex,
            final int portIndex,
            final boolean ingress,
            final long timeNs)
        {
            crossings++;
        }
    }
}
