package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.EgressQueues;

import java.util.Arrays;

/**
 * The link directions of a fabric, each a transmitter with its capacity and default queue size scaled by the
 * fabric's rate scale, and the mapping between device ports and the direction that leaves by them. Owned by the
 * driving thread.
 * <p>
 * A direction works in one of two ways. A plain FIFO (a port with neither class queues nor a shaper) is held in
 * closed form as the time its transmitter will be idle again: the bytes queued at a moment are what the link sends
 * between that moment and then, the packet being serialized included, and a packet's send time is known when it is
 * queued. A port with class queues or a shaper has up to {@link EgressQueues#MAX_QUEUES} explicit class queues, FIFO
 * lists threaded through the {@link EventPool} slots so queueing allocates nothing; its transmitter takes one packet
 * at a time, never before the closed-form backlog has gone, and the packet it is sending has left its queue but
 * still counts toward its class's held bytes for what remains of it to send. A direction falls back to the closed
 * form only once its class queues are empty and its transmitter is free.
 */
final class FabricLinks
{
    private static final double NS_PER_SECOND = 1e9;
    private static final int IDLE = -1;
    private static final int CLASSES = EgressQueues.MAX_QUEUES;

    private final EventPool pool;
    private final int[] portBase;
    private final int[] directionOfPort;
    private final int[] nearDevice;
    private final int[] nearPort;
    private final int[] farDevice;
    private final int[] farPort;
    private final long[] capacityBps;
    private final long[] latencyNs;
    private final long[] queueBytes;
    private final long[] idleAtNs;
    /** Per direction: packets in its class queues or on the wire from them, plus one while it waits to be ready. */
    private final int[] pending;
    private final int[] sendingClass;
    private final int[] sendingBytes;
    private final long[] sentAtNs;
    private final boolean[] awaitingReady;
    private final int[] head;
    private final int[] tail;
    private final long[] queuedBytes;

