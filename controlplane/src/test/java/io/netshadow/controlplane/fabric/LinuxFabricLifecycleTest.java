package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the Linux fabric leaves on the host: a crashed fabric's leftovers go at start, its own at close, a
 * configuration it cannot express changes nothing, and a process without CAP_NET_ADMIN is refused.
 */
class LinuxFabricLifecycleTest
{
    private static final FabricTopology PAIR = FabricTopology.builder()
        .device("a", List.of("10.1.0.0/16"))
        .device("b", List.of("10.2.0.0/16"))
        .link("a", "eth1", "b", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
        .build();

    @BeforeEach
    void requireRoot()
    {
        RootNamespaces.require();
    }

    @Test
    void startRemovesACrashedFabricsNamespacesAndUnderlay() throws IOException, InterruptedException
    {
        final Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        final LinuxNames crashed = new LinuxNames(exited.pid(), 0);
        final NetworkNamespace leftover = NetworkNamespace.create(crashed.deviceNamespace(0));
        Commands.run(List.of("ip", "link", "add", crashed.underlayInterface(), "type", "veth",
            "peer", "name", "nsh-edge", "netns", leftover.name()));
        try
        {
            LinuxFabric.start(PAIR, 1.0, FateListener.IGNORE).close();

            assertThat(NetworkNamespace.listWithPrefix(crashed.deviceNamespace(0))).isEmpty();
            assertThat(Commands.runQuietly(List.of("ip", "link", "show", crashed.underlayInterface()))).isFalse();
        }
        finally
        {
            leftover.close();
        }
    }

    @Test
    void aProcessWithoutCapNetAdminIsRefusedWithTheReason() throws IOException, InterruptedException
    {
        RootNamespaces.requireTool(List.of("setpriv", "--version"));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder("setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin",
            java.toString(), "-cp", System.getProperty("java.class.path"), RefusalProbe.class.getName())
            .redirectErrorStream(true)
            .start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor();

        assertThat(output).contains("refused: the Linux shadow fabric needs CAP_NET_ADMIN")
            .doesNotContain("started");
    }

    @Test
    void closeRemovesEveryNamespaceAndInterfaceTheFabricMade()
    {
        final LinuxFabric fabric = LinuxFabric.start(PAIR, 1.0, FateListener.IGNORE);
        final LinuxNames names = fabric.names();
        assertThat(NetworkNamespace.listWithPrefix(names.deviceNamespace(0))).hasSize(1);
        assertThat(fabric.dropCount(DropReason.ACL_DENY)).isZero();

        fabric.close();

        assertThat(NetworkNamespace.listWithPrefix(names.edgeNamespace())).isEmpty();
        assertThat(NetworkNamespace.listWithPrefix(names.deviceNamespace(0))).isEmpty();
        assertThat(NetworkNamespace.listWithPrefix(names.deviceNamespace(1))).isEmpty();
        assertThat(Commands.runQuietly(List.of("ip", "link", "show", names.underlayInterface()))).isFalse();
    }

    @Test
    void aConfigurationLinuxCannotExpressIsRefusedNamingTheDeviceAndChangesNothing()
    {
        try (LinuxFabric fabric = LinuxFabric.start(PAIR, 1.0, FateListener.IGNORE))
        {
            final DeviceConfig policed = DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 8_000, 1_000));
            fabric.applyConfig(1, policed);

            assertThatThrownBy(() -> fabric.applyConfig(1,
                DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 1_000, 1_000_000))))
                .isInstanceOf(LinuxFabricException.class)
                .hasMessageContaining("device b: the policer on eth1");
            assertThat(fabric.config(1)).isEqualTo(policed);
        }
    }
}
