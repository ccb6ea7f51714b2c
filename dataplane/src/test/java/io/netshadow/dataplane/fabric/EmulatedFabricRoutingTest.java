package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netshadow.dataplane.fabric.FabricFixtures.A;
import static io.netshadow.dataplane.fabric.FabricFixtures.B;
import static io.netshadow.dataplane.fabric.FabricFixtures.C;
import static io.netshadow.dataplane.fabric.FabricFixtures.GBPS;
import static io.netshadow.dataplane.fabric.FabricFixtures.HOSTS;
import static io.netshadow.dataplane.fabric.FabricFixtures.MS;
import static io.netshadow.dataplane.fabric.FabricFixtures.packet;
import static io.netshadow.dataplane.fabric.FabricFixtures.triangle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EmulatedFabricRoutingTest
{
    private static final long ONE_HOP_NS = 8_000 + MS;
    private static final int FLOWS = 1000;

    private final FabricFixtures.Recorder recorder = new FabricFixtures.Recorder();
    private final TransitTap transit = new TransitTap();

    @Test
    void equalCostPathsKeepAFlowOnOnePath()
    {
        final EmulatedFabric fabric = new EmulatedFabric(diamond(), 1.0, recorder, transit);
        final FabricPacket packet = packet("10.1.0.5", "10.4.0.9", 500);
        packet.flowHash = 0x5eed_1234_abcdL;

        for (int i = 0; i < 200; i++)
        {
            fabric.inject(packet, A, HOSTS, i * 10_000L);
        }
        fabric.advanceTo(10 * MS);

        assertThat(recorder.deliveredCount()).isEqualTo(200);
        assertThat(List.of(transit.viaB, transit.viaC)).containsExactlyInAnyOrder(200L, 0L);
    }

    @Test
    void equalCostPathsSpreadManyFlowsEvenly()
    {
        final EmulatedFabric fabric = new EmulatedFabric(diamond(), 1.0, recorder, transit);
        final FabricPacket packet = packet("10.1.0.5", "10.4.0.9", 500);

        for (int flow = 0; flow < FLOWS; flow++)
        {
            packet.flowHash = flow * 0x9e3779b97f4a7c15L;
            fabric.inject(packet, A, HOSTS, flow * 10_000L);
        }
        fabric.advanceTo(100 * MS);

        assertThat(recorder.deliveredCount()).isEqualTo(FLOWS);
        assertThat(transit.viaB + transit.viaC).isEqualTo(FLOWS);
        assertThat(transit.viaB).isBetween(FLOWS * 45L / 100, FLOWS * 55L / 100);
    }

    @Test
    void shutdownOfOneEqualCostPathMovesEveryFlowToTheOther()
    {
        final EmulatedFabric fabric = new EmulatedFabric(diamond(), 1.0, recorder, transit);
        fabric.applyConfig(A, DeviceConfig.empty().withInterface(InterfaceConfig.defaults("to-b").withEnabled(false)));
        final FabricPacket packet = packet("10.1.0.5", "10.4.0.9", 500);

        for (int flow = 0; flow < 100; flow++)
        {
            packet.flowHash = flow * 0x9e3779b97f4a7c15L;
            fabric.inject(packet, A, HOSTS, flow * 10_000L);
        }
        fabric.advanceTo(100 * MS);

        assertThat(transit.viaC).isEqualTo(100);
        assertThat(fabric.dropCount(DropReason.INTERFACE_DOWN)).isZero();
    }

    @Test
    void longestMatchingPrefixWinsAmongStaticAndComputedRoutes()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty()
            .withStaticRoute(StaticRoute.via("10.2.5.0/24", "eth2"))
            .withStaticRoute(StaticRoute.blackhole("10.2.5.128/25"))
            .withStaticRoute(StaticRoute.via("10.2.5.7/32", "eth1")));

        send(fabric, "10.2.6.1");
        send(fabric, "10.2.5.9");
        send(fabric, "10.2.5.200");
        send(fabric, "10.2.5.7");

        assertThat(recorder.fates)
            .extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex, FabricFixtures.Fate::ttl)
            .containsExactly(
                tuple(null, B, 62),
                tuple(null, B, 61),
                tuple(DropReason.NO_ROUTE, A, 63),
                tuple(null, B, 62));
    }

    @Test
    void defaultRouteCarriesWhatNoLongerPrefixCovers()
    {
        final EmulatedFabric fabric = new EmulatedFabric(triangle(), 1.0, recorder, null);
        fabric.applyConfig(A, DeviceConfig.empty().withStaticRoute(StaticRoute.via("0.0.0.0/0", "eth2")));

        send(fabric, "192.0.2.1");
        send(fabric, "10.2.0.9");

        assertThat(recorder.fates).extracting(FabricFixtures.Fate::reason, FabricFixtures.Fate::deviceIndex)
            .containsExactly(tuple(DropReason.NO_ROUTE, C), tuple(null, B));
        assertThat(fabric.dropCount(C, DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(fabric.dropCount(A, DropReason.NO_ROUTE)).isZero();
    }

    /**
     * A (10.1/16) reaches D (10.4/16) over two equal paths, through B and through C: every link 1 Gbit/s, 1 ms.
     */
    private static FabricTopology diamond()
    {
        return FabricTopology.builder()
            .device("a", List.of("10.1.0.0/16"))
            .device("b", List.of("10.2.0.0/16"))
            .device("c", List.of("10.3.0.0/16"))
            .device("d", List.of("10.4.0.0/16"))
            .link("a", "to-b", "b", "to-a", GBPS, MS, 100_000)
            .link("a", "to-c", "c", "to-a", GBPS, MS, 100_000)
            .link("b", "to-d", "d", "to-b", GBPS, MS, 100_000)
            .link("c", "to-d", "d", "to-c", GBPS, MS, 100_000)
            .build();
    }

    private void send(final EmulatedFabric fabric, final String dst)
    {
        final long startNs = Math.max(0, fabric.nowNs() + 1);
        fabric.inject(packet("10.1.0.5", dst, 1000), A, HOSTS, startNs);
        fabric.advanceTo(startNs + 100 * MS);
    }

    /**
     * Counts packets entering B and C from A.
     */
    private static final class TransitTap implements PortTap
    {
        long viaB;
        long viaC;

        @Override
        public void onPort(
            final FabricPacket packet, final int deviceIndex, final int portIndex, final boolean ingress, final long timeNs)
        {
            if (ingress && B == deviceIndex)
            {
                viaB++;
            }
            else if (ingress && C == deviceIndex)
            {
                viaC++;
            }
        }
    }
}
