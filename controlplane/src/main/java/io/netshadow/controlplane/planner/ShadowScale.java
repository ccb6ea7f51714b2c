package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.NetworkProfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much smaller the shadow's links are than the live ones, so that each shadow link runs as full as its live
 * twin. A shadow link carries a share of its live traffic: the mirrored share of the flows, and of those only the
 * flows whose two ends are both in the shadow, which is a different share on each link (an access uplink loses only
 * the flows to devices left out, a core link those too and the flows between devices left out). Each link's
 * capacity and queue size, and the rates and bursts of the shapers on its ports, are multiplied by its own
 * {@link #linkScale(NetworkProfile.Link)}. So are the policers of the Linux fabric (a policer on a host port takes
 * the {@link #trafficSamplingRatio()} of the whole shadow); the emulated fabric keeps its policers at their live
 * rate and feeds them the live aggregate on their ports instead
 * ({@link io.netshadow.dataplane.fabric.EmulatedFabric#injectBackground}).
 *
 * @param mirrorShare       the share of flows mirrored into the shadow, above 0 and at most 1.
 * @param carriedLoadShare  of the live load on all the shadow's links (by the planner's traffic model), the share
 *                          the flows between the shadow's devices make up, above 0 and at most 1.
 * @param linkCarriedShares the same share for each of the shadow's links, in plan order; a link with no live load,
 *                          or none from the shadow's flows, takes the carried load share.
 */
public record ShadowScale(
    double mirrorShare,
    double carriedLoadShare,
    Map<NetworkProfile.Link, Double> linkCarriedShares)
{
    /**
     * Validates the shares and copies the map.
     *
     * @param mirrorShare       the mirrored share of flows.
     * @param carriedLoadShare  the share of the shadow links' live load that the shadow's flows carry.
     * @param linkCarriedShares that share per link.
     */
    public ShadowScale
    {
        if (!(mirrorShare > 0 && mirrorShare <= 1))
        {
            throw new IllegalArgumentException("a mirror share must be above 0% and at most 100%, got " +
                mirrorShare * 100 + "%");
        }
        requireShare(carriedLoadShare);
        linkCarriedShares.values().forEach(ShadowScale::requireShare);
        linkCarriedShares = Collections.unmodifiableMap(new LinkedHashMap<>(linkCarriedShares));
    }

    /**
     * The share of live traffic the whole shadow carries: the fabric's rate scale, which the Linux fabric's
     * host-port policers are multiplied by and every link's own scale is expressed against.
     *
     * @return the mirror share times the carried load share, above 0 and at most 1.
     */
    public double trafficSamplingRatio()
    {
        return mirrorShare * carriedLoadShare;
    }

    /**
     * The share of a link's live traffic the shadow's copy of it carries, which its capacity and queue size and the
     * shapers (and the Linux fabric's policers) on its ports are multiplied by.
     *
     * @param link a live link.
     * @return the mirror share times the link's carried share, above 0 and at most 1.
     */
    public double linkScale(final NetworkProfile.Link link)
    {
        return mirrorShare * linkCarriedShares.getOrDefault(link, carriedLoadShare);
    }

    /**
     * A link's capacity in the shadow.
     *
     * @param link the live link.
     * @return its capacity times its link scale, at least one bit per second.
     */
    public long capacityBps(final NetworkProfile.Link link)
    {
        return Math.max(1L, Math.round(link.capacityBps() * linkScale(link)));
    }

    /**
     * A link's egress queue in the shadow.
     *
     * @param link the live link.
     * @return its queue size times its link scale, at least one byte.
     */
    public long queueBytes(final NetworkProfile.Link link)
    {
        return Math.max(1L, Math.round(link.queueBytes() * linkScale(link)));
    }

    private static void requireShare(final double share)
    {
        if (!(share > 0 && share <= 1))
        {
            throw new IllegalArgumentException("a carried load share must be above 0 and at most 1, got " + share);
        }
    }
}
