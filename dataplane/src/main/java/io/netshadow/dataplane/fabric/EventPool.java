package io.netshadow.dataplane.fabric;

import java.util.Arrays;

/**
 * Preallocated storage for the packets in flight in an {@link EmulatedFabric}: each event slot holds a packet copy
 * and where it is going. Slots are claimed and released by index; the pool grows, doubling, only when every slot
 * is in use, and counts each growth.
 */
final class EventPool
{
    /** The packet arrives at a device through a port. */
    static final int ARRIVAL = 0;
    /** The packet has been serialized onto the link leaving a device's port. */
    static final int TRANSMITTED = 1;

    private FabricPacket[] packets;
    private int[] kinds;
    private int[] deviceIndices;
    private int[] portIndices;
    private long[] injectedAtNs;
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
        freeSlots = Arrays.copyOf(freeSlots, newCapacity);
        for (int i = oldCapacity; i < newCapacity; i++)
        {
            packets[i] = new FabricPacket();
            freeSlots[freeCount++] = i;
        }
    }
}
