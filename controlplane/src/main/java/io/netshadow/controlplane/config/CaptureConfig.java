package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netshadow.controlplane.yaml.Units;
import io.netshadow.controlplane.yaml.YamlFile;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw SPAN ports the appliance captures itself ({@code capture:}), beside the VXLAN and GENEVE ingest.
 *
 * @param afPacket the AF_PACKET captures, {@code af-packet}, each standing for one mirror session of the profile;
 *                 empty for none.
 */
public record CaptureConfig(List<AfPacketCapture> afPacket)
{
    private static final int MAX_INTERFACE_NAME_LENGTH = 15;
    private static final long MIN_BLOCK_SIZE_BYTES = 4096;
    private static final long MAX_BLOCK_SIZE_BYTES = 1L << 30;
    private static final int FRAME_ALIGNMENT_BYTES = 16;
    private static final long MIN_RETIRE_TIMEOUT_NS = 1_000_000L;
    private static final long MAX_RETIRE_TIMEOUT_NS = 60_000_000_000L;
    private static final int MAX_FANOUT_GROUP = 0xFFFF;

    /** No captures: every mirror session arrives over VXLAN or GENEVE. */
    public static final CaptureConfig DEFAULT = new CaptureConfig(List.of());

    /**
     * Keeps the list as given, never null.
     */
    public CaptureConfig
    {
        afPacket = null == afPacket ? List.of() : List.copyOf(afPacket);
    }

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static CaptureConfig fromYaml(@JsonProperty("af-packet") final List<AfPacketCapture> afPacket)
    {
        return new CaptureConfig(null == afPacket ? DEFAULT.afPacket : afPacket.stream()
            .map(capture -> null == capture ? AfPacketCapture.fromYaml(
                null, null, null, null, null, null, null, null, null) : capture)
            .toList());
    }

    /**
     * Reports every bad field of the section to the file it came from.
     */
    void check(final YamlFile yaml)
    {
        final Map<String, Integer> firstByInterface = new HashMap<>();
        final List<AfPacketCapture> captures = afPacket;
        for (int i = 0; i < captures.size(); i++)
        {
            final AfPacketCapture entry = captures.get(i);
            final String path = "capture.af-packet[" + i + "].";
            if (yaml.require(entry.interfaceName(), path + "interface"))
            {
                checkInterface(yaml, path, i, entry, captures, firstByInterface);
            }
            requireName(yaml, entry.device(), path + "device", "the mirrored device, as the profile names it");
            requireName(yaml, entry.port(), path + "port", "the mirrored port, as the profile names it");
            yaml.require(entry.direction(), path + "direction");
            final long blockSizeBytes = entry.blockSizeBytes();
            final boolean blockSizeValid = blockSizeBytes >= MIN_BLOCK_SIZE_BYTES &&
                blockSizeBytes <= MAX_BLOCK_SIZE_BYTES && Long.bitCount(blockSizeBytes) == 1;
            if (!blockSizeValid)
            {
                yaml.error(path + "block-size", "must be a power of two from 4KiB to 1GiB, such as 1MiB; got " +
                    blockSizeBytes);
            }
            if (entry.blockCount() < 1)
            {
                yaml.error(path + "block-count", "must be at least 1, got " + entry.blockCount());
            }
            else if (blockSizeValid && blockSizeBytes * entry.blockCount() > MAX_BLOCK_SIZE_BYTES)
            {
                yaml.error(path + "block-count", "the ring (block-size times block-count) must be at most 1GiB; " +
                    "got " + entry.blockCount() + " blocks of " + blockSizeBytes + " bytes");
            }
            final long frameSizeBytes = entry.frameSizeBytes();
            if (frameSizeBytes < FRAME_ALIGNMENT_BYTES || frameSizeBytes % FRAME_ALIGNMENT_BYTES != 0 ||
                (blockSizeValid && blockSizeBytes % frameSizeBytes != 0))
            {
                yaml.error(path + "frame-size", "must be a multiple of 16 that divides block-size (" +
                    blockSizeBytes + "), such as 2KiB; got " + frameSizeBytes);
            }
            if (entry.retireTimeoutNs() < MIN_RETIRE_TIMEOUT_NS || entry.retireTimeoutNs() > MAX_RETIRE_TIMEOUT_NS)
            {
                yaml.error(path + "retire-timeout", "must be from 1ms to 60s (the kernel counts milliseconds); " +
                    "got " + Units.formatDurationNs(entry.retireTimeoutNs()));
            }
            if (AfPacketConfig.NO_FANOUT != entry.fanoutGroup() &&
                (entry.fanoutGroup() < 0 || entry.fanoutGroup() > MAX_FANOUT_GROUP))
            {
                yaml.error(path + "fanout-group", "must be from 0 to 65535, got " + entry.fanoutGroup());
            }
        }
    }

    private static void checkInterface(
        final YamlFile yaml,
        final String path,
        final int index,
        final AfPacketCapture entry,
        final List<AfPacketCapture> captures,
        final Map<String, Integer> firstByInterface)
    {
        final String name = entry.interfaceName();
        if (name.isBlank() || name.length() > MAX_INTERFACE_NAME_LENGTH || name.contains("/") ||
            name.chars().anyMatch(Character::isWhitespace))
        {
            yaml.error(path + "interface", "must be an interface name of 1 to 15 characters without spaces or " +
                "'/', such as eth1; got '" + name + "'");
            return;
        }
        final Integer first = firstByInterface.putIfAbsent(name, index);
        if (null != first && (AfPacketConfig.NO_FANOUT == entry.fanoutGroup() ||
            entry.fanoutGroup() != captures.get(first).fanoutGroup()))
        {
            yaml.error(path + "interface", name + " is captured by capture.af-packet[" + first + "] too; captures " +
                "that share an interface need the same fanout-group");
        }
    }

    private static void requireName(final YamlFile yaml, final String value, final String path, final String what)
    {
        if (yaml.require(value, path) && value.isBlank())
        {
            yaml.error(path, "needs " + what);
        }
    }
}
