package io.netshadow.controlplane.config;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.afpacket.AfPacketConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CaptureConfigTest
{
    @TempDir
    Path dir;

    @Test
    void hasNoCapturesWhenTheSectionIsLeftOut() throws IOException, ConfigException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), "jmx:\n  enabled: false\n");

        assertThat(ConfigLoader.load(file).capture().afPacket()).isEmpty();
    }

    @Test
    void readsAfPacketCapturesWithTheirRingAndFanoutAndDefaultsTheRest() throws IOException, ConfigException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            capture:
              af-packet:
                - interface: eth1
                  device: leaf1
                  port: Ethernet1
                  direction: ingress
                  block-size: 4MiB
                  block-count: 32
                  frame-size: 4KiB
                  retire-timeout: 5ms
                  fanout-group: 7
                - interface: eth2
                  device: leaf1
                  port: Ethernet1
                  direction: egress
            """);

        final List<AfPacketCapture> captures = ConfigLoader.load(file).capture().afPacket();

        assertThat(captures).containsExactly(
            new AfPacketCapture("eth1", "leaf1", "Ethernet1", Direction.INGRESS, 4 << 20, 32, 4096, 5_000_000L, 7),
            new AfPacketCapture("eth2", "leaf1", "Ethernet1", Direction.EGRESS,
                AfPacketConfig.DEFAULT_BLOCK_SIZE_BYTES, AfPacketConfig.DEFAULT_BLOCK_COUNT,
                AfPacketConfig.DEFAULT_FRAME_SIZE_BYTES, AfPacketConfig.DEFAULT_RETIRE_TIMEOUT_MS * 1_000_000L,
                AfPacketConfig.NO_FANOUT));
        assertThat(captures.getFirst().toAfPacketConfig(3)).isEqualTo(
            new AfPacketConfig("eth1", 3, Direction.INGRESS, 4 << 20, 32, 4096, 5, 7));
    }

    @Test
    void reportsEveryBadCaptureFieldAtItsLine() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            capture:
              af-packet:
                - interface: a-name-far-too-long
                  device: leaf1
                  port: Ethernet1
                  direction: ingress
                  block-size: 3000
                  block-count: 0
                  frame-size: 100
                  retire-timeout: 100us
                  fanout-group: 70000
                - device: ""
                  direction: ingress
            """);

        final List<String> errors = errors(file);

        assertThat(errors).containsExactly(
            file + ":3: capture.af-packet[0].interface: must be an interface name of 1 to 15 characters without " +
                "spaces or '/', such as eth1; got 'a-name-far-too-long'",
            file + ":7: capture.af-packet[0].block-size: must be a power of two from 4KiB to 1GiB, such as 1MiB; " +
                "got 3000",
            file + ":8: capture.af-packet[0].block-count: must be at least 1, got 0",
            file + ":9: capture.af-packet[0].frame-size: must be a multiple of 16 that divides block-size (3000), " +
                "such as 2KiB; got 100",
            file + ":10: capture.af-packet[0].retire-timeout: must be from 1ms to 60s (the kernel counts " +
                "milliseconds); got 100us",
            file + ":11: capture.af-packet[0].fanout-group: must be from 0 to 65535, got 70000",
            file + ":12: capture.af-packet[1].interface: missing",
            file + ":12: capture.af-packet[1].device: needs the mirrored device, as the profile names it",
            file + ":12: capture.af-packet[1].port: missing");
    }

    @Test
    void rejectsOneInterfaceCapturedTwiceWithoutACommonFanoutGroup() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            capture:
              af-packet:
                - {interface: eth1, device: leaf1, port: Ethernet1, direction: ingress, fanout-group: 1}
                - {interface: eth1, device: leaf1, port: Ethernet2, direction: ingress, fanout-group: 2}
            """);

        assertThat(errors(file)).containsExactly(file + ":4: capture.af-packet[1].interface: eth1 is captured by " +
            "capture.af-packet[0] too; captures that share an interface need the same fanout-group");
    }

    @Test
    void reportsAnUnknownDirectionAtItsLine() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            capture:
              af-packet:
                - interface: eth1
                  device: leaf1
                  port: Ethernet1
                  direction: sideways
            """);

        assertThat(errors(file)).hasSize(1).first().asString()
            .startsWith(file + ":6: capture.af-packet[0].direction");
    }

    private static List<String> errors(final Path file)
    {
        return assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> ConfigLoader.load(file)).actual().errors().stream().map(LocatedError::toString).toList();
    }
}
