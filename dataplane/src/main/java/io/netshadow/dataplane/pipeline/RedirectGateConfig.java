package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.device.Ipv4Prefix;

import java.util.List;
import java.util.Objects;

/**
 * What bounds redirection: how large a share of flows and how many packets per second may be steered through the
 * shadow, which traffic never is, and when shadow KPIs close the gate and open it again. The constructor checks
 * every field and says which one is wrong.
 *
 * @param share                    the share of flows redirected while the gate is open, in [0, {@code maxShare}].
 * @param maxShare                 the ceiling on the share, in [0, 1]; a larger requested share is clamped to it.
 * @param maxRatePps               the ceiling on redirected packets per second; at least 1.
 * @param rateBurstNs              how far ahead of the rate a burst may run, in nanoseconds.
 * @param excludedPrefixes         traffic from or to these prefixes is never redirected.
 * @param excludedProtocols        IP protocol numbers never redirected (OSPF 89, VRRP 112, ...).
 * @param excludedTcpPorts         TCP ports (source or destination) never redirected (BGP 179, ...).
 * @param excludedUdpPorts         UDP ports (source or destination) never redirected (BFD 3784-3785, ...).
 * @param closeLossRatio           a shadow interval with more loss than this is degraded.
 * @param closeLatencyP99Ns        a shadow interval with a higher p99 latency than this is degraded.
 * @param closeAfterIntervals      consecutive degraded intervals that close the gate.
 * @param reopenLossRatio          a closed gate counts an interval good only at or below this loss.
 * @param reopenLatencyP99Ns       ... and at or below this p99 latency.
 * @param reopenAfterIntervals     consecutive good intervals that reopen a closed gate.
 * @param maxFlows                 the most flows redirected at once; new ones beyond it are refused.
 * @param flowIdleTimeoutNs        a redirected flow with no packet for this long has ended.
 */
