package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.ShadowFabric;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.DecodeResult;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Replays ingress copies from ring B into the {@link ShadowFabric}, paced at their original timing: a packet
 * stamped {@code t} is injected, at fabric time {@code t}, once the clock reaches the absolute deadline
 * {@code t + replayDelayNs}. Deadlines are absolute, so pacing never drifts; until the next packet is due the
 * stage returns without consuming it. Every duty cycle moves the fabric to {@code clock − replayDelayNs}.
 * <p>
 * A packet is replayed when it decoded as IPv4, came from an ingress session, belongs to a flow the mirror share
 * selects, its session's device and port exist in the fabric's topology, and its destination lies in a host subnet
 * of the fabric (a shadow holds complete paths only between the devices it sampled); the others are counted by
 * reason, and those that entered the network at a host port go to the {@link PolicerFeed}, when there is one, which
 * feeds the shadow's policers the live traffic the shadow does not carry.
 * Egress copies are the live meter's and are passed over. A packet that arrives after fabric time has passed its
 * timestamp (a late packet passed on unordered) is injected at the current fabric time, and counted.
 * <p>
 * Packets of redirect sessions are the live network's own: on the same schedule, the {@link RedirectPath} either
 * injects them with a token that brings their frame back when the shadow delivers them, or hands them straight back.
 */
public final class ReplayAgent implements Agent
{
    /** Counter label: packets injected into the shadow fabric. */
    public static final String INJECTED = "replay.injected";
    /** Counter label: ingress packets of flows outside the mirror share. */
    public static final String SAMPLED_OUT = "replay.sampled_out";
    /** Counter label: ingress packets whose session's device or port is not in the shadow. */
    public static final String OUTSIDE_SHADOW = "replay.outside_shadow";
    /** Counter label: ingress packets whose destination lies behind no device of the shadow. */
    public static final String DESTINATION_OUTSIDE_SHADOW = "replay.destination_outside_shadow";
    /** Counter label: ingress packets that are neither forwardable IPv4 nor IPv6. */
    public static final String NOT_IPV4 = "replay.not_ipv4";
    /** Counter label: ingress IPv6 packets, which the IPv4 shadow does not carry. */
    public static final String IPV6_SKIPPED = "replay.ipv6_skipped";
    /** Counter label: packets injected later than their original timing. */
    public static final String BEHIND_SCHEDULE = "replay.behind_schedule";

    private static final int OUTSIDE = -1;

    private final RingBuffer<PacketRef> ringB;
    private final EventPoller<PacketRef> poller;
    private final ShadowFabric fabric;
    private final FlowSampler sampler;
    private final PolicerFeed policerFeed;
    private final int[] liveOriginBySession;
    private final long replayDelayNs;
    private final EpochNanoClock clock;
    private final LongConsumer fabricTimeListener;
    private final boolean[] ingressBySession;
    private final boolean[] redirectBySession;
    private final RedirectPath redirectPath;
    private final int[] deviceBySession;
    private final int[] portBySession;
    private final AtomicCounter injected;
    private final AtomicCounter sampledOut;
    private final AtomicCounter outsideShadow;
    private final AtomicCounter destinationOutsideShadow;
    private final int[] shadowSubnetAddresses;
    private final int[] shadowSubnetMasks;
    private final AtomicCounter notIpv4;
    private final AtomicCounter ipv6Skipped;
    private final AtomicCounter behindSchedule;
    private final EventPoller.Handler<PacketRef> handler = this::onPacket;
    private long fabricTimeNs = Long.MIN_VALUE;
    private long lastInjectNs = Long.MIN_VALUE;
    private int polled;

    /**
     * A replay stage, registered as a gating consumer of ring B, that also feeds the shadow's policers the live
     * packets it does not replay.
     *
     * @param ringB              the timestamp-order ring.
     * @param fabric             the shadow fabric; this stage becomes its driving thread.
     * @param sessions           the mirror sessions, by session index.
     * @param sampler            selects the flows to replay.
     * @param replayDelayNs      how long after its timestamp a packet is injected; more than the lateness window.
     * @param clock              the clock deadlines are measured on.
     * @param fabricTimeListener told the fabric time after each advance (the shadow meter).
     * @param redirectPath       what becomes of redirect sessions' packets; null when there is no redirect session.
     * @param policerFeed        feeds the shadow's policers the packets not replayed; null for none.
     * @param counters           the data plane's counters.
     * @throws IllegalArgumentException when a redirect session is given without a redirect path.
     */
    public ReplayAgent(
        final RingBuffer<PacketRef> ringB,
        final ShadowFabric fabric,
        final List<MirrorSession> sessions,
        final FlowSampler sampler,
        final long replayDelayNs,
        final EpochNanoClock clock,
        final LongConsumer fabricTimeListener,
        final RedirectPath redirectPath,
        final PolicerFeed policerFeed,
        final DataPlaneCounters counters)
    {
        this.ringB = ringB;
        this.poller = ringB.newPoller();
        ringB.addGatingSequences(poller.getSequence());
        this.fabric = fabric;
        this.sampler = sampler;
        this.replayDelayNs = replayDelayNs;
        this.clock = clock;
        this.fabricTimeListener = fabricTimeListener;
        this.ingressBySession = new boolean[sessions.size()];
        this.redirectBySession = new boolean[sessions.size()];
        this.redirectPath = redirectPath;
        this.deviceBySession = new int[sessions.size()];
        this.portBySession = new int[sessions.size()];
        this.policerFeed = policerFeed;
        this.liveOriginBySession = new int[sessions.size()];
        final FabricTopology topology = fabric.topology();
        for (int i = 0; i < sessions.size(); i++)
        {
            final MirrorSession session = sessions.get(i);
            ingressBySession[i] = Direction.INGRESS == session.direction();
            redirectBySession[i] = Direction.REDIRECT == session.direction();
            if (redirectBySession[i] && null == redirectPath)
            {
                throw new IllegalArgumentException("redirect session of VNI " + session.vni() + " at " +
                    session.device() + ":" + session.port() + " needs a redirect path");
            }
            final int device = topology.deviceIndex(session.device());
            final int port = device < 0 ? OUTSIDE : topology.portIndex(device, session.port());
            deviceBySession[i] = port < 0 ? OUTSIDE : device;
            portBySession[i] = port;
            liveOriginBySession[i] = null == policerFeed ? OUTSIDE : policerFeed.hostOrigin(session);
        }
        this.injected = counters.counter(INJECTED);
        this.sampledOut = counters.counter(SAMPLED_OUT);
        this.outsideShadow = counters.counter(OUTSIDE_SHADOW);
        this.destinationOutsideShadow = counters.counter(DESTINATION_OUTSIDE_SHADOW);
        final List<Ipv4Prefix> subnets = topology.devices().stream()
            .flatMap(device -> device.hostSubnets().stream())
            .map(Ipv4Prefix::parse)
            .toList();
        this.shadowSubnetAddresses = subnets.stream().mapToInt(Ipv4Prefix::address).toArray();
        this.shadowSubnetMasks = subnets.stream().mapToInt(Ipv4Prefix::mask).toArray();
        this.notIpv4 = counters.counter(NOT_IPV4);
        this.ipv6Skipped = counters.counter(IPV6_SKIPPED);
        this.behindSchedule = counters.counter(BEHIND_SCHEDULE);
    }

