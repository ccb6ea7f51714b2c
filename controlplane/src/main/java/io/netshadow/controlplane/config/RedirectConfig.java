package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.pipeline.RedirectGateConfig;

import java.util.List;
import java.util.Objects;

/**
 * Redirection of the live network's own traffic through the shadow ({@code redirect:}): which steered flows cross
 * it, the safety gate's bounds, and where frames go back to the live network. Packets arrive on the profile's
 * mirror sessions with {@code direction: redirect}.
 *
 * @param share                the share of steered flows sent through the shadow while the gate is open,
 *                             {@code share}.
 * @param maxShare             the ceiling on that share, {@code max-share}.
 * @param maxRatePps           the ceiling on redirected packets per second, {@code max-rate}.
 * @param rateBurstNs          how far ahead of that rate a burst may run, {@code rate-burst}.
 * @param excludedPrefixes     prefixes never redirected, {@code exclude-prefixes}.
 * @param excludedProtocols    IP protocols never redirected, {@code exclude-protocols}.
 * @param excludedTcpPorts     TCP ports never redirected, {@code exclude-tcp-ports}.
 * @param excludedUdpPorts     UDP ports never redirected, {@code exclude-udp-ports}.
 * @param closeLossRatio       shadow loss above which an interval is degraded, {@code close-loss-ratio}.
 * @param closeLatencyP99Ns    shadow p99 latency above which an interval is degraded, {@code close-latency-p99}.
 * @param closeAfterIntervals  degraded intervals in a row that close the gate, {@code close-after-intervals}.
 * @param reopenLossRatio      loss at or below which a closed gate counts an interval good, {@code reopen-loss-ratio}.
 * @param reopenLatencyP99Ns   p99 latency at or below which it does, {@code reopen-latency-p99}.
 * @param reopenAfterIntervals good intervals in a row that reopen it, {@code reopen-after-intervals}.
 * @param maxFlows             flows redirected at once at most, {@code max-flows}.
 * @param flowIdleTimeoutNs    a redirected flow idle this long has ended, {@code flow-idle-timeout}.
 * @param returnTo             the live network's VXLAN endpoint frames go back to, {@code return-to}
 *                             ({@code host:port}); needed when the profile has a redirect session.
 * @param returnVni            the VNI of the frames sent back, {@code return-vni}.
 * @param frameSlots           redirected packets inside the shadow at once at most, {@code frame-slots}; more are
 *                             sent straight back.
 */
