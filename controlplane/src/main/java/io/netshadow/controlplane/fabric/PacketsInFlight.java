package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.packet.PacketKey;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets injected into a {@link LinuxFabric} until their fates: queued until their injection time, then in
 * flight until they come back out of a host port (delivered) or the fate timeout passes (dropped, the reason taken
 * from the growth of the kernel's drop counters since the last such attribution, a queue drop where they do not
 * explain the loss).
 */
final class PacketsInFlight
{
    private final FateListener listener;
    private final long fateTimeoutNs;
    private final KernelConfigs kernelConfigs;
    private final PacketKey packetKey;
    private final long[] attributedCounts = new long[DropReason.values().length];
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final Long2ObjectHashMap<Pending> inFlightByKey = new Long2ObjectHashMap<>();
    private volatile long deliveredCount;

    private static final class Pending
    {
        final FabricPacket packet = new FabricPacket();
        int deviceIndex;
        long timeNs;
        long key;
        long sentAtWallNs;
        Pending sameKey;
    }

    /**
     * Tracks nothing yet.
     *
     * @param listener      receives every packet's fate.
     * @param fateTimeoutNs how long a packet may take before it counts as dropped.
     * @param kernelConfigs the kernel's drop counters.
     * @param packetKey     identifies a packet by its header facts, sent and received alike.
     */
    PacketsInFlight(
        final FateListener listener,
        final long fateTimeoutNs,
        final KernelConfigs kernelConfigs,
        final PacketKey packetKey)
    {
        this.listener = listener;
        this.fateTimeoutNs = fateTimeoutNs;
        this.kernelConfigs = kernelConfigs;
        this.packetKey = packetKey;
    }

    /**
     * Queues a copy of a packet to be sent into a device at a time.
     *
     * @param packet      the packet.
     * @param deviceIndex the device.
     * @param timeNs      its injection time.
     */
    void queue(final FabricPacket packet, final int deviceIndex, final long timeNs)
    {
        final Pending pending = new Pending();
        pending.packet.copyFrom(packet);
        pending.deviceIndex = deviceIndex;
        pending.timeNs = timeNs;
        queued.add(pending);
    }

    /**
     * Sends the queued packets whose injection time has come.
     *
     * @param timeNs the fabric's time.
     * @param edge   sends the packets.
     * @return the packets sent.
     */
    int sendDue(final long timeNs, final VxlanEdge edge)
    {
        int sent = 0;
        while (!queued.isEmpty() && queued.peekFirst().timeNs <= timeNs)
        {
            final Pending pending = queued.pollFirst();
            pending.sentAtWallNs = edge.send(pending.packet, pending.deviceIndex);
            pending.key = packetKey.of(pending.packet);
            pending.sameKey = inFlightByKey.put(pending.key, pending);
            inFlight.add(pending);
            sent++;
        }
        return sent;
    }

    /**
     * Reports a received packet delivered when it is the oldest in flight with its header facts, at its injection
     * time plus the wall-clock time it took, with its token and flow hash as injected.
     *
     * @param received    the packet as it came out.
     * @param deviceIndex the device whose host port it came out of.
     * @return whether a packet in flight matched.
     */
    boolean deliver(final FabricPacket received, final int deviceIndex)
    {
        final Pending pending = takeInFlight(packetKey.of(received));
        if (null == pending)
        {
            return false;
        }
        deliveredCount++;
        received.token = pending.packet.token;
        received.flowHash = pending.packet.flowHash;
        final long deliveredAtNs = pending.timeNs + (System.nanoTime() - pending.sentAtWallNs);
        listener.onDelivered(received, deviceIndex, pending.timeNs, deliveredAtNs);
        return true;
    }

    /**
     * Reports as dropped the packets in flight longer than the fate timeout.
     *
     * @return the packets reported.
     */
    int expire()
    {
        final long nowNs = System.nanoTime();
        while (!inFlight.isEmpty() && Long.MIN_VALUE == inFlight.peekFirst().sentAtWallNs)
        {
            inFlight.pollFirst();
        }
        if (inFlight.isEmpty() || nowNs - inFlight.peekFirst().sentAtWallNs < fateTimeoutNs)
        {
            return 0;
        }
        final List<Pending> lost = new ArrayList<>();
        while (!inFlight.isEmpty() && (Long.MIN_VALUE == inFlight.peekFirst().sentAtWallNs ||
            nowNs - inFlight.peekFirst().sentAtWallNs >= fateTimeoutNs))
        {
            final Pending pending = inFlight.pollFirst();
            if (Long.MIN_VALUE != pending.sentAtWallNs)
            {
                takeInFlight(pending.key);
                lost.add(pending);
            }
        }
        final long[][] unexplained = unattributedCounts();
        for (final Pending pending : lost)
        {
            reportLost(pending, unexplained);
        }
        return lost.size();
    }

    /**
     * Packets sent and not yet delivered or dropped, and packets queued and not yet sent.
     *
     * @return the count.
     */
    int count()
    {
        return inFlight.size() + queued.size();
    }

    /**
     * Packets delivered so far. May be read from any thread.
     *
     * @return the count.
     */
    long deliveredCount()
    {
        return deliveredCount;
    }

    private Pending takeInFlight(final long key)
    {
        final Pending first = inFlightByKey.get(key);
        if (null == first)
        {
            return null;
        }
        Pending oldest = first;
        Pending newer = null;
        while (null != oldest.sameKey)
        {
            newer = oldest;
            oldest = oldest.sameKey;
        }
        if (null == newer)
        {
            inFlightByKey.remove(key);
        }
        else
        {
            newer.sameKey = null;
        }
        oldest.key = 0;
        oldest.sentAtWallNs = Long.MIN_VALUE;
        return oldest;
    }

    private long[][] unattributedCounts()
    {
        final long[][] byDevice = kernelConfigs.dropCountsByDevice();
        for (int reason = 0; reason < attributedCounts.length; reason++)
        {
            long alreadyAttributed = attributedCounts[reason];
            for (final long[] counts : byDevice)
            {
                final long taken = Math.min(alreadyAttributed, counts[reason]);
                counts[reason] -= taken;
                alreadyAttributed -= taken;
            }
        }
        return byDevice;
    }

    private void reportLost(final Pending pending, final long[][] unexplained)
    {
        for (int device = 0; device < unexplained.length; device++)
        {
            for (final DropReason reason : DropReason.values())
            {
                if (unexplained[device][reason.ordinal()] > 0)
                {
                    unexplained[device][reason.ordinal()]--;
                    attributedCounts[reason.ordinal()]++;
                    listener.onDropped(pending.packet, device, reason, pending.timeNs, pending.timeNs + fateTimeoutNs);
                    return;
                }
            }
        }
        attributedCounts[DropReason.QUEUE_FULL.ordinal()]++;
        listener.onDropped(pending.packet, pending.deviceIndex, DropReason.QUEUE_FULL, pending.timeNs,
            pending.timeNs + fateTimeoutNs);
    }
}
