package io.netshadow.controlplane.fidelity;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.PortTap;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PolicerFeed;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of recorded traffic through an {@link EmulatedFabric} in virtual time: the whole network or a shadow,
 * with or without a change. Every packet whose sending and receiving devices are both in the fabric is injected at
 * its recorded time through its sender's host port; the fates of the packets sent inside the measurement window
 * are counted per stratum, with the latency of each delivered one.
 */
final class NetworkRun implements FateListener, PortTap
{
    private static final long DRAIN_NS = 5_000_000_000L;
    private static final long SIGNATURE_PRIME = 1_000_003L;
    private static final int PORT_BITS = 16;

    private final RecordedTraffic traffic;
    private final int[] stratumOfPacket;
    private final long windowStartNs;
    private final long windowEndNs;
    private final FabricTopology topology;
    private final long[] sent;
    private final long[] delivered;
    private final long[] lost;
    private final Map<String, Long> ingressBytes = new HashMap<>();
    private long outsideFabric;
    private long[] latencyNs = new long[1 << 16];
    private int[] latencyStratum = new int[1 << 16];
    private int[] latencyPacket = new int[1 << 16];
    private int latencyCount;
    private int[] classOfDevice;
    private boolean[] highDevice;
    private boolean[] touchedDevice;
    private long[] pathSignature;
    private long[] highPathSignature;
    private long[] exposureSignature;
    private long[] ingressSignature;
    private long[] egressSignature;
    private boolean[] afterTouched;

    private NetworkRun(
        final FabricTopology topology,
        final RecordedTraffic traffic,
        final int[] stratumOfPacket,
        final int strata,
        final long windowStartNs,
        final long windowEndNs)
    {
        this.topology = topology;
        this.traffic = traffic;
        this.stratumOfPacket = stratumOfPacket;
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
        this.sent = new long[strata];
        this.delivered = new long[strata];
        this.lost = new long[strata];
    }

    /**
     * Runs the traffic through a fabric.
     *
     * @param topology        the fabric's devices and links.
     * @param deviceOfProfile for each profile device index, its index in the fabric, or -1 when it is not in it.
     * @param configs         configurations by fabric device index; the others run the empty configuration.
     * @param traffic         the recorded traffic.
     * @param stratumOfPacket each packet's stratum.
     * @param strata          how many strata there are.
     * @param windowStartNs   first send time counted.
     * @param windowEndNs     send time after the last counted; no packet is sent after it.
     * @param tapPorts        whether to count the bytes entering each port within the window.
     * @param live            the whole network, through whose routing the packets the fabric does not carry are fed
     *                        to its policers as background ({@link PolicerFeed}), or null to feed none.
     * @return what became of the packets.
     */
    static RunResult run(
        final FabricTopology topology,
        final int[] deviceOfProfile,
        final Map<Integer, DeviceConfig> configs,
        final RecordedTraffic traffic,
        final int[] stratumOfPacket,
        final int strata,
        final long windowStartNs,
        final long windowEndNs,
        final boolean tapPorts,
        final FabricTopology live)
    {
        final NetworkRun run = new NetworkRun(topology, traffic, stratumOfPacket, strata, windowStartNs, windowEndNs);
        run.drive(deviceOfProfile, configs, tapPorts, live);
        return new RunResult(run.sent, run.delivered, run.lost, run.outsideFabric,
            Arrays.copyOf(run.latencyNs, run.latencyCount), Arrays.copyOf(run.latencyStratum, run.latencyCount),
            Arrays.copyOf(run.latencyPacket, run.latencyCount),
            Map.copyOf(run.ingressBytes));
    }

    /**
     * The path each packet sent in the window takes through the whole network with no change, as two signatures:
     * one of the classes of every device it enters, in order, and one of the high-criticality devices only, so
     * packets of the same signature cross the same kinds of device; and the exposure to changes: for every touched
     * device entered, its class with the port the packet entered it by and the link it left it by, with the port
     * alone, and with the link alone.
     *
     * @param topology      the whole network's topology, devices in profile order.
     * @param traffic       the recorded traffic.
     * @param classOfDevice each device's class.
     * @param highDevice    whether each device has high criticality.
     * @param touchedDevice whether each device is one a change touches.
     * @param windowStartNs first send time counted.
     * @param windowEndNs   send time after the last counted.
     * @return the signatures of every packet, 0 for packets outside the window.
     */
    static PathSignatures pathSignatures(
        final FabricTopology topology,
        final RecordedTraffic traffic,
        final int[] classOfDevice,
        final boolean[] highDevice,
        final boolean[] touchedDevice,
        final long windowStartNs,
        final long windowEndNs)
    {
        final int[] everyDevice = new int[topology.devices().size()];
        Arrays.setAll(everyDevice, i -> i);
        final NetworkRun run =
            new NetworkRun(topology, traffic, new int[traffic.count()], 1, windowStartNs, windowEndNs);
        run.classOfDevice = classOfDevice;
        run.highDevice = highDevice;
        run.touchedDevice = touchedDevice;
        run.pathSignature = new long[traffic.count()];
        run.highPathSignature = new long[traffic.count()];
        run.exposureSignature = new long[traffic.count()];
        run.ingressSignature = new long[traffic.count()];
        run.egressSignature = new long[traffic.count()];
        run.afterTouched = new boolean[traffic.count()];
        run.drive(everyDevice, Map.of(), true, null);
        return new PathSignatures(run.pathSignature, run.highPathSignature, run.exposureSignature,
            run.ingressSignature, run.egressSignature, Map.copyOf(run.ingressBytes));
    }

