package io.netshadow.dataplane.fabric;

import java.util.Arrays;

/**
 * The link directions of a fabric, each a FIFO transmitter with its capacity and queue scaled by the fabric's rate
 * scale, and the mapping from device ports to the direction that leaves by them. Owned by the driving thread.
 * <p>
 * A direction's backlog is held as the time its transmitter will be idle again; the bytes queued at a moment are
 * what the link sends between that moment and then, the packet being serialized included.
 */
final class FabricLinks
{
    private static final double NS_PER_SECOND = 1e9;

    private final int[] portBase;
    private final int[] directionOfPort;
    private final int[] farDevice;
    private final int[] farPort;
    private final long[] capacityBps;
    private final long[] latencyNs;
    private final long[] queueBytes;
    private final long[] idleAtNs;

    FabricLinks(final FabricTopology topology, final double rateScale)
    {
        final int deviceCount = topology.devices().size();
        portBase = new int[deviceCount + 1];
        for (int device = 0; device < deviceCount; device++)
        {
            portBase[device + 1] = portBase[device] + topology.devices().get(device).ports().size();
        }
        directionOfPort = new int[portBase[deviceCount]];
        Arrays.fill(directionOfPort, -1);
        final int directions = 2 * topology.links().size();
        farDevice = new int[directions];
        farPort = new int[directions];
        capacityBps = new long[directions];
        latencyNs = new long[directions];
        queueBytes = new long[directions];
        idleAtNs = new long[directions];
        for (int i = 0; i < topology.links().size(); i++)
        {
            final FabricTopology.Link link = topology.links().get(i);
            direction(2 * i, link.deviceA(), link.portA(), link.deviceB(), link.portB(), link, rateScale);
            direction(2 * i + 1, link.deviceB(), link.portB(), link.deviceA(), link.portA(), link, rateScale);
        }
    }

    /**
     * The index of a port among every port of the fabric.
     */
    int globalPort(final int deviceIndex, final int portIndex)
    {
        return portBase[deviceIndex] + portIndex;
    }

    int portCount()
    {
        return directionOfPort.length;
    }

    /**
     * The link direction leaving by a port, or -1 when the port is not a link port.
     */
    int direction(final int deviceIndex, final int portIndex)
    {
        return directionOfPort[portBase[deviceIndex] + portIndex];
    }

    int farDevice(final int direction)
    {
        return farDevice[direction];
    }

    int farPort(final int direction)
    {
        return farPort[direction];
    }

    long latencyNs(final int direction)
    {
        return latencyNs[direction];
    }

    /**
     * Whether a packet fits in the queue: an idle transmitter takes any packet, a busy one only while the bytes
     * queued, the packet included, stay within the queue size.
     */
    boolean hasRoom(final int direction, final int lengthBytes, final long nowNs)
    {
        if (idleAtNs[direction] <= nowNs)
        {
            return true;
        }
        final double backlogNs = idleAtNs[direction] - nowNs;
        final long backlogBytes = Math.round(backlogNs * capacityBps[direction] / (8 * NS_PER_SECOND));
        return backlogBytes + lengthBytes <= queueBytes[direction];
    }

    /**
     * Queues a packet behind the backlog.
     *
     * @return the time its last bit has been sent.
     */
    long transmit(final int direction, final int lengthBytes, final long nowNs)
    {
        final long startNs = Math.max(nowNs, idleAtNs[direction]);
        final long serializationNs =
            (lengthBytes * 8L * 1_000_000_000L + capacityBps[direction] - 1) / capacityBps[direction];
        idleAtNs[direction] = startNs + serializationNs;
        return idleAtNs[direction];
    }

    private void direction(
        final int direction,
        final int fromDevice,
        final int fromPort,
        final int toDevice,
        final int toPort,
        final FabricTopology.Link link,
        final double rateScale)
    {
        directionOfPort[portBase[fromDevice] + fromPort] = direction;
        farDevice[direction] = toDevice;
        farPort[direction] = toPort;
        capacityBps[direction] = Math.max(1, Math.round(link.capacityBps() * rateScale));
        latencyNs[direction] = link.latencyNs();
        queueBytes[direction] = Math.max(1, Math.round(link.queueBytes() * rateScale));
        idleAtNs[direction] = Long.MIN_VALUE;
    }
}