public record RedirectGateConfig(
    double share,
    double maxShare,
    long maxRatePps,
    long rateBurstNs,
    List<Ipv4Prefix> excludedPrefixes,
    List<Integer> excludedProtocols,
    List<Integer> excludedTcpPorts,
    List<Integer> excludedUdpPorts,
    double closeLossRatio,
    long closeLatencyP99Ns,
    int closeAfterIntervals,
    double reopenLossRatio,
    long reopenLatencyP99Ns,
    int reopenAfterIntervals,
    int maxFlows,
    long flowIdleTimeoutNs)
{
    /** IP protocol number of OSPF. */
    public static final int PROTOCOL_OSPF = 89;
    /** IP protocol number of VRRP. */
    public static final int PROTOCOL_VRRP = 112;
    /** IP protocol number of PIM. */
    public static final int PROTOCOL_PIM = 103;
    /** TCP port of BGP. */
    public static final int TCP_PORT_BGP = 179;
    /** TCP port of LDP sessions. */
    public static final int TCP_PORT_LDP = 646;
    /** UDP port of single-hop BFD control. */
    public static final int UDP_PORT_BFD_CONTROL = 3784;
    /** UDP port of BFD echo. */
    public static final int UDP_PORT_BFD_ECHO = 3785;
    /** UDP port of multi-hop BFD. */
    public static final int UDP_PORT_BFD_MULTIHOP = 4784;

    /**
     * Checks every field and copies the lists.
     *
     * @throws IllegalArgumentException naming the first field out of range.
     */
    public RedirectGateConfig
    {
        require(maxShare >= 0.0 && maxShare <= 1.0, "maxShare must be in [0, 1]: " + maxShare);
        require(share >= 0.0 && share <= maxShare, "share must be in [0, maxShare (" + maxShare + ")]: " + share);
        require(maxRatePps >= 1, "maxRatePps must be at least 1: " + maxRatePps);
        require(rateBurstNs >= 0, "rateBurstNs must not be negative: " + rateBurstNs);
        excludedPrefixes = List.copyOf(Objects.requireNonNull(excludedPrefixes, "excludedPrefixes"));
        excludedProtocols = List.copyOf(Objects.requireNonNull(excludedProtocols, "excludedProtocols"));
        excludedTcpPorts = List.copyOf(Objects.requireNonNull(excludedTcpPorts, "excludedTcpPorts"));
        excludedUdpPorts = List.copyOf(Objects.requireNonNull(excludedUdpPorts, "excludedUdpPorts"));
        for (final int protocol : excludedProtocols)
        {
            require(protocol >= 0 && protocol <= 0xFF, "excluded protocol must be 0..255: " + protocol);
        }
        for (final int port : excludedTcpPorts)
        {
            require(port >= 0 && port <= 0xFFFF, "excluded TCP port must be 0..65535: " + port);
        }
        for (final int port : excludedUdpPorts)
        {
            require(port >= 0 && port <= 0xFFFF, "excluded UDP port must be 0..65535: " + port);
        }
        require(closeLossRatio >= 0.0 && closeLossRatio <= 1.0, "closeLossRatio must be in [0, 1]: " + closeLossRatio);
        require(closeLatencyP99Ns > 0, "closeLatencyP99Ns must be positive: " + closeLatencyP99Ns);
        require(closeAfterIntervals >= 1, "closeAfterIntervals must be at least 1: " + closeAfterIntervals);
        require(reopenLossRatio >= 0.0 && reopenLossRatio <= closeLossRatio,
            "reopenLossRatio must be in [0, closeLossRatio (" + closeLossRatio + ")]: " + reopenLossRatio);
        require(reopenLatencyP99Ns > 0 && reopenLatencyP99Ns <= closeLatencyP99Ns,
            "reopenLatencyP99Ns must be in (0, closeLatencyP99Ns (" + closeLatencyP99Ns + ")]: " +
            reopenLatencyP99Ns);
        require(reopenAfterIntervals >= 1, "reopenAfterIntervals must be at least 1: " + reopenAfterIntervals);
        require(maxFlows >= 1, "maxFlows must be at least 1: " + maxFlows);
        require(flowIdleTimeoutNs > 0, "flowIdleTimeoutNs must be positive: " + flowIdleTimeoutNs);
    }

    /**
     * The defaults: nothing redirected (share 0, ceiling 5% of flows, 10,000 packets/s with a 10 ms burst);
     * OSPF, VRRP, PIM, BGP, LDP and BFD excluded; the gate closes after 3 intervals above 1% loss or 50 ms p99
     * latency and reopens after 5 intervals at or below 0.1% loss and 20 ms; 65,536 flows at most, idle after 30 s.
     *
     * @return the default configuration.
     */
    public static RedirectGateConfig defaults()
    {
        return new RedirectGateConfig(
            0.0,
            0.05,
            10_000,
            10_000_000L,
            List.of(),
            List.of(PROTOCOL_OSPF, PROTOCOL_VRRP, PROTOCOL_PIM),
            List.of(TCP_PORT_BGP, TCP_PORT_LDP),
            List.of(UDP_PORT_BFD_CONTROL, UDP_PORT_BFD_ECHO, UDP_PORT_BFD_MULTIHOP),
            0.01,
            50_000_000L,
            3,
            0.001,
            20_000_000L,
            5,
            65_536,
            30_000_000_000L);
    }

    /**
     * This configuration with another share and ceiling.
     *
     * @param share    the share of flows redirected, in [0, {@code maxShare}].
     * @param maxShare the ceiling on the share, in [0, 1].
     * @return the new configuration.
     */
    public RedirectGateConfig withShares(final double share, final double maxShare)
    {
        return new RedirectGateConfig(
            share,
            maxShare,
            maxRatePps,
            rateBurstNs,
            excludedPrefixes,
            excludedProtocols,
            excludedTcpPorts,
            excludedUdpPorts,
            closeLossRatio,
            closeLatencyP99Ns,
            closeAfterIntervals,
            reopenLossRatio,
            reopenLatencyP99Ns,
            reopenAfterIntervals,
            maxFlows,
            flowIdleTimeoutNs);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("redirect gate config: " + message);
        }
    }
}
