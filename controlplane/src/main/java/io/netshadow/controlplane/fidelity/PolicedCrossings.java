package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricPaths;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the live packets a shadow does not carry meet the shadow's policers: each such packet is traced through the
 * whole network's routing with the change in place ({@link FabricPaths}), and every device of the shadow it is let in
 * by, through a port that carries an ingress policer in the shadow, is a crossing. The shadow feeds those packets to
 * the policers at their arrival times ({@link io.netshadow.dataplane.fabric.EmulatedFabric#injectBackground}), so
 * each policer meets the live aggregate on its port, as the appliance can from the mirrored traffic of the whole
 * network and the profile's routing. Packets of one flow with one length cross at the same places, so each is traced
 * once.
 */
final class PolicedCrossings
{
    /** One crossing: a policed port of the shadow, and the path's delay up to it. */
    record Crossing(int shadowDevice, int shadowPort, long arrivalOffsetNs)
    {
    }

    private record FlowKey(
        int origin, int srcIp, int dstIp, int protocol, int srcPort, int dstPort, int dscp, int lengthBytes)
    {
    }

    private final FabricPaths whole;
    private final int[] shadowDeviceOfWhole;
    private final int[][] policedShadowPortOfWhole;
    private final Map<FlowKey, List<Crossing>> crossingsOfFlow = new HashMap<>();
    private final boolean anyPolicer;

    /**
     * Crossings for one shadow and one change.
     *
     * @param wholeTopology   the whole network, devices in profile order.
     * @param shadowTopology  the shadow.
     * @param deviceOfProfile for each profile device index, its index in the shadow, or -1.
     * @param configs         the change's configurations by device name, as the shadow runs them.
     */
    PolicedCrossings(
        final FabricTopology wholeTopology,
        final FabricTopology shadowTopology,
        final int[] deviceOfProfile,
        final Map<String, DeviceConfig> configs)
    {
        this.shadowDeviceOfWhole = deviceOfProfile;
        this.policedShadowPortOfWhole = new int[wholeTopology.devices().size()][];
        boolean policed = false;
        for (int device = 0; device < policedShadowPortOfWhole.length; device++)
        {
            final List<String> ports = wholeTopology.devices().get(device).ports();
            policedShadowPortOfWhole[device] = new int[ports.size()];
            Arrays.fill(policedShadowPortOfWhole[device], -1);
            final int shadowDevice = deviceOfProfile[device];
            final DeviceConfig config = shadowDevice < 0 ? null :
                configs.get(wholeTopology.devices().get(device).name());
            if (null == config)
            {
                continue;
            }
            for (int port = 0; port < ports.size(); port++)
            {
                final int shadowPort = shadowTopology.portIndex(shadowDevice, ports.get(port));
                if (shadowPort >= 0 && config.ingressPolicers().containsKey(ports.get(port)))
                {
                    policedShadowPortOfWhole[device][port] = shadowPort;
                    policed = true;
                }
            }
        }
        this.anyPolicer = policed;
        final Map<Integer, DeviceConfig> byIndex = new HashMap<>();
        configs.forEach((name, config) -> byIndex.put(wholeTopology.deviceIndex(name), config));
        this.whole = policed ? new FabricPaths(wholeTopology, byIndex) : null;
    }

    /**
     * Whether the shadow runs any policer a live packet could meet.
     *
     * @return false when no packet has crossings.
     */
    boolean any()
    {
        return anyPolicer;
    }

    /**
     * The policed shadow ports a packet's live path enters, in path order.
     *
     * @param packet the packet, filled from the recorded traffic.
     * @param origin the whole-network device whose host port it enters.
     * @return the crossings, empty for most packets.
     */
    List<Crossing> of(final FabricPacket packet, final int origin)
    {
        if (!anyPolicer)
        {
            return List.of();
        }
        final FlowKey key = new FlowKey(origin, packet.srcIp, packet.dstIp, packet.protocol, packet.srcPort,
            packet.dstPort, packet.dscp, packet.lengthBytes);
        return crossingsOfFlow.computeIfAbsent(key, ignored ->
        {
            final List<Crossing> crossings = new ArrayList<>(0);
            whole.trace(packet, origin, (device, port, offsetNs) ->
            {
                final int shadowPort = policedShadowPortOfWhole[device][port];
                if (shadowPort >= 0)
                {
                    crossings.add(new Crossing(shadowDeviceOfWhole[device], shadowPort, offsetNs));
                }
            });
            return crossings.isEmpty() ? List.of() : List.copyOf(crossings);
        });
    }
}
