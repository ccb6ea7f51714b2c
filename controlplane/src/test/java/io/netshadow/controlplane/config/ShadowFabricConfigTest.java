package io.netshadow.controlplane.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowFabricConfigTest
{
    @TempDir
    Path dir;

    @Test
    void theShadowRunsOnTheEmulatedFabricUnlessTheFileSaysLinux() throws IOException, ConfigException
    {
        assertThat(ConfigLoader.load(write("shadow:\n  seed: 3\n")).shadow().fabric())
            .isEqualTo(ShadowFabricKind.EMULATED);
        assertThat(ConfigLoader.load(write("shadow:\n  fabric: linux\n")).shadow().fabric())
            .isEqualTo(ShadowFabricKind.LINUX);
    }

    @Test
    void anUnknownFabricIsAnErrorAtItsLine()
    {
        assertThatThrownBy(() -> ConfigLoader.load(write("shadow:\n  fabric: vpp\n")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("netshadow.yaml:2: shadow.fabric: expected one of emulated, linux, got 'vpp'");
    }

    private Path write(final String yaml) throws IOException
    {
        final Path file = dir.resolve("netshadow.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
