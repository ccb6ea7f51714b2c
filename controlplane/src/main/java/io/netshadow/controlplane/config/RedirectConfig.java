package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.HostPort;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.controlplane.yaml.Units;
import io.netshadow.controlplane.yaml.YamlFile;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.pipeline.RedirectGateConfig;
import io.netshadow.dataplane.pipeline.RedirectReturnConfig;

import java.net.InetSocketAddress;
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

    /**
     * Where redirected traffic goes back; call only on a section {@link ConfigLoader} has checked.
     *
     * @return the return endpoint, VNI and frame slots, or null when no {@code return-to} is set.
     * @throws IllegalArgumentException when the {@code return-to} host does not resolve.
     */
    public RedirectReturnConfig returnConfig()
    {
        if (null == returnTo)
        {
            return null;
        }
        final HostPort address = HostPort.parse(returnTo, HostPort.PORT_REQUIRED, "return-to address");
        final InetSocketAddress endpoint = new InetSocketAddress(address.host(), address.port());
        if (endpoint.isUnresolved())
        {
            throw new IllegalArgumentException("redirect.return-to: cannot resolve host '" + address.host() + "'");
        }
        return new RedirectReturnConfig(endpoint, returnVni, frameSlots);
    }

    /**
     * Reports every bad field of the section to the file it came from.
     */
    void check(final YamlFile yaml)
    {
        if (share < 0.0 || share > maxShare)
        {
            yaml.error("redirect.share", "must be between 0% and max-share (" + Units.formatShare(maxShare) +
                "), got " + Units.formatShare(share));
        }
        if (maxRatePps < 1)
        {
            yaml.error("redirect.max-rate", "must be at least 1 packet per second, got " + maxRatePps);
        }
        if (rateBurstNs < 0)
        {
            yaml.error("redirect.rate-burst", "must not be negative");
        }
        for (int i = 0; i < excludedPrefixes.size(); i++)
        {
            try
            {
                Ipv4Prefix.parse(excludedPrefixes.get(i));
            }
            catch (final IllegalArgumentException ex)
            {
                yaml.error("redirect.exclude-prefixes[" + i + "]", ex.getMessage());
            }
        }
        checkRange(yaml, "redirect.exclude-protocols", excludedProtocols, 255);
        checkRange(yaml, "redirect.exclude-tcp-ports", excludedTcpPorts, 65_535);
        checkRange(yaml, "redirect.exclude-udp-ports", excludedUdpPorts, 65_535);
        if (reopenLossRatio < 0.0 || reopenLossRatio > closeLossRatio)
        {
            yaml.error("redirect.reopen-loss-ratio", "must be between 0% and close-loss-ratio (" +
                Units.formatShare(closeLossRatio) + "), got " + Units.formatShare(reopenLossRatio));
        }
        if (closeLatencyP99Ns <= 0)
        {
            yaml.error("redirect.close-latency-p99", "must be above zero");
        }
        else if (reopenLatencyP99Ns <= 0 || reopenLatencyP99Ns > closeLatencyP99Ns)
        {
            yaml.error("redirect.reopen-latency-p99", "must be above zero and at most close-latency-p99 (" +
                Units.formatDurationNs(closeLatencyP99Ns) + ")");
        }
        checkAtLeastOne(yaml, "redirect.close-after-intervals", closeAfterIntervals);
        checkAtLeastOne(yaml, "redirect.reopen-after-intervals", reopenAfterIntervals);
        checkAtLeastOne(yaml, "redirect.max-flows", maxFlows);
        checkAtLeastOne(yaml, "redirect.frame-slots", frameSlots);
        if (flowIdleTimeoutNs <= 0)
        {
            yaml.error("redirect.flow-idle-timeout", "must be above zero");
        }
        if (returnVni < 1 || returnVni > 0xFF_FFFF)
        {
            yaml.error("redirect.return-vni", "must be between 1 and 16777215, got " + returnVni);
        }
        if (null != returnTo)
        {
            try
            {
                HostPort.parse(returnTo, HostPort.PORT_REQUIRED, "return-to address");
            }
            catch (final IllegalArgumentException ex)
            {
                yaml.error("redirect.return-to", ex.getMessage() + ", such as 192.0.2.1:4789");
            }
        }
    }

    private static void checkRange(final YamlFile yaml, final String path, final List<Integer> values, final int max)
    {
        for (int i = 0; i < values.size(); i++)
        {
            if (values.get(i) < 0 || values.get(i) > max)
            {
                yaml.error(path + "[" + i + "]", "must be between 0 and " + max + ", got " + values.get(i));
            }
        }
    }

    private static void checkAtLeastOne(final YamlFile yaml, final String path, final int value)
    {
        if (value < 1)
        {
            yaml.error(path, "must be at least 1, got " + value);
        }
    }
}