    @Override
    public String roleName()
    {
        return "replay";
    }

    @Override
    public int doWork() throws Exception
    {
        final long nowNs = Math.max(fabricTimeNs, clock.nanoTime() - replayDelayNs);
        final long previousFabricTimeNs = fabricTimeNs;
        fabricTimeNs = nowNs;
        polled = 0;
        final long next = poller.getSequence().get() + 1;
        if (ringB.isAvailable(next) && isDue(ringB.get(next).event))
        {
            lastInjectNs = Math.max(lastInjectNs, previousFabricTimeNs);
            poller.poll(handler);
        }
        final int events = fabric.advanceTo(nowNs);
        if (null != redirectPath)
        {
            redirectPath.flush();
        }
        fabricTimeListener.accept(nowNs);
        return polled + events;
    }

    private boolean onPacket(final PacketRef ref, final long sequence, final boolean endOfBatch)
    {
        polled++;
        final PacketEvent event = ref.event;
        if (redirectBySession[event.sessionIndex])
        {
            redirect(event);
        }
        else if (isReplayed(event))
        {
            long injectNs = event.timestampNs;
            if (injectNs < lastInjectNs)
            {
                injectNs = lastInjectNs;
                behindSchedule.incrementRelease();
            }
            final int session = event.sessionIndex;
            event.packet.token = FabricPacket.NO_TOKEN;
            fabric.inject(event.packet, deviceBySession[session], portBySession[session], injectNs);
            lastInjectNs = injectNs;
            injected.incrementRelease();
        }
        else if (OUTSIDE != liveOriginBySession[event.sessionIndex] && event.isIpv4())
        {
            policerFeed.onLivePacket(event.packet, liveOriginBySession[event.sessionIndex],
                Math.max(event.timestampNs, lastInjectNs));
        }
        final long next = sequence + 1;
        return !ringB.isAvailable(next) || isDue(ringB.get(next).event);
    }

    private void redirect(final PacketEvent event)
    {
        final int session = event.sessionIndex;
        final long injectNs = Math.max(event.timestampNs, lastInjectNs);
        final boolean insideShadow = OUTSIDE != deviceBySession[session] && event.isIpv4() &&
            isShadowDestination(event.packet.dstIp);
        final int token = redirectPath.admit(event, insideShadow, injectNs);
        if (FabricPacket.NO_TOKEN != token)
        {
            event.packet.token = token;
            fabric.inject(event.packet, deviceBySession[session], portBySession[session], injectNs);
        }
        lastInjectNs = injectNs;
    }

    private boolean isDue(final PacketEvent event)
    {
        return event.timestampNs <= fabricTimeNs || !isCandidate(event);
    }

    private boolean isCandidate(final PacketEvent event)
    {
        final int session = event.sessionIndex;
        return redirectBySession[session] || ingressBySession[session] && event.isIpv4() && OUTSIDE != deviceBySession[session] &&
            sampler.selects(event.packet.flowHash);
    }

    private boolean isReplayed(final PacketEvent event)
    {
        final int session = event.sessionIndex;
        if (!ingressBySession[session])
        {
            return false;
        }
        if (!event.isIpv4())
        {
            (DecodeResult.IPV6 == event.decodeResult ? ipv6Skipped : notIpv4).incrementRelease();
            return false;
        }
        if (!sampler.selects(event.packet.flowHash))
        {
            sampledOut.incrementRelease();
            return false;
        }
        if (OUTSIDE == deviceBySession[session])
        {
            outsideShadow.incrementRelease();
            return false;
        }
        if (!isShadowDestination(event.packet.dstIp))
        {
            destinationOutsideShadow.incrementRelease();
            return false;
        }
        return true;
    }

    private boolean isShadowDestination(final int dstIp)
    {
        for (int i = 0; i < shadowSubnetAddresses.length; i++)
        {
            if ((dstIp & shadowSubnetMasks[i]) == shadowSubnetAddresses[i])
            {
                return true;
            }
        }
        return false;
    }
}
