package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;

import java.util.Objects;

/**
 * One AF_PACKET capture of a raw SPAN port ({@code capture.af-packet[i]}): the interface the SPAN port is cabled
 * to, the mirror session of the profile it stands for (device, port, direction), and the shape of the kernel's
 * TPACKET_V3 ring. {@link ConfigLoader} checks the values; the mirror session is looked up when the appliance
 * starts.
 *
 * @param interfaceName  the interface to capture on, {@code interface}; null when the file leaves it out.
 * @param device         the mirrored device, {@code device}, as the profile's mirror session names it.
 * @param port           the mirrored port, {@code port}.
 * @param direction      the mirrored direction, {@code direction}: ingress or egress.
 * @param blockSizeBytes the size of a ring block, {@code block-size}: a power of two of at least 4KiB.
 * @param blockCount     the number of blocks, {@code block-count}.
 * @param frameSizeBytes the kernel's nominal frame size, {@code frame-size}: a multiple of 16 dividing the block.
 * @param retireTimeoutNs how long the kernel holds a block that is not full, {@code retire-timeout}: at least 1ms.
 * @param fanoutGroup    the PACKET_FANOUT group shared by several captures of one interface, {@code fanout-group},
 *                       or {@link AfPacketConfig#NO_FANOUT}.
 */
public record AfPacketCapture(
    String interfaceName,
    String device,
    String port,
    Direction direction,
    long blockSizeBytes,
    int blockCount,
    long frameSizeBytes,
    long retireTimeoutNs,
    int fanoutGroup)
{
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /**
     * Binds one entry, giving the ring's fields the source's defaults.
     */
    @JsonCreator
    static AfPacketCapture fromYaml(
        @JsonProperty("interface") final String interfaceName,
        @JsonProperty("device") final String device,
        @JsonProperty("port") final String port,
        @JsonProperty("direction") final Direction direction,
        @JsonProperty("block-size") @JsonDeserialize(using = UnitDeserializers.Bytes.class) final Long blockSizeBytes,
        @JsonProperty("block-count") final Integer blockCount,
        @JsonProperty("frame-size") @JsonDeserialize(using = UnitDeserializers.Bytes.class) final Long frameSizeBytes,
        @JsonProperty("retire-timeout") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long retireTimeoutNs,
        @JsonProperty("fanout-group") final Integer fanoutGroup)
    {
        return new AfPacketCapture(
            interfaceName,
            device,
            port,
            direction,
            Objects.requireNonNullElse(blockSizeBytes, (long)AfPacketConfig.DEFAULT_BLOCK_SIZE_BYTES),
            Objects.requireNonNullElse(blockCount, AfPacketConfig.DEFAULT_BLOCK_COUNT),
            Objects.requireNonNullElse(frameSizeBytes, (long)AfPacketConfig.DEFAULT_FRAME_SIZE_BYTES),
            Objects.requireNonNullElse(retireTimeoutNs, AfPacketConfig.DEFAULT_RETIRE_TIMEOUT_MS * NANOS_PER_MILLI),
            Objects.requireNonNullElse(fanoutGroup, AfPacketConfig.NO_FANOUT));
    }

    /**
     * The data plane's configuration of this capture, feeding the mirror session at an index of the profile.
     *
     * @param sessionIndex the index of the mirror session this capture stands for.
     * @return the data plane's capture configuration.
     */
    public AfPacketConfig toAfPacketConfig(final int sessionIndex)
    {
        return new AfPacketConfig(interfaceName, sessionIndex, direction, (int)blockSizeBytes, blockCount,
            (int)frameSizeBytes, (int)(retireTimeoutNs / NANOS_PER_MILLI), fanoutGroup);
    }
}
