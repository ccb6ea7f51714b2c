package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueue;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.device.StaticRoute;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.ShortestPaths;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTranslatorTest
{
    private static final FabricTopology TOPOLOGY = FabricTopology.builder()
        .device("a", List.of("10.1.0.0/16"))
        .device("b", List.of("10.2.0.0/16"))
        .device("c", List.of("10.3.0.0/16"))
        .link("a", "eth1", "b", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
        .link("b", "eth2", "c", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
        .build();

    @Test
    void anAclBecomesOrderedCountedRulesOnItsPortAndDirection()
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withAcl(Acl.of("guard",
                new AclEntry("dns", Ipv4Prefix.parse("10.1.0.0/24"), Ipv4Prefix.ANY, AclEntry.UDP, PortMatch.ANY,
                    PortMatch.range(53, 60), AclAction.DROP),
                new AclEntry("web", Ipv4Prefix.ANY, Ipv4Prefix.parse("10.3.5.0/24"), AclEntry.TCP, PortMatch.ANY,
                    PortMatch.notEqualTo(443), AclAction.REJECT),
                AclEntry.matchingAll("rest", AclAction.ACCEPT)))
            .withAclAttachment(AclAttachment.egress("eth2", "guard"));

        final String script = translate(1, config).nftScript();

        assertThat(script).contains("oifname \"nsh-p2\" jump out-p2");
        assertThat(script.indexOf("ip saddr 10.1.0.0/24 ip protocol 17 udp dport 53-60 counter drop comment " +
            "\"acl-deny guard/dns\""))
            .isPositive()
            .isLessThan(script.indexOf("ip daddr 10.3.5.0/24 ip protocol 6 tcp dport != 443 counter drop comment " +
                "\"acl-deny guard/web\""));
        assertThat(script).contains("    counter return\n");
    }

    @Test
    void mtuAndAdminStateAreRulesThatCountUnderTheirReasons()
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withInterface(new InterfaceConfig("eth2", true, 1000))
            .withInterface(new InterfaceConfig("eth1", false, 1500));

        final String script = translate(1, config).nftScript();

        assertThat(script).contains("oifname \"nsh-p2\" meta length > 1000 counter drop comment \"mtu-exceeded\"");
        assertThat(script).contains("iifname \"nsh-p1\" counter drop comment \"interface-down\"");
        assertThat(script).contains("oifname \"nsh-p1\" counter drop comment \"interface-down\"");
    }

    @Test
    void aStaticRouteReplacesTheComputedRouteToTheSamePrefix()
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withStaticRoute(StaticRoute.blackhole("10.3.0.0/16"))
            .withStaticRoute(StaticRoute.via("192.0.2.0/24", "hosts"));

        final DeviceTranslation translation = translate(1, config);

        assertThat(translate(1, DeviceConfig.empty()).routes().get("10.3.0.0/16"))
            .isEqualTo("route replace 10.3.0.0/16 via 169.254.0.3 dev nsh-p2 onlink");
        assertThat(translation.routes().get("10.3.0.0/16")).isEqualTo("route replace 10.3.0.0/16 dev nsh-bh");
        assertThat(translation.routes().get("192.0.2.0/24")).isEqualTo("route replace 192.0.2.0/24 dev nsh-out");
    }

    @Test
    void equalCostPortsBecomeOneMultipathRoute()
    {
        final FabricTopology diamond = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b1", List.of())
            .device("b2", List.of())
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "eth1", "b1", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
            .link("a", "eth2", "b2", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
            .link("b1", "eth2", "c", "eth1", 1_000_000_000L, 1_000_000L, 100_000)
            .link("b2", "eth2", "c", "eth2", 1_000_000_000L, 1_000_000L, 100_000)
            .build();
        final DeviceConfig[] configs = new DeviceConfig[4];
        Arrays.fill(configs, DeviceConfig.empty());
        final boolean[][] enabled = new boolean[4][];
        for (int i = 0; i < enabled.length; i++)
        {
            enabled[i] = new boolean[diamond.devices().get(i).ports().size()];
            Arrays.fill(enabled[i], true);
        }
        final LinkAddresses addresses = new LinkAddresses(diamond);

        final DeviceTranslation translation = DeviceTranslator.translate(diamond, 0, configs,
            ShortestPaths.nextPorts(diamond, enabled), addresses, 1.0);

        assertThat(translation.routes().get("10.3.0.0/16")).isEqualTo("route replace 10.3.0.0/16" +
            " nexthop via " + addresses.peerAddress(0, 1) + " dev nsh-p1 onlink" +
            " nexthop via " + addresses.peerAddress(0, 2) + " dev nsh-p2 onlink");
    }

    @Test
    void aPolicerIsATokenBucketOnAnIfbThatEveryEgressPortRedirectsThePacketsItsIngressAclsLetInTo()
    {
        final DeviceConfig config = DeviceConfig.empty()
            .withAcl(Acl.of("guard", AclEntry.matchingAll("rest", AclAction.ACCEPT)))
            .withAclAttachment(AclAttachment.ingress("eth1", "guard"))
            .withIngressPolicer(new Policer("eth1", 8_000_000, 20_000));

        final DeviceTranslation translation = translate(1, config);

        assertThat(translation.policedPorts()).containsExactly(1);
        assertThat(translation.tcBatch()).contains(
            "qdisc replace dev nsh-ifb1 root stab overhead -14 tbf rate 8000000bit burst 20000 limit 1500",
            "qdisc add dev nsh-p0 clsact",
            "filter add dev nsh-p0 egress protocol ip prio 1 u32 match mark 2 0xffffffff action mirred egress " +
                "redirect dev nsh-ifb1",
            "qdisc add dev nsh-p2 clsact",
            "filter add dev nsh-p2 egress protocol ip prio 1 u32 match mark 2 0xffffffff action mirred egress " +
                "redirect dev nsh-ifb1");
        assertThat(translation.tcBatch()).noneMatch(line -> line.contains("ingress"));
        final String script = translation.nftScript();
        assertThat(script.indexOf("iifname \"nsh-p1\" meta mark set 2"))
            .isGreaterThan(script.indexOf("iifname \"nsh-p1\" jump in-p1"));
    }

    @Test
    void aPolicerAndAShaperOnALinkPortAreScaledByTheRateScaleTimesThatLinksRateFactor()
    {
        final FabricTopology topology = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .link("a", "eth1", "b", "eth1", 1_000_000_000L, 1_000_000L, 100_000, 0.5)
            .build();
        final DeviceConfig config = DeviceConfig.empty()
            .withIngressPolicer(new Policer("eth1", 8_000_000, 40_000))
            .withEgressShaper(new Shaper("eth1", 16_000_000, 80_000));
        final boolean[][] enabled = {{true, true}, {true, true}};

        final List<String> tcBatch = DeviceTranslator.translate(topology, 0, new DeviceConfig[] {config,
            DeviceConfig.empty()}, ShortestPaths.nextPorts(topology, enabled), new LinkAddresses(topology), 0.5)
            .tcBatch();

        assertThat(tcBatch).contains(
            "qdisc replace dev nsh-ifb1 root stab overhead -14 tbf rate 2000000bit burst 10000 limit 1500",
            "qdisc replace dev nsh-p1 root stab overhead -14 tbf rate 4000000bit burst 20000 limit 50000");
    }

    @Test
    void anEgressShaperBelowTheLinkSetsThePortsTokenBucketInFrontOfTheLinksQueue()
    {
        final DeviceConfig config = DeviceConfig.empty().withEgressShaper(new Shaper("eth2", 8_000_000, 30_000));

        final String tcBatch = String.join("\n", translate(1, config).tcBatch());

        assertThat(tcBatch).contains("qdisc replace dev nsh-p2 root stab overhead -14 tbf rate 8000000bit burst 30000 " +
            "limit 100000");
        assertThat(tcBatch).contains("qdisc replace dev nsh-p1 root stab overhead -14 tbf rate 1000000000bit");
    }

    @Test
    void classQueuesAreRefusedNamingTheDeviceAndInterface()
    {
        final DeviceConfig config = DeviceConfig.empty().withEgressQueues(EgressQueues.of("eth1",
            new EgressQueue("voice", DscpSet.of(46), 20_000), new EgressQueue("rest", DscpSet.of(0), 80_000)));

        assertThatThrownBy(() -> translate(0, config))
            .isInstanceOf(LinuxFabricException.class)
            .hasMessageContaining("device a: the class queues on eth1 cannot be expressed on the Linux fabric");
    }

    @Test
    void aPolicerBurstLongerThanATokenBucketHoldsIsRefusedNamingTheDeviceAndInterface()
    {
        final DeviceConfig config = DeviceConfig.empty().withIngressPolicer(new Policer("eth2", 1_000, 1_000_000));

        assertThatThrownBy(() -> translate(1, config))
            .isInstanceOf(LinuxFabricException.class)
            .hasMessageContaining("device b")
            .hasMessageContaining("policer on eth2")
            .hasMessageContaining("8000 s of traffic");
    }

    @Test
    void aPolicerRateBelowWhatTcHoldsIsRefusedNamingTheDeviceAndInterface()
    {
        final DeviceConfig config = DeviceConfig.empty().withIngressPolicer(new Policer("eth1", 5, 100));

        assertThatThrownBy(() -> translate(0, config))
            .isInstanceOf(LinuxFabricException.class)
            .hasMessageContaining("device a: the policer on eth1 has a scaled rate of 5 bit/s");
    }

    private static DeviceTranslation translate(final int device, final DeviceConfig config)
    {
        final DeviceConfig[] configs = new DeviceConfig[TOPOLOGY.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        configs[device] = config;
        final boolean[][] enabled = new boolean[configs.length][];
        for (int i = 0; i < configs.length; i++)
        {
            enabled[i] = new boolean[TOPOLOGY.devices().get(i).ports().size()];
            Arrays.fill(enabled[i], true);
        }
        return DeviceTranslator.translate(TOPOLOGY, device, configs, ShortestPaths.nextPorts(TOPOLOGY, enabled),
            new LinkAddresses(TOPOLOGY), 1.0);
    }
}
