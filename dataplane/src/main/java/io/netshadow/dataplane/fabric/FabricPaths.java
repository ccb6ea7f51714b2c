package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The path a packet takes through a fabric that carries nothing else, traced with the forwarding decisions of
 * {@link EmulatedFabric} compiled from the same configurations: interface state, ACLs, TTL, delivery to a host
 * subnet, the same route tables (static routes and routes computed by shortest path, equal-cost targets chosen by
 * flow hash) and MTU. Its delay is what the links add when every queue is empty: each link's propagation latency and
 * the packet's serialization at the link's capacity. Queues, policers and shapers are left out, since what they do
 * to a packet depends on the other traffic.
 */
public final class FabricPaths
{
    private final FabricTopology topology;
    private final CompiledFabric compiled;
    private final FabricTopology.Link[][] linkOfPort;

    /**
     * What became of a traced packet.
     *
     * @param delayNs    propagation and serialization over the links crossed, up to delivery or the drop.
     * @param dropReason why it was dropped, or null when it was delivered.
     * @param hops       links crossed.
     */
    public record Trace(long delayNs, DropReason dropReason, int hops)
    {
        /**
         * Whether the packet reached a host port.
         *
         * @return true when delivered.
         */
        public boolean delivered()
        {
            return null == dropReason;
        }
    }

    /**
     * Receives each device a traced packet enters and is let in by: its ingress interface is up and its ingress ACLs
     * permit the packet, so the port's ingress policer would meet it.
     */
    @FunctionalInterface
    public interface HopVisitor
    {
        /**
         * The packet entered a device.
         *
         * @param deviceIndex     the device.
         * @param portIndex       the port it entered through.
         * @param arrivalOffsetNs the path's delay up to that device.
         */
        void onHop(int deviceIndex, int portIndex, long arrivalOffsetNs);
    }

    /**
     * Compiles a fabric's forwarding for tracing.
     *
     * @param topology the devices and links.
     * @param configs  configurations by device index; the other devices run the empty configuration.
     * @throws IllegalArgumentException when a device index does not exist or a host subnet is not a CIDR prefix.
     */
    public FabricPaths(final FabricTopology topology, final Map<Integer, DeviceConfig> configs)
    {
        this.topology = Objects.requireNonNull(topology, "topology");
        final DeviceConfig[] all = new DeviceConfig[topology.devices().size()];
        Arrays.fill(all, DeviceConfig.empty());
        configs.forEach((device, config) ->
        {
            if (device < 0 || device >= all.length)
            {
                throw new IllegalArgumentException("no device " + device);
            }
            all[device] = Objects.requireNonNull(config, "config");
        });
        this.compiled = CompiledFabric.compile(topology, all, 1.0, false, new AclHitCounters());
        this.linkOfPort = new FabricTopology.Link[all.length][];
        for (int device = 0; device < all.length; device++)
        {
            linkOfPort[device] = new FabricTopology.Link[topology.devices().get(device).ports().size()];
        }
        for (final FabricTopology.Link link : topology.links())
        {
            linkOfPort[link.deviceA()][link.portA()] = link;
            linkOfPort[link.deviceB()][link.portB()] = link;
        }
    }

    /**
     * Traces a packet from the host port of a device to its delivery or drop. The packet is not changed.
     *
     * @param packet      the packet, with its TTL.
     * @param deviceIndex the device whose host port it enters.
     * @return where it went.
     * @throws IllegalArgumentException when the device does not exist.
     */
    public Trace trace(final FabricPacket packet, final int deviceIndex)
    {
        return trace(packet, deviceIndex, (device, port, offsetNs) -> { });
    }

    /**
     * Traces a packet as {@link #trace(FabricPacket, int)} does, telling a visitor each device it is let in by.
     *
     * @param packet      the packet, with its TTL.
     * @param deviceIndex the device whose host port it enters.
     * @param visitor     receives each device the packet is let in by, in path order.
     * @return where it went.
     * @throws IllegalArgumentException when the device does not exist.
     */
    public Trace trace(final FabricPacket packet, final int deviceIndex, final HopVisitor visitor)
    {
        if (deviceIndex < 0 || deviceIndex >= linkOfPort.length)
        {
            throw new IllegalArgumentException("no device " + deviceIndex);
        }
        int device = deviceIndex;
        int port = 0;
        int ttl = packet.ttl;
        long delayNs = 0;
        int hops = 0;
        while (true)
        {
            final CompiledDevice at = compiled.device(device);
            if (!at.portEnabled(port))
            {
                return new Trace(delayNs, DropReason.INTERFACE_DOWN, hops);
            }
            if (!at.ingressAcl(port).permits(packet))
            {
                return new Trace(delayNs, DropReason.ACL_DENY, hops);
            }
            visitor.onHop(device, port, delayNs);
            if (--ttl <= 0)
            {
                return new Trace(delayNs, DropReason.TTL_EXPIRED, hops);
            }
            final int egress = at.isLocal(packet.dstIp) ? 0 : at.route(packet.dstIp, packet.flowHash);
            if (egress < 0)
            {
                return new Trace(delayNs,
                    RouteTable.OUTSIDE_FABRIC == egress ? DropReason.OUTSIDE_FABRIC : DropReason.NO_ROUTE, hops);
            }
            final DropReason refused = egressRefusal(at, egress, packet);
            if (null != refused)
            {
                return new Trace(delayNs, refused, hops);
            }
            if (0 == egress)
            {
                return new Trace(delayNs, null, hops);
            }
            final FabricTopology.Link link = linkOfPort[device][egress];
            delayNs += serializationNs(link.capacityBps(), packet.lengthBytes) + link.latencyNs();
            hops++;
            final boolean fromA = link.deviceA() == device && link.portA() == egress;
            device = fromA ? link.deviceB() : link.deviceA();
            port = fromA ? link.portB() : link.portA();
        }
    }

    /**
     * The fabric the paths are traced through.
     *
     * @return the topology.
     */
    public FabricTopology topology()
    {
        return topology;
    }

    private static DropReason egressRefusal(final CompiledDevice at, final int port, final FabricPacket packet)
    {
        if (!at.portEnabled(port))
        {
            return DropReason.INTERFACE_DOWN;
        }
        if (packet.lengthBytes > at.mtuBytes(port))
        {
            return DropReason.MTU_EXCEEDED;
        }
        return at.egressAcl(port).permits(packet) ? null : DropReason.ACL_DENY;
    }

    /**
     * A packet's time on the wire, rounded up, as {@link FabricLinks} counts it.
     */
    private static long serializationNs(final long capacityBps, final int lengthBytes)
    {
        final long bps = Math.max(1, capacityBps);
        return (lengthBytes * 8L * 1_000_000_000L + bps - 1) / bps;
    }
}
