package io.netshadow.dataplane.fabric;

import java.util.Arrays;

/**
 * Preallocated storage for the packets in flight in an {@link EmulatedFabric}: each event slot holds a packet copy,
 * where it is going, and the slot behind it while it waits in an egress queue. Slots are claimed and released by
 * index; the pool grows, doubling, only when every slot is in use, and counts each growth.
 */
final class EventPool
{
    /** The packet arrives at a device through a port. */
    static final int ARRIVAL = 0;
    /** The packet has been serialized onto the link leaving a device's port. */
    static final int TRANSMITTED = 1;
    /**
     * No packet: a port's transmitter may now take the head of its class queues (its shaper has refilled, or the
     * backlog it had before it had class queues has been sent).
     */
    static final int TRANSMITTER_READY = 2;
    /** As {@link #TRANSMITTED}, from a class queue: the transmitter then takes the next packet from its queues. */
    static final int DEQUEUED_TRANSMITTED = 3;
    /**
     * A live packet the fabric does not carry arrives at a device through a port: it takes its ingress policer's
     * tokens and goes no further ({@link EmulatedFabric#injectBackground}).
     */
    static final int BACKGROUND_ARRIVAL = 4;
    /** The {@link #queueNext} of the last slot in a queue. */
    static final int NONE = -1;

    private FabricPacket[] packets;
    private int[] kinds;
    private int[] deviceIndices;
    private int[] portIndices;
    private long[] injectedAtNs;
    private int[] queueNext;
    private int[] freeSlots;
    private int freeCount;
    private long growthCount;

    EventPool(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("event capacity must be positive: " + capacity);
        }
        packets = new FabricPacket[0];
        kinds = new int[0];
        deviceIndices = new int[0];
        portIndices = new int[0];
        injectedAtNs = new long[0];
        queueNext = new int[0];
        freeSlots = new int[0];
        addSlots(capacity);
    }

    /**
     * Claims a free slot, growing the pool when none is free.
     *
     * @return the slot index.
     */
    int claim()
    {
        if (0 == freeCount)
        {
            addSlots(packets.length);
            growthCount++;
        }
        return freeSlots[--freeCount];
    }

    void release(final int event)
    {
        freeSlots[freeCount++] = event;
    }

    int capacity()
    {
        return packets.length;
    }

    long growthCount()
    {
        return growthCount;
    }

    FabricPacket packet(final int event)
    {
        return packets[event];
    }

    int kind(final int event)
    {
        return kinds[event];
    }

    int deviceIndex(final int event)
    {
        return deviceIndices[event];
    }

    int portIndex(final int event)
    {
        return portIndices[event];
    }

    long injectedAtNs(final int event)
    {
        return injectedAtNs[event];
    }

    void injectedAtNs(final int event, final long timeNs)
    {
        injectedAtNs[event] = timeNs;
    }

    /**
     * The slot queued behind this one, or {@link #NONE}.
     */
    int queueNext(final int event)
    {
        return queueNext[event];
    }

    void queueNext(final int event, final int next)
    {
        queueNext[event] = next;
    }

    /**
     * Sets what happens next to the packet in a slot.
     */
    void next(final int event, final int kind, final int deviceIndex, final int portIndex)
    {
        kinds[event] = kind;
        deviceIndices[event] = deviceIndex;
        portIndices[event] = portIndex;
    }

    private void addSlots(final int count)
    {
        final int oldCapacity = packets.length;
        final int newCapacity = oldCapacity + count;
        packets = Arrays.copyOf(packets, newCapacity);
        kinds = Arrays.copyOf(kinds, newCapacity);
        deviceIndices = Arrays.copyOf(deviceIndices, newCapacity);
        portIndices = Arrays.copyOf(portIndices, newCapacity);
        injectedAtNs = Arrays.copyOf(injectedAtNs, newCapacity);
        queueNext = Arrays.copyOf(queueNext, newCapacity);
        freeSlots = Arrays.copyOf(freeSlots, newCapacity);
        for (int i = oldCapacity; i < newCapacity; i++)
        {
            packets[i] = new FabricPacket();
            freeSlots[freeCount++] = i;
        }
    }
}
