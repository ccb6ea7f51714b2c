package io.netshadow.dataplane.fabric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices, ports and links a fabric is made of. Immutable once built; devices and ports are addressed by
 * dense indices so the forwarding path can use arrays.
 * <p>
 * A device owns the IPv4 prefixes of the hosts behind it (its host subnets); it reaches them through its host
 * port. Every other port is one end of a link to another device.
 */
public final class FabricTopology
{
    /** Name of the port through which a device reaches its host subnets. */
    public static final String HOST_PORT = "hosts";

    private final List<Device> devices;
    private final List<Link> links;
    private final Map<String, Integer> deviceIndexByName;
    private final double[][] rateFactorOfPort;

    private FabricTopology(final List<Device> devices, final List<Link> links)
    {
        this.devices = List.copyOf(devices);
        this.links = List.copyOf(links);
        final Map<String, Integer> byName = new HashMap<>();
        this.rateFactorOfPort = new double[devices.size()][];
        for (int i = 0; i < devices.size(); i++)
        {
            byName.put(devices.get(i).name(), i);
            rateFactorOfPort[i] = new double[devices.get(i).ports().size()];
            Arrays.fill(rateFactorOfPort[i], 1.0);
        }
        for (final Link link : links)
        {
            rateFactorOfPort[link.deviceA()][link.portA()] = link.rateFactor();
            rateFactorOfPort[link.deviceB()][link.portB()] = link.rateFactor();
        }
        this.deviceIndexByName = Collections.unmodifiableMap(byName);
    }

    /**
     * A device of the fabric.
     *
     * @param name        unique name.
     * @param hostSubnets IPv4 prefixes of the hosts behind its host port, in CIDR notation.
     * @param ports       its port names; index 0 is always {@link #HOST_PORT}.
     */
    public record Device(String name, List<String> hostSubnets, List<String> ports)
    {
    }

    /**
     * A full-duplex link between two device ports. Each direction has its own queue.
     *
     * @param deviceA     index of the first device.
     * @param portA       port index on the first device.
     * @param deviceB     index of the second device.
     * @param portB       port index on the second device.
     * @param capacityBps capacity of each direction in bits per second.
     * @param latencyNs   one-way propagation delay in nanoseconds.
     * @param queueBytes  size of each direction's egress queue in bytes.
     * @param rateFactor  the share of live traffic this link carries relative to the fabric's rate scale: the
     *                    policers, shapers and class queues on its two ports are scaled by the rate scale times
     *                    this. It is 1 where every link carries the fabric's share; a shadow whose links carry
     *                    different shares of their live load sets each link's own.
     */
    public record Link(
        int deviceA, int portA, int deviceB, int portB, long capacityBps, long latencyNs, long queueBytes,
        double rateFactor)
    {
    }

    /**
     * The rate factor of the link on a device's port: see {@link Link#rateFactor()}.
     *
     * @param deviceIndex the device.
     * @param portIndex   the port on it.
     * @return the factor of the port's link, or 1 for the host port, which no link holds.
     */
    public double rateFactor(final int deviceIndex, final int portIndex)
    {
        return rateFactorOfPort[deviceIndex][portIndex];
    }

    /**
     * Starts an empty topology.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The devices in index order.
     *
     * @return the devices.
     */
    public List<Device> devices()
    {
        return devices;
    }

    /**
     * The links in the order they were added.
     *
     * @return the links.
     */
    public List<Link> links()
    {
        return links;
    }

    /**
     * The index of a device.
     *
     * @param name device name.
     * @return its index, or -1 when the topology has no such device.
     */
    public int deviceIndex(final String name)
    {
        final Integer index = deviceIndexByName.get(name);
        return null == index ? -1 : index;
    }

    /**
     * The index of a port on a device.
     *
     * @param deviceIndex the device.
     * @param portName    the port name.
     * @return its index, or -1 when the device has no such port.
     */
    public int portIndex(final int deviceIndex, final String portName)
    {
        return devices.get(deviceIndex).ports().indexOf(portName);
    }

    /**
     * Checks that a device has a port, for a fabric that is handed a packet at it.
     *
     * @param deviceIndex the device.
     * @param portIndex   the port.
     * @throws IllegalArgumentException when the device or the port does not exist.
     */
    public void checkPort(final int deviceIndex, final int portIndex)
    {
        if (deviceIndex < 0 || deviceIndex >= devices.size() ||
            portIndex < 0 || portIndex >= devices.get(deviceIndex).ports().size())
        {
            throw new IllegalArgumentException("no port " + portIndex + " on device " + deviceIndex);
        }
    }

