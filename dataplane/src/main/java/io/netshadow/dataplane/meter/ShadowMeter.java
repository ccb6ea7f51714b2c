package io.netshadow.dataplane.meter;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FateListener;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Locale;
import java.util.function.Function;

/**
 * Turns the fates of replayed packets into shadow KPIs: a delivery counts with latency = delivered − injected, a
 * drop counts as lost, and under its reason. Throughput and packet rate are divided by the mirror share, so a shadow that replays 10%
 * of the flows reports figures comparable to the live network's. A packet that leaves the sampled shadow
 * ({@link DropReason#OUTSIDE_FABRIC}) is neither delivered nor lost: it is counted apart.
 * <p>
 * Called on the thread that drives the fabric, in fabric time, which is packet time.
 */
public final class ShadowMeter implements FateListener
{
    /** Counter label: packets delivered by the shadow. */
    public static final String DELIVERED = "meter.shadow.delivered";
    /** Counter label: packets the shadow dropped. */
    public static final String LOST = "meter.shadow.lost";
    /** Counter label prefix: packets the shadow dropped for one reason, followed by the reason in lower case. */
    public static final String LOST_BY_REASON_PREFIX = LOST + ".";
    /** Counter label: packets whose next hop lies outside the sampled shadow. */
    public static final String OUTSIDE_FABRIC = "meter.shadow.outside_fabric";

    private final IntervalStats stats;
    private final AtomicCounter delivered;
    private final AtomicCounter lost;
    private final AtomicCounter outsideFabric;
    private final AtomicCounter[] lostByReason = new AtomicCounter[DropReason.values().length];

    /**
     * A shadow meter.
     *
     * @param kpiRing     where samples go.
     * @param intervalNs  length of an interval in fabric time.
     * @param mirrorShare the share of flows replayed into the shadow, in (0, 1].
     * @param counters    gives the counter for a label.
     */
    public ShadowMeter(
        final KpiRing kpiRing,
        final long intervalNs,
        final double mirrorShare,
        final Function<String, AtomicCounter> counters)
    {
        this.stats = new IntervalStats(Side.SHADOW, kpiRing, intervalNs, mirrorShare);
        this.delivered = counters.apply(DELIVERED);
        this.lost = counters.apply(LOST);
        this.outsideFabric = counters.apply(OUTSIDE_FABRIC);
        for (final DropReason reason : DropReason.values())
        {
            if (DropReason.OUTSIDE_FABRIC != reason)
            {
                lostByReason[reason.ordinal()] = counters.apply(lostLabel(reason));
            }
        }
    }

    /**
     * The label of the counter of packets the shadow dropped for a reason.
     *
     * @param reason the reason, any but {@link DropReason#OUTSIDE_FABRIC}.
     * @return the label, such as {@code meter.shadow.lost.acl_deny}.
     */
    public static String lostLabel(final DropReason reason)
    {
        return LOST_BY_REASON_PREFIX + reason.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void onDelivered(
        final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
    {
        stats.advanceTo(deliveredAtNs);
        stats.delivered(packet.lengthBytes, deliveredAtNs - injectedAtNs);
        delivered.incrementRelease();
    }

    @Override
    public void onDropped(
        final FabricPacket packet,
        final int deviceIndex,
        final DropReason reason,
        final long injectedAtNs,
        final long droppedAtNs)
    {
        stats.advanceTo(droppedAtNs);
        if (DropReason.OUTSIDE_FABRIC == reason)
        {
            outsideFabric.incrementRelease();
        }
        else
        {
            stats.lost();
            lost.incrementRelease();
            lostByReason[reason.ordinal()].incrementRelease();
        }
    }

    /**
     * Tells the meter how far fabric time has advanced, so intervals end even when no fate arrives.
     *
     * @param fabricTimeNs the fabric's current time.
     */
    public void advanceTo(final long fabricTimeNs)
    {
        stats.advanceTo(fabricTimeNs);
    }
}
