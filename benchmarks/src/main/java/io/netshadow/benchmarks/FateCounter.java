package io.netshadow.benchmarks;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FateListener;

/**
 * Counts packet fates without allocating, keeping the last drop's reason.
 */
final class FateCounter implements FateListener
{
    private long deliveredCount;
    private long droppedCount;
    private DropReason lastDropReason;

    @Override
    public void onDelivered(
        final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
    {
        deliveredCount++;
    }

    @Override
    public void onDropped(
        final FabricPacket packet,
        final int deviceIndex,
        final DropReason reason,
        final long injectedAtNs,
        final long droppedAtNs)
    {
        droppedCount++;
        lastDropReason = reason;
    }

    /**
     * Packets delivered so far.
     *
     * @return the count.
     */
    long deliveredCount()
    {
        return deliveredCount;
    }

    /**
     * Packets dropped so far.
     *
     * @return the count.
     */
    long droppedCount()
    {
        return droppedCount;
    }

    /**
     * The reason of the last drop.
     *
     * @return the reason, or null when nothing was dropped.
     */
    DropReason lastDropReason()
    {
        return lastDropReason;
    }
}