public record RedirectConfig(
    double share,
    double maxShare,
    long maxRatePps,
    long rateBurstNs,
    List<String> excludedPrefixes,
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
    long flowIdleTimeoutNs,
    String returnTo,
    int returnVni,
    int frameSlots)
{
    /** The gate's defaults ({@link RedirectGateConfig#defaults()}), no return endpoint, VNI 1, 4096 frame slots. */
    public static final RedirectConfig DEFAULT = of(RedirectGateConfig.defaults(), null, 1, 4096);

    private static RedirectConfig of(
        final RedirectGateConfig gate, final String returnTo, final int returnVni, final int frameSlots)
    {
        return new RedirectConfig(gate.share(), gate.maxShare(), gate.maxRatePps(), gate.rateBurstNs(),
            gate.excludedPrefixes().stream().map(Ipv4Prefix::toString).toList(), gate.excludedProtocols(),
            gate.excludedTcpPorts(), gate.excludedUdpPorts(), gate.closeLossRatio(), gate.closeLatencyP99Ns(),
            gate.closeAfterIntervals(), gate.reopenLossRatio(), gate.reopenLatencyP99Ns(),
            gate.reopenAfterIntervals(), gate.maxFlows(), gate.flowIdleTimeoutNs(), returnTo, returnVni, frameSlots);
    }

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static RedirectConfig fromYaml(
        @JsonProperty("share") @JsonDeserialize(using = UnitDeserializers.Share.class) final Double share,
        @JsonProperty("max-share") @JsonDeserialize(using = UnitDeserializers.Share.class) final Double maxShare,
        @JsonProperty("max-rate") final Long maxRatePps,
        @JsonProperty("rate-burst") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long rateBurstNs,
        @JsonProperty("exclude-prefixes") final List<String> excludedPrefixes,
        @JsonProperty("exclude-protocols") final List<Integer> excludedProtocols,
        @JsonProperty("exclude-tcp-ports") final List<Integer> excludedTcpPorts,
        @JsonProperty("exclude-udp-ports") final List<Integer> excludedUdpPorts,
        @JsonProperty("close-loss-ratio") @JsonDeserialize(using = UnitDeserializers.Share.class)
        final Double closeLossRatio,
        @JsonProperty("close-latency-p99") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long closeLatencyP99Ns,
        @JsonProperty("close-after-intervals") final Integer closeAfterIntervals,
        @JsonProperty("reopen-loss-ratio") @JsonDeserialize(using = UnitDeserializers.Share.class)
        final Double reopenLossRatio,
        @JsonProperty("reopen-latency-p99") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long reopenLatencyP99Ns,
        @JsonProperty("reopen-after-intervals") final Integer reopenAfterIntervals,
        @JsonProperty("max-flows") final Integer maxFlows,
        @JsonProperty("flow-idle-timeout") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long flowIdleTimeoutNs,
        @JsonProperty("return-to") final String returnTo,
        @JsonProperty("return-vni") final Integer returnVni,
        @JsonProperty("frame-slots") final Integer frameSlots)
    {
        return new RedirectConfig(
            Objects.requireNonNullElse(share, DEFAULT.share),
            Objects.requireNonNullElse(maxShare, DEFAULT.maxShare),
            Objects.requireNonNullElse(maxRatePps, DEFAULT.maxRatePps),
            Objects.requireNonNullElse(rateBurstNs, DEFAULT.rateBurstNs),
            Objects.requireNonNullElse(excludedPrefixes, DEFAULT.excludedPrefixes),
            Objects.requireNonNullElse(excludedProtocols, DEFAULT.excludedProtocols),
            Objects.requireNonNullElse(excludedTcpPorts, DEFAULT.excludedTcpPorts),
            Objects.requireNonNullElse(excludedUdpPorts, DEFAULT.excludedUdpPorts),
            Objects.requireNonNullElse(closeLossRatio, DEFAULT.closeLossRatio),
            Objects.requireNonNullElse(closeLatencyP99Ns, DEFAULT.closeLatencyP99Ns),
            Objects.requireNonNullElse(closeAfterIntervals, DEFAULT.closeAfterIntervals),
            Objects.requireNonNullElse(reopenLossRatio, DEFAULT.reopenLossRatio),
            Objects.requireNonNullElse(reopenLatencyP99Ns, DEFAULT.reopenLatencyP99Ns),
            Objects.requireNonNullElse(reopenAfterIntervals, DEFAULT.reopenAfterIntervals),
            Objects.requireNonNullElse(maxFlows, DEFAULT.maxFlows),
            Objects.requireNonNullElse(flowIdleTimeoutNs, DEFAULT.flowIdleTimeoutNs),
            returnTo,
            Objects.requireNonNullElse(returnVni, DEFAULT.returnVni),
            Objects.requireNonNullElse(frameSlots, DEFAULT.frameSlots));
    }

    /**
     * The gate's configuration; call only on a section {@link ConfigLoader} has checked.
     *
     * @return the gate's bounds and thresholds.
     */
    public RedirectGateConfig gate()
    {
        return new RedirectGateConfig(share, maxShare, maxRatePps, rateBurstNs,
            excludedPrefixes.stream().map(Ipv4Prefix::parse).toList(), excludedProtocols, excludedTcpPorts,
            excludedUdpPorts, closeLossRatio, closeLatencyP99Ns, closeAfterIntervals, reopenLossRatio,
            reopenLatencyP99Ns, reopenAfterIntervals, maxFlows, flowIdleTimeoutNs);
    }
}