    /**
     * Collects devices and links, then builds an immutable topology.
     */
    public static final class Builder
    {
        private final List<String> names = new ArrayList<>();
        private final List<List<String>> subnets = new ArrayList<>();
        private final List<List<String>> ports = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();

        private Builder()
        {
        }

        /**
         * Adds a device.
         *
         * @param name        unique name.
         * @param hostSubnets IPv4 prefixes behind its host port.
         * @return this builder.
         * @throws IllegalArgumentException when the name is taken.
         */
        public Builder device(final String name, final List<String> hostSubnets)
        {
            if (names.contains(name))
            {
                throw new IllegalArgumentException("duplicate device " + name);
            }
            names.add(name);
            subnets.add(List.copyOf(hostSubnets));
            final List<String> devicePorts = new ArrayList<>();
            devicePorts.add(HOST_PORT);
            ports.add(devicePorts);
            return this;
        }

        /**
         * Adds a link between two ports, creating the ports, that carries the fabric's share of its live traffic
         * (a rate factor of 1).
         *
         * @param deviceA     first device name.
         * @param portA       port name on the first device.
         * @param deviceB     second device name.
         * @param portB       port name on the second device.
         * @param capacityBps capacity per direction in bits per second.
         * @param latencyNs   one-way delay in nanoseconds.
         * @param queueBytes  egress queue size per direction in bytes.
         * @return this builder.
         * @throws IllegalArgumentException when a device is unknown or a port is already used.
         */
        public Builder link(
            final String deviceA,
            final String portA,
            final String deviceB,
            final String portB,
            final long capacityBps,
            final long latencyNs,
            final long queueBytes)
        {
            return link(deviceA, portA, deviceB, portB, capacityBps, latencyNs, queueBytes, 1.0);
        }

        /**
         * Adds a link between two ports, creating the ports.
         *
         * @param deviceA     first device name.
         * @param portA       port name on the first device.
         * @param deviceB     second device name.
         * @param portB       port name on the second device.
         * @param capacityBps capacity per direction in bits per second.
         * @param latencyNs   one-way delay in nanoseconds.
         * @param queueBytes  egress queue size per direction in bytes.
         * @param rateFactor  the link's share of live traffic relative to the fabric's rate scale, above zero; see
         *                    {@link Link#rateFactor()}.
         * @return this builder.
         * @throws IllegalArgumentException when a device is unknown or a port is already used.
         */
        public Builder link(
            final String deviceA,
            final String portA,
            final String deviceB,
            final String portB,
            final long capacityBps,
            final long latencyNs,
            final long queueBytes,
            final double rateFactor)
        {
            final int a = requireDevice(deviceA);
            final int b = requireDevice(deviceB);
            final int pa = addPort(a, portA);
            final int pb = addPort(b, portB);
            if (capacityBps <= 0 || latencyNs < 0 || queueBytes <= 0 || !(rateFactor > 0))
            {
                throw new IllegalArgumentException("link " + deviceA + ":" + portA + " - " + deviceB + ":" + portB +
                    " needs a positive capacity, queue and rate factor and a latency of zero or more");
            }
            links.add(new Link(a, pa, b, pb, capacityBps, latencyNs, queueBytes, rateFactor));
            return this;
        }

        /**
         * Builds the topology.
         *
         * @return the immutable topology.
         */
        public FabricTopology build()
        {
            final List<Device> devices = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++)
            {
                devices.add(new Device(names.get(i), subnets.get(i), List.copyOf(ports.get(i))));
            }
            return new FabricTopology(devices, links);
        }

        private int requireDevice(final String name)
        {
            final int index = names.indexOf(name);
            if (index < 0)
            {
                throw new IllegalArgumentException("unknown device " + name);
            }
            return index;
        }

        private int addPort(final int device, final String port)
        {
            final List<String> devicePorts = ports.get(device);
            if (devicePorts.contains(port))
            {
                throw new IllegalArgumentException("port " + names.get(device) + ":" + port + " is already in use");
            }
            devicePorts.add(port);
            return devicePorts.size() - 1;
        }
    }
}
