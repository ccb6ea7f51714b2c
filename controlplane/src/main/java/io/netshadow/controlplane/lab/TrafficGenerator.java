package io.netshadow.controlplane.lab;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.FlowHash;

import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates the lab's traffic: flows of several classes (web, bulk, voice, DNS) between the hosts behind the
 * network's edge devices, arriving as a Poisson process, each sending packets at its class's rate. Origins and
 * destinations are drawn in proportion to their devices' traffic weights. Each packet carries its flow's keyed
 * 5-tuple hash (keyed by the seed), so equal-cost paths spread flows while each flow keeps one path. Deterministic
 * for a seed.
 */
public final class TrafficGenerator
{
    /** Receives each generated packet, in non-decreasing time order. */
    @FunctionalInterface
    public interface PacketConsumer
    {
        /**
         * A packet leaves a host towards its device.
         *
         * @param packet      the packet, valid only during the call.
         * @param deviceIndex the device whose hosts sent it.
         * @param timeNs      send time, ns since the epoch.
         */
        void onPacket(FabricPacket packet, int deviceIndex, long timeNs);
    }

    /**
     * An edge of the network with hosts behind it.
     *
     * @param deviceIndex  the device in the fabric.
     * @param subnetBase   the first address of its host subnet.
     * @param subnetSize   how many addresses the subnet holds.
     * @param weight       its share of the traffic, relative to the other edges.
     */
    public record Edge(int deviceIndex, int subnetBase, int subnetSize, double weight)
    {
    }

    private static final long FLOW_HASH_KEY_MIX = 0x6c61_625f_666c_6f77L;

    private final List<Edge> edges;
    private final double[] cumulativeWeight;
    private final SplittableRandom random;
    private final double flowsPerSecond;
    private final PriorityQueue<Flow> active = new PriorityQueue<>((a, b) -> Long.compare(a.nextSendNs, b.nextSendNs));
    private final FabricPacket packet = new FabricPacket();
    private final FlowHash flowHash;
    private long nextFlowNs;
    private long flowsStarted;
    private long packetsSent;

    /**
     * Creates a generator.
     *
     * @param edges          the edges with hosts; at least two.
     * @param flowsPerSecond mean rate of new flows.
     * @param seed           seed of every random draw.
     * @param startNs        time of the first flow, ns since the epoch.
     */
    public TrafficGenerator(final List<Edge> edges, final double flowsPerSecond, final long seed, final long startNs)
    {
        if (edges.size() < 2)
        {
            throw new IllegalArgumentException("the lab needs at least two devices with host subnets");
        }
        this.edges = List.copyOf(edges);
        this.cumulativeWeight = new double[edges.size()];
        double sum = 0;
        for (int i = 0; i < edges.size(); i++)
        {
            sum += edges.get(i).weight();
            cumulativeWeight[i] = sum;
        }
        this.random = new SplittableRandom(seed);
        this.flowHash = new FlowHash(seed, Long.reverse(seed) ^ FLOW_HASH_KEY_MIX);
        this.flowsPerSecond = flowsPerSecond;
        this.nextFlowNs = startNs;
    }

    /**
     * The mean packet rate this generator produces once its flows are in full swing.
     *
     * @param flowsPerSecond mean rate of new flows.
     * @return mean packets per second.
     */
    public static double meanPacketsPerSecond(final double flowsPerSecond)
    {
        double packetsPerFlow = 0;
        for (final TrafficClass trafficClass : TrafficClass.values())
        {
            packetsPerFlow += trafficClass.share * trafficClass.meanPackets();
        }
        return flowsPerSecond * packetsPerFlow;
    }

