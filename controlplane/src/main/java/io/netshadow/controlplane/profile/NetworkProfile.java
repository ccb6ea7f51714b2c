package io.netshadow.controlplane.profile;

import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.MirrorSession;

import java.util.List;
import java.util.Optional;

/**
 * The live network as the appliance knows it: its devices, the links between their ports and the mirror sessions
 * that copy its traffic to the appliance. Loaded and checked by {@link ProfileLoader}.
 *
 * @param devices        the devices in file order.
 * @param links          the links in file order.
 * @param mirrorSessions the mirror sessions in file order, ready for the ingest.
 */
public record NetworkProfile(List<Device> devices, List<Link> links, List<MirrorSession> mirrorSessions)
{
    /** How long a link's default queue takes to drain at its capacity. */
    public static final long DEFAULT_QUEUE_DRAIN_NS = 5_000_000L;

    /**
     * Copies the lists so the profile cannot change.
     *
     * @param devices        the devices.
     * @param links          the links.
     * @param mirrorSessions the mirror sessions.
     */
    public NetworkProfile
    {
        devices = List.copyOf(devices);
        links = List.copyOf(links);
        mirrorSessions = List.copyOf(mirrorSessions);
    }

    /**
     * A device of the network.
     *
     * @param name          unique name.
     * @param role          its role.
     * @param management    where its NETCONF server listens.
     * @param trafficWeight its relative share of the network's traffic, above zero.
     * @param criticality   how much harm a change to it can do.
     * @param hostSubnets   IPv4 prefixes of the hosts behind its {@code hosts} port, in CIDR notation.
     */
    public record Device(
        String name,
        DeviceRole role,
        ManagementAddress management,
        double trafficWeight,
        Criticality criticality,
        List<String> hostSubnets)
    {
        /**
         * Copies the subnet list.
         *
         * @param name          unique name.
         * @param role          its role.
         * @param management    where its NETCONF server listens.
         * @param trafficWeight its relative share of traffic.
         * @param criticality   how much harm a change to it can do.
         * @param hostSubnets   prefixes behind its host port.
         */
        public Device
        {
            hostSubnets = List.copyOf(hostSubnets);
        }
    }

    /**
     * One end of a link: a port on a device.
     *
     * @param device the device name.
     * @param port   the port name.
     */
    public record Endpoint(String device, String port)
    {
        /**
         * The endpoint as written in a profile.
         *
         * @return {@code device:port}.
         */
        @Override
        public String toString()
        {
            return device + ":" + port;
        }
    }

    /**
     * A full-duplex link between two device ports.
     *
     * @param a           one end.
     * @param b           the other end.
     * @param capacityBps capacity of each direction in bits per second.
     * @param latencyNs   one-way propagation delay in nanoseconds.
     * @param queueBytes  egress queue of each direction in bytes.
     */
    public record Link(Endpoint a, Endpoint b, long capacityBps, long latencyNs, long queueBytes)
    {
    }

    /**
     * The queue a link gets when its profile entry names none: {@link #DEFAULT_QUEUE_DRAIN_NS} of traffic at its
     * capacity.
     *
     * @param capacityBps the link's capacity in bits per second.
     * @return the queue size in bytes, at least one.
     */
    public static long defaultQueueBytes(final long capacityBps)
    {
        final double bytesPerSecond = capacityBps / 8.0;
        return Math.max(1L, (long)(bytesPerSecond * DEFAULT_QUEUE_DRAIN_NS / 1e9));
    }

    /**
     * Finds a device by name.
     *
     * @param name the name.
     * @return the device, or empty when the profile has none by that name.
     */
    public Optional<Device> device(final String name)
    {
        return devices.stream().filter(device -> device.name().equals(name)).findFirst();
    }

    /**
     * The sum of every device's traffic weight.
     *
     * @return the total weight.
     */
    public double totalTrafficWeight()
    {
        return devices.stream().mapToDouble(Device::trafficWeight).sum();
    }

    /**
     * The whole network as a fabric topology, devices and links in profile order.
     *
     * @return the topology.
     */
    public FabricTopology topology()
    {
        return topologyOf(devices, links);
    }

    /**
     * A fabric topology of some of the network's devices and the links among them, in the given order.
     *
     * @param devices the devices.
     * @param links   links whose ends are all among the devices.
     * @return the topology.
     */
    public static FabricTopology topologyOf(final List<Device> devices, final List<Link> links)
    {
        final FabricTopology.Builder builder = FabricTopology.builder();
        for (final Device device : devices)
        {
            builder.device(device.name(), device.hostSubnets());
        }
        for (final Link link : links)
        {
            builder.link(link.a().device(), link.a().port(), link.b().device(), link.b().port(),
                link.capacityBps(), link.latencyNs(), link.queueBytes());
        }
        return builder.build();
    }
}
