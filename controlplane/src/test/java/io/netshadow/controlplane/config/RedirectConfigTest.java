package io.netshadow.controlplane.config;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.pipeline.RedirectGateConfig;
import io.netshadow.dataplane.pipeline.RedirectReturnConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedirectConfigTest
{
    @TempDir
    Path dir;

    @Test
    void readsTheGateBoundsAndTheReturnEndpoint() throws IOException, ConfigException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            redirect:
              share: 2%
              max-share: 10%
              max-rate: 50000
              exclude-prefixes: [10.99.0.0/16]
              exclude-tcp-ports: [179, 22]
              close-loss-ratio: 2%
              reopen-latency-p99: 10ms
              return-to: 192.0.2.1:4789
              return-vni: 7000
              frame-slots: 512
            """);

        final RedirectConfig redirect = ConfigLoader.load(file).redirect();
        final RedirectGateConfig gate = redirect.gate();

        assertThat(gate.share()).isEqualTo(0.02);
        assertThat(gate.maxShare()).isEqualTo(0.10);
        assertThat(gate.maxRatePps()).isEqualTo(50_000);
        assertThat(gate.excludedPrefixes()).containsExactly(Ipv4Prefix.parse("10.99.0.0/16"));
        assertThat(gate.excludedTcpPorts()).containsExactly(179, 22);
        assertThat(gate.excludedProtocols()).isEqualTo(RedirectGateConfig.defaults().excludedProtocols());
        assertThat(gate.closeLossRatio()).isEqualTo(0.02);
        assertThat(gate.reopenLatencyP99Ns()).isEqualTo(10_000_000L);
        assertThat(redirect.returnTo()).isEqualTo("192.0.2.1:4789");
        assertThat(redirect.returnVni()).isEqualTo(7000);
        assertThat(redirect.frameSlots()).isEqualTo(512);
        assertThat(redirect.returnConfig()).isEqualTo(new RedirectReturnConfig(
            new InetSocketAddress("192.0.2.1", 4789), 7000, 512));
    }

    @Test
    void theDefaultsAreTheGateDefaultsWithNoReturnEndpoint()
    {
        assertThat(RedirectConfig.DEFAULT.gate()).isEqualTo(RedirectGateConfig.defaults());
        assertThat(RedirectConfig.DEFAULT.returnConfig()).isNull();
    }

    @Test
    void reportsEachBadFieldAtItsLine() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("netshadow.yaml"), """
            redirect:
              share: 20%
              max-share: 10%
              max-rate: 0
              exclude-prefixes: [10.99.0.1/16]
              exclude-udp-ports: [70000]
              close-loss-ratio: 1%
              reopen-loss-ratio: 5%
              close-after-intervals: 0
              return-to: 192.0.2.1
              return-vni: 0
            """);

        final List<String> errors = assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> ConfigLoader.load(file)).actual().errors().stream().map(LocatedError::toString).toList();

        assertThat(errors).containsExactlyInAnyOrder(
            file + ":2: redirect.share: must be between 0% and max-share (10%), got 20%",
            file + ":4: redirect.max-rate: must be at least 1 packet per second, got 0",
            file + ":5: redirect.exclude-prefixes[0]: " + messageOf(() -> Ipv4Prefix.parse("10.99.0.1/16")),
            file + ":6: redirect.exclude-udp-ports[0]: must be between 0 and 65535, got 70000",
            file + ":8: redirect.reopen-loss-ratio: must be between 0% and close-loss-ratio (1%), got 5%",
            file + ":9: redirect.close-after-intervals: must be at least 1, got 0",
            file + ":10: redirect.return-to: return-to address '192.0.2.1' needs a port, as in host:port, " +
                "such as 192.0.2.1:4789",
            file + ":11: redirect.return-vni: must be between 1 and 16777215, got 0");
    }

    private static String messageOf(final Runnable parse)
    {
        try
        {
            parse.run();
            throw new AssertionError("expected the parse to fail");
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }
}