    /**
     * Emits every packet due up to the given time, in time order.
     *
     * @param nowNs    time to generate up to, ns since the epoch.
     * @param consumer receives the packets.
     * @return the number of packets emitted.
     */
    public int emitUntil(final long nowNs, final PacketConsumer consumer)
    {
        int emitted = 0;
        while (true)
        {
            final Flow next = active.peek();
            final long flowDueNs = null == next ? Long.MAX_VALUE : next.nextSendNs;
            if (nextFlowNs <= nowNs && nextFlowNs <= flowDueNs)
            {
                startFlow(nextFlowNs);
                nextFlowNs += (long)(-Math.log(1.0 - random.nextDouble()) / flowsPerSecond * 1e9);
                continue;
            }
            if (flowDueNs > nowNs)
            {
                return emitted;
            }
            active.poll();
            next.emit(packet);
            consumer.onPacket(packet, next.originDevice, next.nextSendNs);
            emitted++;
            packetsSent++;
            if (--next.remaining > 0)
            {
                next.nextSendNs += next.intervalNs;
                active.add(next);
            }
        }
    }

    /**
     * Flows started so far.
     *
     * @return the count.
     */
    public long flowsStarted()
    {
        return flowsStarted;
    }

    /**
     * Packets emitted so far.
     *
     * @return the count.
     */
    public long packetsSent()
    {
        return packetsSent;
    }

    private void startFlow(final long startNs)
    {
        final int origin = pickEdge(-1);
        final int destination = pickEdge(origin);
        final TrafficClass trafficClass = pickClass();
        final Edge from = edges.get(origin);
        final Edge to = edges.get(destination);

        final Flow flow = new Flow();
        flow.originDevice = from.deviceIndex();
        flow.srcIp = from.subnetBase() + 1 + random.nextInt(Math.max(1, from.subnetSize() - 2));
        flow.dstIp = to.subnetBase() + 1 + random.nextInt(Math.max(1, to.subnetSize() - 2));
        flow.protocol = trafficClass.protocol;
        flow.srcPort = 1024 + random.nextInt(64_000);
        flow.dstPort = trafficClass.dstPort;
        flow.lengthBytes = trafficClass.lengthBytes;
        flow.dscp = trafficClass.dscp;
        flow.intervalNs = 1_000_000_000L / trafficClass.packetsPerSecond;
        flow.remaining = trafficClass.minPackets + random.nextInt(trafficClass.maxPackets - trafficClass.minPackets + 1);
        flow.seq = random.nextInt();
        flow.ipId = random.nextInt(65_536);
        flow.nextSendNs = startNs;
        flow.hash = flowHash.hash(flow.srcIp, flow.dstIp, flow.srcPort, flow.dstPort, flow.protocol);
        active.add(flow);
        flowsStarted++;
    }

    private int pickEdge(final int exclude)
    {
        while (true)
        {
            final double draw = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
            int index = 0;
            while (cumulativeWeight[index] < draw)
            {
                index++;
            }
            if (index != exclude)
            {
                return index;
            }
        }
    }

    private TrafficClass pickClass()
    {
        double draw = random.nextDouble();
        for (final TrafficClass trafficClass : TrafficClass.values())
        {
            draw -= trafficClass.share;
            if (draw < 0)
            {
                return trafficClass;
            }
        }
        return TrafficClass.WEB;
    }

    private static final class Flow
    {
        int originDevice;
        int srcIp;
        int dstIp;
        int protocol;
        int srcPort;
        int dstPort;
        int lengthBytes;
        int dscp;
        int seq;
        int ipId;
        int remaining;
        long intervalNs;
        long nextSendNs;
        long hash;

        void emit(final FabricPacket packet)
        {
            packet.srcIp = srcIp;
            packet.dstIp = dstIp;
            packet.protocol = protocol;
            packet.srcPort = srcPort;
            packet.dstPort = dstPort;
            packet.lengthBytes = lengthBytes;
            packet.dscp = dscp;
            packet.ttl = 64;
            packet.ipId = ipId;
            packet.seq = seq;
            packet.flowHash = hash;
            ipId = (ipId + 1) & 0xFFFF;
            seq += 6 == protocol ? lengthBytes - 40 : 1;
        }
    }
}
