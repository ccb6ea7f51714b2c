package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.meter.Kpi;
import io.netshadow.dataplane.meter.KpiSink;
import io.netshadow.dataplane.meter.Side;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * The safety gate in front of redirection: redirected packets are real users' traffic crossing the shadow, so the
 * gate decides, flow by flow, which may be, and stops when the shadow degrades.
 * <p>
 * A flow is redirected when its flow hash falls in the top band of hashes the redirect share covers (whole flows,
 * both directions alike), it touches no excluded prefix, protocol or port, the gate is open, fewer than
 * {@code maxFlows} flows are redirected, and the packet rate ceiling has room. Once admitted a flow stays
 * redirected until it idles out, the rate ceiling hands it back, or the gate closes: closing hands every
 * redirected flow back to the live path, and no new flow is admitted until the gate reopens.
 * <p>
 * The gate closes after {@code closeAfterIntervals} consecutive shadow intervals with loss or p99 latency above
 * the close thresholds, and reopens only after {@code reopenAfterIntervals} consecutive intervals at or below the
 * lower reopen thresholds (hysteresis). It learns intervals from the shadow meter's KPI samples as a
 * {@link KpiSink}: an interval is judged as soon as its loss shows degradation, when its p99 latency arrives, or
 * when the next interval begins. Every decision is counted.
 * <p>
 * Threads: {@link #redirects} from one data-path thread (it owns the flow table and allocates nothing);
 * {@link #onKpi} and {@link #onInterval} from one KPI thread; {@link #requestShare} and {@link #isOpen} from any.
 */
public final class RedirectGate implements KpiSink
{
    /** Counter label: packets redirected. */
    public static final String REDIRECTED = "redirect.redirected";
    /** Counter label: flows admitted for redirection. */
    public static final String FLOWS_ADMITTED = "redirect.flows_admitted";
    /** Counter label: packets of selected flows kept on the live path for an excluded prefix, protocol or port. */
    public static final String EXCLUDED = "redirect.excluded";
    /** Counter label: new flows refused because the gate is closed. */
    public static final String REFUSED_CLOSED = "redirect.refused_closed";
    /** Counter label: new flows refused because the rate ceiling had no room. */
    public static final String REFUSED_RATE = "redirect.refused_rate";
    /** Counter label: new flows refused because {@code maxFlows} flows are redirected. */
    public static final String REFUSED_FLOW_TABLE_FULL = "redirect.refused_flow_table_full";
    /** Counter label: redirected flows handed back to the live path because the gate closed. */
    public static final String HANDED_BACK_CLOSED = "redirect.handed_back_closed";
    /** Counter label: redirected flows handed back to the live path because the rate ceiling had no room. */
    public static final String HANDED_BACK_RATE = "redirect.handed_back_rate";
    /** Counter label: redirected flows that ended by idling out. */
    public static final String FLOWS_EXPIRED = "redirect.flows_expired";
    /** Counter label: times the gate closed on shadow degradation. */
    public static final String GATE_CLOSED = "redirect.gate_closed";
    /** Counter label: times the gate reopened. */
    public static final String GATE_REOPENED = "redirect.gate_reopened";
    /** Counter label: shadow intervals judged degraded. */
    public static final String DEGRADED_INTERVALS = "redirect.degraded_intervals";
    /** Counter label: requested shares clamped to the ceiling. */
    public static final String SHARE_CLAMPED = "redirect.share_clamped";
    /** Counter label: 1 while the gate is open, 0 while closed. */
    public static final String GATE_OPEN = "redirect.gate_open";

    private static final long NO_INTERVAL = Long.MIN_VALUE;
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final int PORT_COUNT = 1 << 16;
    private static final int PROTOCOL_COUNT = 1 << 8;
    private static final long MISSING = -1;

    private final RedirectGateConfig config;
    private final double maxShare;
    private final boolean[] excludedProtocols = new boolean[PROTOCOL_COUNT];
    private final boolean[] excludedTcpPorts = new boolean[PORT_COUNT];
    private final boolean[] excludedUdpPorts = new boolean[PORT_COUNT];
    private final int[] excludedAddresses;
    private final int[] excludedMasks;
    private final long packetCostNs;
    private final long rateBurstNs;
    private final long flowIdleTimeoutNs;
    private final Long2LongHashMap lastSeenNsByFlow;
    private final int maxFlows;

    private final AtomicCounter redirected;
    private final AtomicCounter flowsAdmitted;
    private final AtomicCounter excluded;
    private final AtomicCounter refusedClosed;
    private final AtomicCounter refusedRate;
    private final AtomicCounter refusedFlowTableFull;
    private final AtomicCounter handedBackClosed;
    private final AtomicCounter handedBackRate;
    private final AtomicCounter flowsExpired;
    private final AtomicCounter gateClosed;
    private final AtomicCounter gateReopened;
    private final AtomicCounter degradedIntervals;
    private final AtomicCounter shareClamped;
    private final AtomicCounter gateOpen;

    private volatile long thresholdPositions;
    private volatile boolean open = true;
    private volatile long closures;

    private long closuresSeen;
    private long theoreticalArrivalNs = Long.MIN_VALUE;
    private long nextSweepNs = Long.MIN_VALUE;

    private long intervalEndNs = NO_INTERVAL;
    private double intervalLossRatio;
    private boolean intervalJudged;
    private int degradedStreak;
    private int goodStreak;

    /**
     * A gate, open, with the configured share.
     *
     * @param config   the bounds and thresholds.
     * @param counters the data plane's counters.
     */
    public RedirectGate(final RedirectGateConfig config, final DataPlaneCounters counters)
    {
        this.config = config;
        this.maxShare = config.maxShare();
        for (final int protocol : config.excludedProtocols())
        {
            excludedProtocols[protocol] = true;
        }
        for (final int port : config.excludedTcpPorts())
        {
            excludedTcpPorts[port] = true;
        }
        for (final int port : config.excludedUdpPorts())
        {
            excludedUdpPorts[port] = true;
        }
        final List<Ipv4Prefix> prefixes = config.excludedPrefixes();
        this.excludedAddresses = prefixes.stream().mapToInt(Ipv4Prefix::address).toArray();
        this.excludedMasks = prefixes.stream().mapToInt(Ipv4Prefix::mask).toArray();
        this.packetCostNs = Math.max(1, NS_PER_SECOND / config.maxRatePps());
        this.rateBurstNs = config.rateBurstNs();
        this.flowIdleTimeoutNs = config.flowIdleTimeoutNs();
        this.maxFlows = config.maxFlows();
        this.lastSeenNsByFlow = new Long2LongHashMap(capacityFor(config.maxFlows()), 0.65f, MISSING);
        this.thresholdPositions = FlowSampler.positionsOf(config.share());

        this.redirected = counters.counter(REDIRECTED);
        this.flowsAdmitted = counters.counter(FLOWS_ADMITTED);
        this.excluded = counters.counter(EXCLUDED);
        this.refusedClosed = counters.counter(REFUSED_CLOSED);
        this.refusedRate = counters.counter(REFUSED_RATE);
        this.refusedFlowTableFull = counters.counter(REFUSED_FLOW_TABLE_FULL);
        this.handedBackClosed = counters.counter(HANDED_BACK_CLOSED);
        this.handedBackRate = counters.counter(HANDED_BACK_RATE);
        this.flowsExpired = counters.counter(FLOWS_EXPIRED);
        this.gateClosed = counters.counter(GATE_CLOSED);
        this.gateReopened = counters.counter(GATE_REOPENED);
        this.degradedIntervals = counters.counter(DEGRADED_INTERVALS);
        this.shareClamped = counters.counter(SHARE_CLAMPED);
        this.gateOpen = counters.counter(GATE_OPEN);
        gateOpen.setRelease(1);
    }

    /**
     * Sets the share of flows redirected, clamped to the ceiling. Flows already redirected stay until they end;
     * from now on new flows are selected by the new share. Safe from any thread.
     *
     * @param share the requested share; negative counts as 0.
     * @return the share in force, at most {@code maxShare}.
     */
    public double requestShare(final double share)
    {
        double effective = Math.max(0.0, share);
        if (effective > maxShare)
        {
            shareClamped.incrementRelease();
            effective = maxShare;
        }
        thresholdPositions = FlowSampler.positionsOf(effective);
        return effective;
    }

    /**
     * Whether the gate is open: new flows may be redirected.
     *
     * @return true when open.
     */
    public boolean isOpen()
    {
        return open;
    }

    /**
     * Whether a flow hash lies in the redirect share's band, regardless of exclusions and the gate's state.
     *
     * @param flowHash the flow's hash.
     * @return true when the share selects the flow.
     */
    public boolean selects(final long flowHash)
    {
        return FlowSampler.position(flowHash) >= FlowSampler.POSITIONS - thresholdPositions;
    }

    /**
     * Decides whether one decoded IPv4 packet is redirected through the shadow or stays on the live path, and
     * counts the decision. Call from one data-path thread, with non-decreasing times.
     *
     * @param packet the packet's header facts and flow hash.
     * @param nowNs  the packet's time, nanoseconds since the epoch.
     * @return true to redirect it.
     */
    public boolean redirects(final FabricPacket packet, final long nowNs)
    {
        handBackAfterClosure();
        expireIdleFlows(nowNs);
        final long flowHash = packet.flowHash;
        final boolean known = MISSING != lastSeenNsByFlow.get(flowHash);
        if (!known && !selects(flowHash))
        {
            return false;
        }
        if (isExcluded(packet))
        {
            excluded.incrementRelease();
            return false;
        }
        if (known)
        {
            if (!takeRate(nowNs))
            {
                lastSeenNsByFlow.remove(flowHash);
                handedBackRate.incrementRelease();
                return false;
            }
            lastSeenNsByFlow.put(flowHash, nowNs);
            redirected.incrementRelease();
            return true;
        }
        if (!open)
        {
            refusedClosed.incrementRelease();
            return false;
        }
        if (lastSeenNsByFlow.size() >= maxFlows)
        {
            refusedFlowTableFull.incrementRelease();
            return false;
        }
        if (!takeRate(nowNs))
        {
            refusedRate.incrementRelease();
            return false;
        }
        lastSeenNsByFlow.put(flowHash, nowNs);
        flowsAdmitted.incrementRelease();
        redirected.incrementRelease();
        return true;
    }

    /**
     * How many flows are redirected now. From the data-path thread.
     *
     * @return the number of flows.
     */
    public int redirectedFlowCount()
    {
        return lastSeenNsByFlow.size();
    }

    /**
     * Takes a shadow KPI sample: loss ratio and p99 latency judge intervals; live samples and other KPIs are
     * ignored. From one KPI thread.
     *
     * @param side          the network measured.
     * @param kpi           the indicator.
     * @param intervalEndNs the end of the sample's interval.
     * @param value         the value.
     */
    @Override
    public void onKpi(final Side side, final Kpi kpi, final long intervalEndNs, final double value)
    {
        if (Side.SHADOW != side || (Kpi.LOSS_RATIO != kpi && Kpi.LATENCY_P99_NS != kpi))
        {
            return;
        }
        if (intervalEndNs != this.intervalEndNs)
        {
            if (NO_INTERVAL != this.intervalEndNs && intervalEndNs < this.intervalEndNs)
            {
                return;
            }
            judgePendingInterval();
            this.intervalEndNs = intervalEndNs;
            intervalLossRatio = 0.0;
            intervalJudged = false;
        }
        if (intervalJudged)
        {
            return;
        }
        if (Kpi.LOSS_RATIO == kpi)
        {
            intervalLossRatio = value;
            if (value > config.closeLossRatio())
            {
                intervalJudged = true;
                onInterval(value, Double.NaN);
            }
        }
        else
        {
            intervalJudged = true;
            onInterval(intervalLossRatio, value);
        }
    }

    /**
     * Judges one shadow interval and moves the gate: closes it after enough consecutive degraded intervals,
     * reopens it after enough consecutive good ones. From one KPI thread.
     *
     * @param lossRatio    the interval's loss ratio.
     * @param latencyP99Ns the interval's p99 latency, NaN when nothing was delivered.
     */
    public void onInterval(final double lossRatio, final double latencyP99Ns)
    {
        final boolean hasLatency = !Double.isNaN(latencyP99Ns);
        final boolean degraded = lossRatio > config.closeLossRatio() ||
            (hasLatency && latencyP99Ns > config.closeLatencyP99Ns());
        final boolean good = lossRatio <= config.reopenLossRatio() &&
            (!hasLatency || latencyP99Ns <= config.reopenLatencyP99Ns());
        if (degraded)
        {
            degradedIntervals.incrementRelease();
        }
        if (open)
        {
            degradedStreak = degraded ? degradedStreak + 1 : 0;
            if (degradedStreak >= config.closeAfterIntervals())
            {
                degradedStreak = 0;
                goodStreak = 0;
                closures = closures + 1;
                open = false;
                gateOpen.setRelease(0);
                gateClosed.incrementRelease();
            }
        }
        else
        {
            goodStreak = good ? goodStreak + 1 : 0;
            if (goodStreak >= config.reopenAfterIntervals())
            {
                goodStreak = 0;
                degradedStreak = 0;
                open = true;
                gateOpen.setRelease(1);
                gateReopened.incrementRelease();
            }
        }
    }

    private void judgePendingInterval()
    {
        if (NO_INTERVAL != intervalEndNs && !intervalJudged)
        {
            intervalJudged = true;
            onInterval(intervalLossRatio, Double.NaN);
        }
    }

    private void handBackAfterClosure()
    {
        final long closuresNow = closures;
        if (closuresNow != closuresSeen)
        {
            closuresSeen = closuresNow;
            handedBackClosed.getAndAddRelease(lastSeenNsByFlow.size());
            lastSeenNsByFlow.clear();
        }
    }

    private void expireIdleFlows(final long nowNs)
    {
        if (nowNs < nextSweepNs || lastSeenNsByFlow.isEmpty())
        {
            return;
        }
        nextSweepNs = nowNs + flowIdleTimeoutNs;
        final Long2LongHashMap.EntryIterator entries = lastSeenNsByFlow.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            if (nowNs - entries.getLongValue() >= flowIdleTimeoutNs)
            {
                entries.remove();
                flowsExpired.incrementRelease();
            }
        }
    }

    private boolean takeRate(final long nowNs)
    {
        final long arrivalNs = Math.max(theoreticalArrivalNs, nowNs);
        if (arrivalNs - nowNs > rateBurstNs)
        {
            return false;
        }
        theoreticalArrivalNs = arrivalNs + packetCostNs;
        return true;
    }

    private boolean isExcluded(final FabricPacket packet)
    {
        final int protocol = packet.protocol & 0xFF;
        if (excludedProtocols[protocol])
        {
            return true;
        }
        if (Ipv4Flyweight.PROTOCOL_TCP == protocol &&
            (excludedTcpPorts[packet.srcPort & 0xFFFF] || excludedTcpPorts[packet.dstPort & 0xFFFF]))
        {
            return true;
        }
        if (Ipv4Flyweight.PROTOCOL_UDP == protocol &&
            (excludedUdpPorts[packet.srcPort & 0xFFFF] || excludedUdpPorts[packet.dstPort & 0xFFFF]))
        {
            return true;
        }
        for (int i = 0; i < excludedAddresses.length; i++)
        {
            final int mask = excludedMasks[i];
            if ((packet.srcIp & mask) == excludedAddresses[i] || (packet.dstIp & mask) == excludedAddresses[i])
            {
                return true;
            }
        }
        return false;
    }

    private static int capacityFor(final int maxFlows)
    {
        return Math.max(16, (int)Math.min(1 << 30, (long)(maxFlows / 0.65f) + 1));
    }
}
