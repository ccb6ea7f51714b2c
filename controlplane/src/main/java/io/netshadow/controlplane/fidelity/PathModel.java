package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricPaths;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the profile's routing says of each packet: the delay its path adds through a network with a configuration
 * when every queue is empty (propagation and serialization, {@link FabricPaths}), or that the path drops it. Packets
 * of one flow with one length take one path, so each is traced once.
 */
final class PathModel
{
    /** A packet the path drops (ACL, no route, MTU, interface down, TTL). */
    static final long DROPPED = -1;
    /** A packet sent outside the window, or whose sending or receiving device the network does not hold. */
    static final long NOT_CARRIED = -2;

    private PathModel()
    {
    }

    private record FlowKey(
        int origin, int srcIp, int dstIp, int protocol, int srcPort, int dstPort, int dscp, int lengthBytes)
    {
    }

    /**
     * The delay of every packet's path.
     *
     * @param topology        the network's devices and links.
     * @param deviceOfProfile for each profile device index, its index in the network, or -1 when it is not in it.
     * @param configs         configurations by network device index; the others run the empty configuration.
     * @param traffic         the recorded traffic.
     * @param windowStartNs   first send time counted.
     * @param windowEndNs     send time after the last counted.
     * @return per packet, the delay in nanoseconds, {@link #DROPPED} or {@link #NOT_CARRIED}.
     */
    static long[] delaysNs(
        final FabricTopology topology,
        final int[] deviceOfProfile,
        final Map<Integer, DeviceConfig> configs,
        final RecordedTraffic traffic,
        final long windowStartNs,
        final long windowEndNs)
    {
        final FabricPaths paths = new FabricPaths(topology, configs);
        final Map<FlowKey, Long> delayOfFlow = new HashMap<>();
        final long[] delaysNs = new long[traffic.count()];
        Arrays.fill(delaysNs, NOT_CARRIED);
        final FabricPacket packet = new FabricPacket();
        for (int i = 0; i < traffic.count() && traffic.timeNs(i) < windowEndNs; i++)
        {
            final int origin = deviceOfProfile[traffic.origin(i)];
            if (traffic.timeNs(i) < windowStartNs || origin < 0 || deviceOfProfile[traffic.destination(i)] < 0)
            {
                continue;
            }
            traffic.fill(i, packet);
            final FlowKey key = new FlowKey(origin, packet.srcIp, packet.dstIp, packet.protocol, packet.srcPort,
                packet.dstPort, packet.dscp, packet.lengthBytes);
            delaysNs[i] = delayOfFlow.computeIfAbsent(key, ignored ->
            {
                final FabricPaths.Trace trace = paths.trace(packet, origin);
                return trace.delivered() ? trace.delayNs() : DROPPED;
            });
        }
        return delaysNs;
    }
}
