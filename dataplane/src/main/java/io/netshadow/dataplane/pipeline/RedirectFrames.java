package io.netshadow.dataplane.pipeline;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The frames of redirected packets while they cross the shadow: a fixed number of slots of one size in one direct
 * buffer, taken when a packet is injected and given back when the fabric reports its fate. The fabric carries the
 * slot as the packet's token, so the frame that the shadow delivers is the one that went in.
 * <p>
 * Confined to the thread that drives the fabric; allocates nothing after construction.
 */
final class RedirectFrames
{
    static final int NONE = -1;

    private final UnsafeBuffer slab;
    private final int slotBytes;
    private final int[] lengths;
    private final int[] freeSlots;
    private int freeCount;

    RedirectFrames(final int slotCount, final int slotBytes)
    {
        if (slotCount < 1 || slotBytes < 1)
        {
            throw new IllegalArgumentException(
                "redirect frame store needs at least one slot of at least one byte: " + slotCount + " x " + slotBytes);
        }
        this.slab = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.multiplyExact(slotCount, slotBytes)));
        this.slotBytes = slotBytes;
        this.lengths = new int[slotCount];
        this.freeSlots = new int[slotCount];
        for (int i = 0; i < slotCount; i++)
        {
            freeSlots[i] = slotCount - 1 - i;
        }
        this.freeCount = slotCount;
    }

    /**
     * Copies a frame into a free slot.
     *
     * @return the slot, or {@link #NONE} when every slot is taken or the frame is longer than a slot.
     */
    int store(final DirectBuffer frame, final int offset, final int length)
    {
        if (0 == freeCount || length > slotBytes)
        {
            return NONE;
        }
        final int slot = freeSlots[--freeCount];
        slab.putBytes(slot * slotBytes, frame, offset, length);
        lengths[slot] = length;
        return slot;
    }

    DirectBuffer buffer()
    {
        return slab;
    }

    int offset(final int slot)
    {
        return slot * slotBytes;
    }

    int length(final int slot)
    {
        return lengths[slot];
    }

    void release(final int slot)
    {
        freeSlots[freeCount++] = slot;
    }

    int inUse()
    {
        return lengths.length - freeCount;
    }
}
