package io.netshadow.controlplane.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.SourceKind;

import java.util.List;

/**
 * A profile file as written, before its references are checked: every field may be missing.
 *
 * @param devices        the {@code devices} list.
 * @param links          the {@code links} list.
 * @param mirrorSessions the {@code mirror-sessions} list.
 */
record ProfileDocument(
    List<DeviceEntry> devices,
    List<LinkEntry> links,
    @JsonProperty("mirror-sessions") List<MirrorSessionEntry> mirrorSessions)
{
    /**
     * A device entry as written.
     *
     * @param name          {@code name}.
     * @param role          {@code role}.
     * @param management    {@code management}, {@code host[:port]}.
     * @param trafficWeight {@code traffic-weight}.
     * @param criticality   {@code criticality}.
     * @param hostSubnets   {@code host-subnets}.
     */
    record DeviceEntry(
        String name,
        DeviceRole role,
        String management,
        @JsonProperty("traffic-weight") Double trafficWeight,
        Criticality criticality,
        @JsonProperty("host-subnets") List<String> hostSubnets)
    {
    }

    /**
     * A link entry as written.
     *
     * @param a           {@code a}, {@code device:port}.
     * @param b           {@code b}, {@code device:port}.
     * @param capacityBps {@code capacity}.
     * @param latencyNs   {@code latency}.
     * @param queueBytes  {@code queue}.
     */
    record LinkEntry(
        String a,
        String b,
        @JsonProperty("capacity") @JsonDeserialize(using = UnitDeserializers.Bps.class) Long capacityBps,
        @JsonProperty("latency") @JsonDeserialize(using = UnitDeserializers.DurationNs.class) Long latencyNs,
        @JsonProperty("queue") @JsonDeserialize(using = UnitDeserializers.Bytes.class) Long queueBytes)
    {
    }

    /**
     * A mirror session entry as written.
     *
     * @param vni       {@code vni}: the VNI, or the ERSPAN session id when the kind is ERSPAN.
     * @param device    {@code device}.
     * @param port      {@code port}.
     * @param direction {@code direction}.
     * @param kind      {@code kind}, the encapsulation; VXLAN when left out.
     */
    record MirrorSessionEntry(Integer vni, String device, String port, Direction direction, SourceKind kind)
    {
    }
}