    /**
     * The signatures of every packet's path.
     *
     * @param everyDevice  the classes of every device entered.
     * @param highDevices  the high-criticality devices entered.
     * @param exposure     the touched devices entered, each with the port the packet entered it by and the link
     *                     it left by.
     * @param ingress      the touched devices entered, each with the port the packet entered it by.
     * @param egress       the touched devices entered, each with the link the packet left it by.
     * @param ingressBytes bytes that entered each port ({@code device:port}) in the window.
     */
    record PathSignatures(
        long[] everyDevice,
        long[] highDevices,
        long[] exposure,
        long[] ingress,
        long[] egress,
        Map<String, Long> ingressBytes)
    {
    }

    private void drive(
        final int[] deviceOfProfile,
        final Map<Integer, DeviceConfig> configs,
        final boolean tapPorts,
        final FabricTopology live)
    {
        try (EmulatedFabric fabric = new EmulatedFabric(
            topology, 1.0, this, tapPorts ? this : null, EmulatedFabric.DEFAULT_EVENT_CAPACITY, true))
        {
            configs.forEach(fabric::applyConfig);
            final PolicerFeed feed = null == live ? null :
                new PolicerFeed(live, fabric, new DataPlaneCounters().counter(DataPlane.POLICER_BACKGROUND));
            final FabricPacket packet = new FabricPacket();
            for (int i = 0; i < traffic.count() && traffic.timeNs(i) < windowEndNs; i++)
            {
                final int origin = deviceOfProfile[traffic.origin(i)];
                final long timeNs = traffic.timeNs(i);
                if (origin < 0 || deviceOfProfile[traffic.destination(i)] < 0)
                {
                    if (null != feed)
                    {
                        fabric.advanceTo(timeNs);
                        traffic.fill(i, packet);
                        feed.onLivePacket(packet, traffic.origin(i), timeNs);
                    }
                    continue;
                }
                fabric.advanceTo(timeNs);
                traffic.fill(i, packet);
                if (timeNs >= windowStartNs)
                {
                    sent[stratumOfPacket[i]]++;
                }
                fabric.inject(packet, origin, 0, timeNs);
            }
            fabric.advanceTo(windowEndNs + DRAIN_NS);
        }
    }

    @Override
    public void onDelivered(
        final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
    {
        if (!counted(packet.token))
        {
            return;
        }
        final int stratum = stratumOfPacket[packet.token];
        delivered[stratum]++;
        if (latencyCount == latencyNs.length)
        {
            latencyNs = Arrays.copyOf(latencyNs, 2 * latencyCount);
            latencyStratum = Arrays.copyOf(latencyStratum, 2 * latencyCount);
            latencyPacket = Arrays.copyOf(latencyPacket, 2 * latencyCount);
        }
        latencyNs[latencyCount] = deliveredAtNs - injectedAtNs;
        latencyStratum[latencyCount] = stratum;
        latencyPacket[latencyCount] = packet.token;
        latencyCount++;
    }

    @Override
    public void onDropped(
        final FabricPacket packet,
        final int deviceIndex,
        final DropReason reason,
        final long injectedAtNs,
        final long droppedAtNs)
    {
        if (!counted(packet.token))
        {
            return;
        }
        if (DropReason.OUTSIDE_FABRIC == reason)
        {
            outsideFabric++;
        }
        else
        {
            lost[stratumOfPacket[packet.token]]++;
        }
    }

    @Override
    public void onPort(
        final FabricPacket packet, final int deviceIndex, final int portIndex, final boolean ingress, final long timeNs)
    {
        if (ingress && counted(packet.token))
        {
            if (null != pathSignature)
            {
                sign(packet.token, deviceIndex, portIndex);
            }
            final FabricTopology.Device device = topology.devices().get(deviceIndex);
            ingressBytes.merge(device.name() + ":" + device.ports().get(portIndex), (long)packet.lengthBytes,
                Long::sum);
        }
    }

    /**
     * Adds the device a packet entered, by a port, to its path's signatures. On a device a change touches, the port
     * it entered by and the link it leaves by (known when it enters the next device) are part of the path: a policer
     * or an ACL sits on one port, and what it does to packets entering by another says nothing of them.
     */
    private void sign(final int token, final int deviceIndex, final int portIndex)
    {
        final long step = classOfDevice[deviceIndex] + 1;
        pathSignature[token] = pathSignature[token] * SIGNATURE_PRIME + step;
        if (highDevice[deviceIndex])
        {
            highPathSignature[token] = highPathSignature[token] * SIGNATURE_PRIME + step;
        }
        if (afterTouched[token])
        {
            final long link = ((long)deviceIndex << PORT_BITS) + portIndex + 1;
            exposureSignature[token] = exposureSignature[token] * SIGNATURE_PRIME + link;
            egressSignature[token] = egressSignature[token] * SIGNATURE_PRIME + link;
        }
        afterTouched[token] = touchedDevice[deviceIndex];
        if (afterTouched[token])
        {
            egressSignature[token] = egressSignature[token] * SIGNATURE_PRIME + step;
            exposureSignature[token] =
                (exposureSignature[token] * SIGNATURE_PRIME + portIndex + 1) * SIGNATURE_PRIME + step;
            ingressSignature[token] =
                (ingressSignature[token] * SIGNATURE_PRIME + portIndex + 1) * SIGNATURE_PRIME + step;
        }
    }

    private boolean counted(final int token)
    {
        final long sentNs = traffic.timeNs(token);
        return sentNs >= windowStartNs && sentNs < windowEndNs;
    }
}