    FabricLinks(final FabricTopology topology, final double rateScale, final EventPool pool)
    {
        this.pool = pool;
        final int deviceCount = topology.devices().size();
        portBase = new int[deviceCount + 1];
        for (int device = 0; device < deviceCount; device++)
        {
            portBase[device + 1] = portBase[device] + topology.devices().get(device).ports().size();
        }
        directionOfPort = new int[portBase[deviceCount]];
        Arrays.fill(directionOfPort, -1);
        final int directions = 2 * topology.links().size();
        nearDevice = new int[directions];
        nearPort = new int[directions];
        farDevice = new int[directions];
        farPort = new int[directions];
        capacityBps = new long[directions];
        latencyNs = new long[directions];
        queueBytes = new long[directions];
        idleAtNs = new long[directions];
        pending = new int[directions];
        sendingClass = new int[directions];
        sendingBytes = new int[directions];
        sentAtNs = new long[directions];
        awaitingReady = new boolean[directions];
        head = new int[directions * CLASSES];
        tail = new int[directions * CLASSES];
        queuedBytes = new long[directions * CLASSES];
        Arrays.fill(idleAtNs, Long.MIN_VALUE);
        Arrays.fill(sendingClass, IDLE);
        Arrays.fill(head, EventPool.NONE);
        Arrays.fill(tail, EventPool.NONE);
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

    int nearDevice(final int direction)
    {
        return nearDevice[direction];
    }

    int nearPort(final int direction)
    {
        return nearPort[direction];
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
     * The queue size, scaled, of a direction whose port has no class queues configured.
     */
    long defaultQueueBytes(final int direction)
    {
        return queueBytes[direction];
    }

    /**
     * Whether the direction has no packet in its class queues and none of them on the wire or waiting to start,
     * so a plain FIFO port may use the closed form.
     */
    boolean isQuiescent(final int direction)
    {
        return 0 == pending[direction];
    }

    /**
     * Closed form: whether a packet fits in the queue: an idle transmitter takes any packet, a busy one only while
     * the bytes queued, the packet included, stay within the queue size.
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
     * Closed form: queues a packet behind the backlog.
     *
     * @return the time its last bit has been sent.
     */
    long transmit(final int direction, final int lengthBytes, final long nowNs)
    {
        idleAtNs[direction] = Math.max(nowNs, idleAtNs[direction]) + serializationNs(direction, lengthBytes);
        return idleAtNs[direction];
    }

    /**
     * The bytes a class holds: those queued, plus what remains to send of its packet on the wire.
     */
    long heldBytes(final int direction, final int trafficClass, final long nowNs)
    {
        long held = queuedBytes[direction * CLASSES + trafficClass];
        if (trafficClass == sendingClass[direction] && sentAtNs[direction] > nowNs)
        {
            final double remainingNs = sentAtNs[direction] - nowNs;
            held += Math.min(
                sendingBytes[direction], Math.round(remainingNs * capacityBps[direction] / (8 * NS_PER_SECOND)));
        }
        return held;
    }

    /**
     * Appends a packet's slot to the tail of a class queue.
     */
    void append(final int direction, final int trafficClass, final int event, final int lengthBytes)
    {
        final int queue = direction * CLASSES + trafficClass;
        pool.queueNext(event, EventPool.NONE);
        if (EventPool.NONE == tail[queue])
        {
            head[queue] = event;
        }
        else
        {
            pool.queueNext(tail[queue], event);
        }
        tail[queue] = event;
        queuedBytes[queue] += lengthBytes;
        pending[direction]++;
    }

    /**
     * The first class, in priority order, with a packet waiting, or -1 when every queue is empty.
     */
    int firstWaitingClass(final int direction)
    {
        final int base = direction * CLASSES;
        for (int trafficClass = 0; trafficClass < CLASSES; trafficClass++)
        {
            if (EventPool.NONE != head[base + trafficClass])
            {
                return trafficClass;
            }
        }
        return -1;
    }

    int head(final int direction, final int trafficClass)
    {
        return head[direction * CLASSES + trafficClass];
    }

    /**
     * Whether the transmitter neither sends a packet from a class queue nor waits to be ready: a packet queued now
     * can be considered at once.
     */
    boolean isIdle(final int direction)
    {
        return IDLE == sendingClass[direction] && !awaitingReady[direction];
    }

    void awaitingReady(final int direction, final boolean awaiting)
    {
        awaitingReady[direction] = awaiting;
        pending[direction] += awaiting ? 1 : -1;
    }

    /**
     * When the closed-form backlog will have been sent: a class queue may not start before.
     */
    long idleAtNs(final int direction)
    {
        return idleAtNs[direction];
    }

    /**
     * Takes the head of a class queue onto the wire; call once {@link #idleAtNs} has passed.
     *
     * @return the time its last bit has been sent.
     */
    long send(final int direction, final int trafficClass, final long nowNs)
    {
        final int queue = direction * CLASSES + trafficClass;
        final int event = head[queue];
        final int lengthBytes = pool.packet(event).lengthBytes;
        head[queue] = pool.queueNext(event);
        if (EventPool.NONE == head[queue])
        {
            tail[queue] = EventPool.NONE;
        }
        queuedBytes[queue] -= lengthBytes;
        sendingClass[direction] = trafficClass;
        sendingBytes[direction] = lengthBytes;
        sentAtNs[direction] = transmit(direction, lengthBytes, nowNs);
        return sentAtNs[direction];
    }

    /**
     * The packet on the wire has been sent: the transmitter is free.
     */
    void sent(final int direction)
    {
        sendingClass[direction] = IDLE;
        pending[direction]--;
    }

    private long serializationNs(final int direction, final int lengthBytes)
    {
        return (lengthBytes * 8L * 1_000_000_000L + capacityBps[direction] - 1) / capacityBps[direction];
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
        nearDevice[direction] = fromDevice;
        nearPort[direction] = fromPort;
        farDevice[direction] = toDevice;
        farPort[direction] = toPort;
        capacityBps[direction] = Math.max(1, Math.round(link.capacityBps() * rateScale));
        latencyNs[direction] = link.latencyNs();
        queueBytes[direction] = Math.max(1, Math.round(link.queueBytes() * rateScale));
    }
}
