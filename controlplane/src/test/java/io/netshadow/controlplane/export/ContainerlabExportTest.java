package io.netshadow.controlplane.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ContainerlabExportTest
{
    private static NetworkProfile profile;
    private static ShadowPlan plan;

    @TempDir
    Path directory;

    @BeforeAll
    static void planTheExample() throws Exception
    {
        profile = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        plan = new ShadowPlanner(profile).plan(new ShadowBudget.Count(5), 1);
    }

    @Test
    void topologyFileParsesAsYamlWithANodePerShadowDeviceAndALinkPerShadowLink() throws Exception
    {
        final List<Path> written = export(Map.of(), device -> NodeKind.forRole(device.role())).write(directory, "lab");

        final JsonNode topology = new YAMLMapper().readTree(written.getFirst().toFile());
        assertThat(topology.path("name").asText()).isEqualTo("lab");
        final List<String> nodes = new ArrayList<>();
        topology.path("topology").path("nodes").fieldNames().forEachRemaining(nodes::add);
        assertThat(nodes).containsExactlyElementsOf(plan.deviceNames());
        final JsonNode links = topology.path("topology").path("links");
        assertThat(links.size()).isEqualTo(plan.links().size());
        for (int i = 0; i < links.size(); i++)
        {
            final NetworkProfile.Link link = plan.links().get(i);
            final List<String> endpoints = StreamSupport.stream(links.get(i).path("endpoints").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
            assertThat(endpoints).hasSize(2);
            assertThat(endpoints.get(0)).matches(link.a().device() + ":eth[1-9][0-9]*");
            assertThat(endpoints.get(1)).matches(link.b().device() + ":eth[1-9][0-9]*");
        }
        final JsonNode core1 = topology.path("topology").path("nodes").path("core1");
        assertThat(core1.path("kind").asText()).isEqualTo("linux");
        assertThat(core1.path("image").asText()).contains("frr");
        assertThat(core1.path("binds").toString()).contains("core1/frr.conf:/etc/frr/frr.conf",
            "core1/daemons:/etc/frr/daemons", "core1/startup.sh:/netshadow/startup.sh");
        assertThat(core1.path("exec").get(0).asText()).isEqualTo("sh /netshadow/startup.sh");
        final JsonNode acc1 = topology.path("topology").path("nodes").path("acc1");
        assertThat(acc1.path("binds").toString()).doesNotContain("frr.conf");
        for (final String device : plan.deviceNames())
        {
            assertThat(directory.resolve(device).resolve(ContainerlabExport.STARTUP_SCRIPT)).exists();
        }
    }

    @Test
    void portsAreNumberedFromEth1SoEth0StaysContainerlabsManagementPort() throws Exception
    {
        final ExportedNode core1 = node(export(Map.of(), device -> NodeKind.LINUX).nodes(), "core1");

        assertThat(core1.ports()).extracting(ExportedNode.PortAddress::containerPort)
            .containsExactly("eth1", "eth2", "eth3");
        assertThat(core1.containerPort("eth2")).isEqualTo("eth2");
        assertThat(core1.ports()).extracting(ExportedNode.PortAddress::farDevice)
            .containsExactly("core2", "dist1", "fw-inet");
    }

    @Test
    void linuxStartupScriptHoldsTheNodesAddressesAndRoutesAlongTheShortestPath() throws Exception
    {
        final ExportedNode acc1 = node(export(Map.of(), device -> NodeKind.LINUX).nodes(), "acc1");
        final ExportedNode.PortAddress uplink = acc1.ports().getFirst();

        final String script = acc1.startupScript();

        assertThat(script).startsWith("#!/bin/sh\n");
        assertThat(script).contains(
            "ip link add hosts type dummy\n",
            "ip addr add 10.1.1.1/24 dev hosts\n",
            "ip addr add " + Ipv4Prefix.formatAddress(uplink.address()) + "/31 dev eth1\n",
            "ip route replace 198.51.100.0/24 via " + Ipv4Prefix.formatAddress(uplink.farAddress()) + " dev eth1\n",
            "tc qdisc replace dev eth1 root tbf rate 100000000bit");
        assertThat(uplink.farDevice()).isEqualTo("dist1");
    }

    @Test
    void frrConfigurationHoldsTheNodesAddressesAndStaticRoutes() throws Exception
    {
        final List<ExportedNode> nodes = export(Map.of(), device -> NodeKind.FRR).nodes();
        final ExportedNode core1 = node(nodes, "core1");
        final ExportedNode.PortAddress toDist1 = core1.ports().get(1);

        final String frr = core1.frrConf();

        assertThat(frr).contains("hostname core1\n", "interface eth2\n",
            " ip address " + Ipv4Prefix.formatAddress(toDist1.address()) + "/31\n",
            "ip route 10.1.1.0/24 " + Ipv4Prefix.formatAddress(toDist1.farAddress()) + " eth2\n",
            "ip route 198.51.100.0/24 ");
        assertThat(core1.startupScript()).doesNotContain("ip addr add", "ip route");
        assertThat(node(nodes, "fw-inet").frrConf()).contains("interface hosts\n ip address 198.51.100.1/24\n");
    }

    @Test
    void aclsBecomeOrderedNftRulesFollowedByThePolicerAsAnNftLimit() throws Exception
    {
        final DeviceConfig config = aclAndPolicer();

        final String script = node(export(Map.of("core1", config), device -> NodeKind.LINUX).nodes(), "core1")
            .startupScript();

        assertThat(script).contains(
            "iifname \"eth2\" jump in_eth2\n" +
                "    iifname \"eth2\" limit rate over 125000 bytes/second burst 15000 bytes drop comment \"policer\"\n",
            "ip saddr 10.1.1.0/24 meta l4proto udp th dport 53 return comment \"guard dns\"\n",
            "meta l4proto udp th dport != 5004 drop comment \"guard not-voice\"\n");
        assertThat(script.indexOf("guard dns")).isLessThan(script.indexOf("guard not-voice"));
    }

    @Test
    void staticRoutesReplaceComputedOnesAndBlackholesAreKept() throws Exception
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withStaticRoute(StaticRoute.via("10.1.1.0/24", "eth1"))
            .withStaticRoute(StaticRoute.blackhole("10.99.0.0/16"));

        final List<ExportedNode> nodes = export(Map.of("core1", config), device -> NodeKind.LINUX).nodes();
        final ExportedNode core1 = node(nodes, "core1");

        assertThat(core1.startupScript()).contains(
            "ip route replace 10.1.1.0/24 via " + Ipv4Prefix.formatAddress(core1.ports().getFirst().farAddress()) +
                " dev eth1\n",
            "ip route replace blackhole 10.99.0.0/16\n");
        assertThat(core1.routes()).filteredOn(route -> "10.1.1.0/24".equals(route.destinationPrefix().toString()))
            .hasSize(1);
    }

    @Test
    void aShutPortIsLeftOutOfTheComputedRoutes() throws Exception
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withInterface(InterfaceConfig.defaults("eth0").withEnabled(false));

        final ExportedNode core1 = node(export(Map.of("dist1", config), device -> NodeKind.LINUX).nodes(), "core1");

        assertThat(core1.startupScript()).contains("ip route replace 10.1.1.0/24 via " +
            Ipv4Prefix.formatAddress(core1.ports().getFirst().farAddress()) + " dev eth1\n");
    }

    @Test
    void aConfigurationOnAPortWhoseLinkIsOutsideTheShadowIsRefusedNamingTheDevice()
    {
        final DeviceConfig config = DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 1_000_000, 15_000));

        assertThatExceptionOfType(ExportException.class)
            .isThrownBy(() -> export(Map.of("acc1", config), device -> NodeKind.LINUX).nodes())
            .withMessage("device acc1: an ingress policer on port eth1, whose link to dist2:eth2 is outside the " +
                "shadow; raise the budget or drop that setting");
    }

    @Test
    void aConfigurationOnAPortTheDeviceLacksIsRefusedNamingTheDevice()
    {
        final DeviceConfig config = DeviceConfig.empty().withStaticRoute(StaticRoute.via("10.9.0.0/16", "eth19"));

        assertThatExceptionOfType(ExportException.class)
            .isThrownBy(() -> export(Map.of("core1", config), device -> NodeKind.FRR).nodes())
            .withMessageStartingWith("device core1: static route 10.9.0.0/16 leaves through port eth19, which is " +
                "not one of its ports");
    }

    @Test
    void aHostSubnetInsideTheLinkPoolIsRefusedNamingTheDevice()
    {
        final ContainerlabExport export = new ContainerlabExport(profile, plan, Map.of(),
            device -> NodeKind.LINUX, ContainerlabExport.Images.DEFAULT, Ipv4Prefix.parse("10.0.0.0/8"));

        assertThatExceptionOfType(ExportException.class)
            .isThrownBy(export::nodes)
            .withMessage("device acc1: host subnet 10.1.1.0/24 overlaps the link address pool 10.0.0.0/8; choose " +
                "another pool");
    }

    @Test
    void linuxStartupScriptRunsInANetworkNamespace() throws Exception
    {
        assumeTrue("0".equals(run("id", "-u").strip()), "needs root to create a network namespace");
        final ExportedNode core1 = node(export(Map.of("core1", aclAndPolicer()), device -> NodeKind.LINUX).nodes(),
            "core1");
        final String namespace = "ns-clab" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10_0000));
        run("ip", "netns", "add", namespace);
        try
        {
            for (final ExportedNode.PortAddress port : core1.ports())
            {
                run("ip", "-n", namespace, "link", "add", port.containerPort(), "type", "veth", "peer", "name",
                    "peer" + port.containerPort());
            }
            final Path script = directory.resolve("startup.sh");
            Files.writeString(script, core1.startupScript());

            run("ip", "netns", "exec", namespace, "sh", script.toString());

            assertThat(run("ip", "-n", namespace, "route", "show")).contains(
                "10.1.1.0/24 via " + Ipv4Prefix.formatAddress(core1.ports().get(1).farAddress()) + " dev eth2");
            assertThat(run("ip", "netns", "exec", namespace, "nft", "list", "chain", "inet", "netshadow", "in_eth2"))
                .contains("udp dport 53", "drop");
            assertThat(run("ip", "netns", "exec", namespace, "nft", "list", "chain", "inet", "netshadow", "forward"))
                .contains("limit rate over 125000 bytes/second burst 15000 bytes");
            assertThat(run("tc", "-n", namespace, "qdisc", "show", "dev", "eth1")).contains("tbf");
        }
        finally
        {
            run("ip", "netns", "del", namespace);
        }
    }

    private static DeviceConfig aclAndPolicer()
    {
        final AclEntry dns = new AclEntry("dns", Ipv4Prefix.parse("10.1.1.0/24"), Ipv4Prefix.ANY, AclEntry.UDP,
            PortMatch.ANY, PortMatch.equalTo(53), AclAction.ACCEPT);
        final AclEntry notVoice = AclEntry.matchingAll("not-voice", AclAction.DROP)
            .withProtocol(AclEntry.UDP)
            .withDestinationPorts(PortMatch.notEqualTo(5004));
        return DeviceConfig.empty()
            .withAcl(Acl.of("guard", dns, notVoice))
            .withAclAttachment(AclAttachment.ingress("eth2", "guard"))
            .withIngressPolicer(new Policer("eth2", 1_000_000, 15_000));
    }

    private static ContainerlabExport export(
        final Map<String, DeviceConfig> configs, final Function<NetworkProfile.Device, NodeKind> kinds)
    {
        return new ContainerlabExport(profile, plan, configs, kinds, ContainerlabExport.Images.DEFAULT,
            ContainerlabExport.DEFAULT_LINK_POOL);
    }

    private static ExportedNode node(final List<ExportedNode> nodes, final String name)
    {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst().orElseThrow();
    }

    private static String run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
