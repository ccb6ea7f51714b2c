package io.netshadow.controlplane.fidelity;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PolicerFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policer feed on the smallest shadow of the example profile, as the fidelity benchmark runs it: a live packet
 * from outside the shadow reaches the policer on the port its path enters, after its path's delay, and no other.
 */
class ExampleShadowPolicerFeedTest
{
    private static final long MS = 1_000_000L;

    private NetworkProfile example;
    private EmulatedFabric shadow;
    private PolicerFeed feed;

    @BeforeEach
    void planTheSmallestShadowOfTheExample() throws Exception
    {
        example = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
        final ShadowPlan plan = new ShadowPlanner(example).plan(new ShadowBudget.Count(5), 1);
        shadow = new EmulatedFabric(plan.topology(), 1.0, FateListener.IGNORE, null,
            EmulatedFabric.DEFAULT_EVENT_CAPACITY, true);
        feed = new PolicerFeed(example.topology(), shadow,
            new DataPlaneCounters().counter(DataPlane.POLICER_BACKGROUND));
    }

    @Test
    void aLivePacketFromOutsideTheShadowMeetsThePolicerOnThePortItsPathEntersAndNoOther()
    {
        shadow.applyConfig(shadow.topology().deviceIndex("core1"),
            DeviceConfig.empty().withIngressPolicer(new Policer("eth2", 1_000_000, 15_000)));

        feed.onLivePacket(packet("10.1.2.7", "198.51.100.9"), index("acc2"), 0);
        shadow.advanceTo(0);
        assertThat(shadow.backgroundCount()).isZero();
        shadow.advanceTo(MS);
        assertThat(shadow.backgroundCount()).isEqualTo(1);

        feed.onLivePacket(packet("10.2.1.7", "198.51.100.9"), index("acc4"), MS);
        shadow.advanceTo(10 * MS);
        assertThat(shadow.backgroundCount()).isEqualTo(1);
    }

    @Test
    void withoutAPolicerInTheShadowNoPacketIsFed()
    {
        shadow.applyConfig(shadow.topology().deviceIndex("core1"),
            DeviceConfig.empty().withIngressPolicer(new Policer("eth4", 1_000_000, 15_000)));

        feed.onLivePacket(packet("10.2.1.7", "198.51.100.9"), index("acc4"), 0);
        shadow.advanceTo(10 * MS);

        assertThat(shadow.topology().portIndex(shadow.topology().deviceIndex("core1"), "eth4")).isNegative();
        assertThat(shadow.backgroundCount()).isZero();
    }

    private int index(final String device)
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
        packet.flowHash = src.hashCode();
        return packet;
    }
}
