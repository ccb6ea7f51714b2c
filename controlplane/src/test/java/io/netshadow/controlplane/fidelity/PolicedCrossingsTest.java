package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicedCrossingsTest
{
    private static NetworkProfile example;
    private static FabricTopology shadow;
    private static int[] deviceOfProfile;

    @BeforeAll
    static void planTheSmallestShadowOfTheExample() throws Exception
    {
        example = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        final ShadowPlan plan = new ShadowPlanner(example).plan(new ShadowBudget.Count(5), 1);
        shadow = plan.topology();
        deviceOfProfile = new int[example.devices().size()];
        for (int i = 0; i < deviceOfProfile.length; i++)
        {
            deviceOfProfile[i] = shadow.deviceIndex(example.devices().get(i).name());
        }
    }

    @Test
    void aLivePacketFromOutsideTheShadowMeetsThePolicerOnThePortItsPathEntersAndNoOther()
    {
        final PolicedCrossings crossings = new PolicedCrossings(example.topology(), shadow, deviceOfProfile,
            Map.of("core1", DeviceConfig.empty().withIngressPolicer(new Policer("eth2", 1_000_000, 15_000))));
        final int core1 = shadow.deviceIndex("core1");

        assertThat(crossings.any()).isTrue();
        assertThat(crossings.of(packet("10.1.2.7", "198.51.100.9"), index("acc2")))
            .singleElement()
            .satisfies(crossing ->
            {
                assertThat(crossing.shadowDevice()).isEqualTo(core1);
                assertThat(crossing.shadowPort()).isEqualTo(shadow.portIndex(core1, "eth2"));
                assertThat(crossing.arrivalOffsetNs()).isGreaterThan(0);
            });
        assertThat(crossings.of(packet("10.2.1.7", "198.51.100.9"), index("acc4"))).isEmpty();
    }

    @Test
    void withoutAPolicerInTheShadowNoPacketIsTraced()
    {
        final PolicedCrossings crossings = new PolicedCrossings(example.topology(), shadow, deviceOfProfile,
            Map.of("acc4", DeviceConfig.empty().withIngressPolicer(new Policer("eth0", 1_000_000, 15_000))));

        assertThat(crossings.any()).isFalse();
        assertThat(crossings.of(packet("10.2.1.7", "198.51.100.9"), index("acc4"))).isEmpty();
    }

    private static int index(final String device)
    {
        return example.topology().deviceIndex(device);
    }

    private static FabricPacket packet(final String src, final String dst)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress(src);
        packet.dstIp = Ipv4Prefix.parseAddress(dst);
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 443;
        packet.lengthBytes = 1000;
        packet.ttl = 64;
        return packet;
    }
}
