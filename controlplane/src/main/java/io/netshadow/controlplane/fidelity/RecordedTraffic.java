package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.lab.TrafficGenerator;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The lab's traffic over a stretch of virtual time, generated once by {@link TrafficGenerator} and kept in
 * primitive arrays, so the whole network and every shadow replay exactly the same packets. Each packet knows the
 * profile devices that send and receive it.
 */
final class RecordedTraffic
{
    private static final int INITIAL_CAPACITY = 1 << 16;

    private int count;
    private long[] timeNs = new long[INITIAL_CAPACITY];
    private int[] origin = new int[INITIAL_CAPACITY];
    private int[] destination = new int[INITIAL_CAPACITY];
    private int[] srcIp = new int[INITIAL_CAPACITY];
    private int[] dstIp = new int[INITIAL_CAPACITY];
    private int[] protocol = new int[INITIAL_CAPACITY];
    private int[] srcPort = new int[INITIAL_CAPACITY];
    private int[] dstPort = new int[INITIAL_CAPACITY];
    private int[] lengthBytes = new int[INITIAL_CAPACITY];
    private int[] dscp = new int[INITIAL_CAPACITY];
    private int[] ipId = new int[INITIAL_CAPACITY];
    private int[] seq = new int[INITIAL_CAPACITY];
    private long[] flowHash = new long[INITIAL_CAPACITY];

    private RecordedTraffic()
    {
    }

    /**
     * Generates the traffic of a profile: flows between the hosts of every device with host subnets, in proportion
     * to the devices' traffic weights, as the lab network does.
     *
     * @param profile        the network.
     * @param flowsPerSecond mean rate of new flows.
     * @param seed           the traffic seed.
     * @param durationNs     how long to generate, from time zero.
     * @return the packets in time order.
     */
    static RecordedTraffic generate(
        final NetworkProfile profile, final double flowsPerSecond, final long seed, final long durationNs)
    {
        final List<TrafficGenerator.Edge> edges = new ArrayList<>();
        final TreeMap<Long, Integer> ownerByAddress = new TreeMap<>();
        for (int device = 0; device < profile.devices().size(); device++)
        {
            final NetworkProfile.Device entry = profile.devices().get(device);
            for (final String subnet : entry.hostSubnets())
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
                edges.add(new TrafficGenerator.Edge(device, prefix.address(),
                    (int)Math.min(1 << 16, 1L << (32 - prefix.prefixLength())),
                    entry.trafficWeight() / entry.hostSubnets().size()));
                ownerByAddress.put(Integer.toUnsignedLong(prefix.address()), device);
            }
        }
        final RecordedTraffic traffic = new RecordedTraffic();
        final TrafficGenerator generator = new TrafficGenerator(edges, flowsPerSecond, seed, 0);
        generator.emitUntil(durationNs, (packet, device, time) ->
        {
            final long key = ownerByAddress.floorKey(Integer.toUnsignedLong(packet.dstIp));
            traffic.add(packet, device, ownerByAddress.get(key), time);
        });
        return traffic;
    }

    /**
     * How many packets were generated.
     *
     * @return the count.
     */
    int count()
    {
        return count;
    }

    long timeNs(final int packet)
    {
        return timeNs[packet];
    }

    int origin(final int packet)
    {
        return origin[packet];
    }

    int destination(final int packet)
    {
        return destination[packet];
    }

    /**
     * The service a packet belongs to: its protocol and destination port, which tell the lab's traffic classes
     * apart as a header classifier would.
     *
     * @param packet the packet.
     * @return protocol and destination port in one number.
     */
    int service(final int packet)
    {
        return protocol[packet] << 16 | dstPort[packet];
    }

    /**
     * Fills a fabric packet with a recorded one, its index as the token.
     *
     * @param index  the packet.
     * @param packet the holder to fill.
     */
    void fill(final int index, final FabricPacket packet)
    {
        packet.srcIp = srcIp[index];
        packet.dstIp = dstIp[index];
        packet.protocol = protocol[index];
        packet.srcPort = srcPort[index];
        packet.dstPort = dstPort[index];
        packet.lengthBytes = lengthBytes[index];
        packet.dscp = dscp[index];
        packet.ttl = 64;
        packet.ipId = ipId[index];
        packet.seq = seq[index];
        packet.flowHash = flowHash[index];
        packet.token = index;
    }

    private void add(final FabricPacket packet, final int originDevice, final int destinationDevice, final long time)
    {
        if (count == timeNs.length)
        {
            grow();
        }
        timeNs[count] = time;
        origin[count] = originDevice;
        destination[count] = destinationDevice;
        srcIp[count] = packet.srcIp;
        dstIp[count] = packet.dstIp;
        protocol[count] = packet.protocol;
        srcPort[count] = packet.srcPort;
        dstPort[count] = packet.dstPort;
        lengthBytes[count] = packet.lengthBytes;
        dscp[count] = packet.dscp;
        ipId[count] = packet.ipId;
        seq[count] = packet.seq;
        flowHash[count] = packet.flowHash;
        count++;
    }

    private void grow()
    {
        final int capacity = 2 * timeNs.length;
        timeNs = Arrays.copyOf(timeNs, capacity);
        origin = Arrays.copyOf(origin, capacity);
        destination = Arrays.copyOf(destination, capacity);
        srcIp = Arrays.copyOf(srcIp, capacity);
        dstIp = Arrays.copyOf(dstIp, capacity);
        protocol = Arrays.copyOf(protocol, capacity);
        srcPort = Arrays.copyOf(srcPort, capacity);
        dstPort = Arrays.copyOf(dstPort, capacity);
        lengthBytes = Arrays.copyOf(lengthBytes, capacity);
        dscp = Arrays.copyOf(dscp, capacity);
        ipId = Arrays.copyOf(ipId, capacity);
        seq = Arrays.copyOf(seq, capacity);
        flowHash = Arrays.copyOf(flowHash, capacity);
    }
}
