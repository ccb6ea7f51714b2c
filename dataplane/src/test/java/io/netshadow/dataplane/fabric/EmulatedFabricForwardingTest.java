package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.C;
import static io.netshadow.dataplane.fabric.FabricFixtures.ETH1;
import static io.netshadow.dataplane.fabric.FabricFixtures.GBPS;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.triangle;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatedFabricForwardingTest
{
    private static final long ONE_HOP_NS = 8_000 + MS;

    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();

    @Test
    void deliveryTakesSerializationPlusPropagation()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.only()).isEqualTo(new FabricFixtures.Fate(
            true, B, null, 0, ONE_HOP_NS, Ipv4Prefix.parseAddress("10.1.0.5"), 62));
        assertThat(fabric.deliveredCount()).isEqualTo(1);
        assertThat(fabric.injectedCount()).isEqualTo(1);
        assertThat(fabric.inFlightCount()).isZero();
    }

    @Test
    void packetsQueueBehindEachOtherOnALink()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.inject(packet("10.1.0.6", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::atNs)
            .containsExactly(ONE_HOP_NS, ONE_HOP_NS + 8_000);
    }

    @Test
    void advanceProcessesOnlyEventsDueByTheTargetTime()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 100);

        assertThat(fabric.advanceTo(99)).isZero();
        assertThat(fabric.advanceTo(100 + ONE_HOP_NS - 1)).isEqualTo(1);
        assertThat(recorder.fates).isEmpty();
        assertThat(fabric.advanceTo(100 + ONE_HOP_NS)).isEqualTo(1);
        assertThat(recorder.only().atNs()).isEqualTo(100 + ONE_HOP_NS);
    }

    @Test
    void interfaceShutdownReroutesAroundTheRedundantLinkAndDropsWhereThereIsNoAlternative()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withEnabled(false)));

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);
        fabric.applyConfig(C, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth2").withEnabled(false)));
        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 20 * MS);
        fabric.advanceTo(30 * MS);

        assertThat(recorder.fates.get(0).delivered()).isTrue();
        assertThat(recorder.fates.get(0).atNs()).isEqualTo(2 * ONE_HOP_NS);
        assertThat(recorder.fates.get(1)).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(DropReason.NO_ROUTE, A);
    }

    @Test
    void linkIsAvoidedWhenItsFarEndIsDown()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.applyConfig(B, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth1").withEnabled(false)));

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.only().delivered()).isTrue();
        assertThat(recorder.only().atNs()).isEqualTo(2 * ONE_HOP_NS);
    }

    @Test
    void equalLatencyPrefersFewerHops()
    {
        final FabricTopology topology = FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .link("a", "via-c", "c", "to-a", GBPS, MS / 2, 100_000)
            .link("c", "to-b", "b", "via-c", GBPS, MS / 2, 100_000)
            .link("a", "direct", "b", "direct", GBPS, MS, 100_000)
            .build();
        final EmulatedFabric fabric = new EmulatedFabric(topology, 1.0, recorder, null);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.only().atNs()).isEqualTo(ONE_HOP_NS);
    }

    @Test
    void staticRouteOverridesTheComputedRouteOfEqualLength()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withStaticRoute(StaticRoute.via("10.2.0.0/16", "eth2")));

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.only().delivered()).isTrue();
        assertThat(recorder.only().atNs()).isEqualTo(2 * ONE_HOP_NS);
    }

    @Test
    void configAppliedFromAnotherThreadTakesEffectForLaterPackets() throws InterruptedException
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        final DeviceConfig denyAll = DeviceConfig.empty()
            .withAcl(Acl.of("deny", AclEntry.matchingAll("all", AclAction.DROP)))
            .withAclAttachment(AclAttachment.ingress("eth1", "deny"));
        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        final Thread operator = new Thread(() -> fabric.applyConfig(B, denyAll));
        operator.setUncaughtExceptionHandler((thread, ex) -> failure.set(ex));
        operator.start();
        operator.join();
        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 20 * MS);
        fabric.advanceTo(30 * MS);

        assertThat(failure.get()).isNull();
        assertThat(fabric.config(B)).isEqualTo(denyAll);
        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason).containsExactly(null, DropReason.ACL_DENY);
    }

    @Test
    void tapSeesIngressAndEgressCrossingsAtTheirTimes()
    {
        final List<String> crossings = new ArrayList<>();
        final PortTap tap = (packet, device, port, ingress, timeNs) ->
            crossings.add(device + ":" + port + (ingress ? " in " : " out ") + timeNs);
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, tap);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(crossings).containsExactly(
            A + ":" + HOSTS + " in 0",
            A + ":" + ETH1 + " out 8000",
            B + ":" + ETH1 + " in " + ONE_HOP_NS,
            B + ":" + HOSTS + " out " + ONE_HOP_NS);
        assertThat(recorder.only().atNs()).isEqualTo(ONE_HOP_NS);
    }

    @Test
    void tapSeesNoCrossingOfAPortThatIsDown()
    {
        final List<String> crossings = new ArrayList<>();
        final PortTap tap = (packet, device, port, ingress, timeNs) -> crossings.add(device + ":" + port);
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, tap);
        fabric.applyConfig(C, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("hosts").withEnabled(false)));

        fabric.inject(packet("10.3.0.5", "10.2.0.9", 1000), C, HOSTS, 0);
        fabric.advanceTo(10 * MS);

        assertThat(crossings).isEmpty();
        assertThat(recorder.only().reason()).isEqualTo(DropReason.INTERFACE_DOWN);
    }

    @Test
    void lateInjectionArrivesAtTheCurrentTimeAndIsCounted()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.advanceTo(5 * MS);

        fabric.inject(packet("10.1.0.5", "10.2.0.9", 1000), A, HOSTS, 4 * MS);
        fabric.advanceTo(10 * MS);

        assertThat(recorder.only().injectedAtNs()).isEqualTo(4 * MS);
        assertThat(recorder.only().atNs()).isEqualTo(5 * MS + ONE_HOP_NS);
        assertThat(fabric.lateInjectedCount()).isEqualTo(1);
    }

    @Test
    void eventPoolGrowsWhenExhaustedAndCountsIt()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null, 4);

        for (int i = 0; i < 10; i++)
        {
            fabric.inject(packet("10.1.0.5", "10.2.0.9", 100), A, HOSTS, i);
        }
        fabric.advanceTo(10 * MS);

        assertThat(fabric.eventPoolGrowthCount()).isEqualTo(2);
        assertThat(fabric.deliveredCount()).isEqualTo(10);
    }

    @Test
    void forwardingAllocatesNothingOnceThePoolIsLargeEnough()
    {
        final FabricFixtures.Counter counter = new FabricFixtures.Counter();
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, counter, counter);
        fabric.applyConfig(B, DeviceConfig.empty()
            .withAcl(Acl.of("edge", AclEntry.matchingAll("web", AclAction.DROP).withProtocol(AclEntry.TCP)))
            .withAclAttachment(AclAttachment.ingress("eth1", "edge")));
        final FabricPacket packet = packet("10.1.0.5", "10.2.0.9", 500);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

        long timeNs = drive(fabric, packet, 0);
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        timeNs = drive(fabric, packet, timeNs);
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(allocatedBytes).isZero();
        assertThat(timeNs).isPositive();
        assertThat(counter.delivered).isEqualTo(2 * 50_000);
        assertThat(fabric.eventPoolGrowthCount()).isZero();
    }

    private static long drive(final EmulatedFabric fabric, final FabricPacket packet, final long startNs)
    {
        final int firstDestination = packet.dstIp;
        long timeNs = startNs;
        for (int i = 0; i < 50_000; i++)
        {
            packet.dstIp = firstDestination + (i & 0xFF);
            fabric.inject(packet, A, HOSTS, timeNs);
            timeNs += 10_000;
            fabric.advanceTo(timeNs);
        }
        packet.dstIp = firstDestination;
        timeNs += 10 * MS;
        fabric.advanceTo(timeNs);
        return timeNs;
    }
}
