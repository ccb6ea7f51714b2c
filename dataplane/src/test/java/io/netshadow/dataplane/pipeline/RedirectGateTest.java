package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.meter.Kpi;
import io.netshadow.dataplane.meter.Side;
import io.netshadow.dataplane.packet.FlowHash;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedirectGateTest
{
    private static final long MS = 1_000_000L;
    private static final long LATENCY_OK_NS = 5 * MS;
    private static final FlowHash FLOW_HASH = new FlowHash(TestPackets.KEY0, TestPackets.KEY1);

    private final DataPlaneCounters counters = new DataPlaneCounters();

    @Test
    void samplingKeepsWholeFlowsInBothDirections()
    {
        final FlowSampler mirror = new FlowSampler(0.5);
        final RedirectGate gate =
            new RedirectGate(config(0.2, 1.0, 1_000_000, List.of(), List.of(), List.of()), counters);
        int mirrored = 0;
        int redirected = 0;
        for (int flow = 0; flow < 2_000; flow++)
        {
            final FabricPacket forward = packet(17, 0x0A00_0001 + flow, 0x0A01_0001, 10_000 + flow, 5000);
            final FabricPacket backward = packet(17, 0x0A01_0001, 0x0A00_0001 + flow, 5000, 10_000 + flow);
            final boolean mirrorsFlow = mirror.selects(forward.flowHash);
            final boolean redirectsFlow = gate.redirects(forward, flow * MS);
            for (int i = 0; i < 5; i++)
            {
                assertThat(mirror.selects(forward.flowHash)).isEqualTo(mirrorsFlow);
                assertThat(mirror.selects(backward.flowHash)).isEqualTo(mirrorsFlow);
                assertThat(gate.redirects(forward, flow * MS + i)).isEqualTo(redirectsFlow);
                assertThat(gate.redirects(backward, flow * MS + i)).isEqualTo(redirectsFlow);
            }
            assertThat(mirrorsFlow && redirectsFlow).as("mirror and redirect bands are disjoint").isFalse();
            mirrored += mirrorsFlow ? 1 : 0;
            redirected += redirectsFlow ? 1 : 0;
        }
        assertThat(mirrored).isBetween(900, 1_100);
        assertThat(redirected).isBetween(320, 480);
        assertThat(counters.value(RedirectGate.FLOWS_ADMITTED)).isEqualTo(redirected);
    }

    @Test
    void theGateClosesOnlyAfterEnoughDegradedIntervalsAndHandsBackRedirectedFlows()
    {
        final RedirectGate gate =
            new RedirectGate(config(1.0, 1.0, 1_000_000, List.of(), List.of(), List.of()), counters);
        final FabricPacket flow = packet(6, 0x0A00_0001, 0x0A01_0001, 40_000, 443);
        assertThat(gate.redirects(flow, 0)).isTrue();

        gate.onInterval(0.05, LATENCY_OK_NS);
        gate.onInterval(0.05, LATENCY_OK_NS);
        assertThat(gate.isOpen()).isTrue();
        gate.onInterval(0.0, LATENCY_OK_NS);
        gate.onInterval(0.05, LATENCY_OK_NS);
        gate.onInterval(0.0, 80 * MS);
        assertThat(gate.isOpen()).as("a good interval resets the degraded streak").isTrue();
        gate.onInterval(0.05, LATENCY_OK_NS);

        assertThat(gate.isOpen()).isFalse();
        assertThat(counters.value(RedirectGate.GATE_CLOSED)).isEqualTo(1);
        assertThat(counters.value(RedirectGate.GATE_OPEN)).isZero();

        assertThat(gate.redirects(flow, MS)).as("a redirected flow is handed back").isFalse();
        assertThat(counters.value(RedirectGate.HANDED_BACK_CLOSED)).isEqualTo(1);
        assertThat(gate.redirectedFlowCount()).isZero();
        final FabricPacket newFlow = packet(6, 0x0A00_0002, 0x0A01_0001, 40_001, 443);
        assertThat(gate.redirects(newFlow, MS)).isFalse();
        assertThat(counters.value(RedirectGate.REFUSED_CLOSED)).isEqualTo(2);
    }

    @Test
    void theGateReopensOnlyAfterEnoughIntervalsBelowTheLowerThresholds()
    {
        final RedirectGate gate =
            new RedirectGate(config(1.0, 1.0, 1_000_000, List.of(), List.of(), List.of()), counters);
        for (int i = 0; i < 3; i++)
        {
            gate.onInterval(0.5, LATENCY_OK_NS);
        }
        assertThat(gate.isOpen()).isFalse();

        gate.onInterval(0.0, LATENCY_OK_NS);
        gate.onInterval(0.0, LATENCY_OK_NS);
        gate.onInterval(0.0, LATENCY_OK_NS);
        gate.onInterval(0.0, LATENCY_OK_NS);
        gate.onInterval(0.005, LATENCY_OK_NS);
        assertThat(gate.isOpen()).as("between the close and reopen thresholds: the streak restarts").isFalse();
        gate.onInterval(0.0, 30 * MS);
        assertThat(gate.isOpen()).as("latency between the thresholds restarts the streak too").isFalse();
        for (int i = 0; i < 4; i++)
        {
            gate.onInterval(0.0, LATENCY_OK_NS);
        }
        assertThat(gate.isOpen()).isFalse();
        gate.onInterval(0.0, LATENCY_OK_NS);

        assertThat(gate.isOpen()).isTrue();
        assertThat(counters.value(RedirectGate.GATE_REOPENED)).isEqualTo(1);
        assertThat(gate.redirects(packet(6, 0x0A00_0001, 0x0A01_0001, 40_000, 443), 0)).isTrue();
    }

    @Test
    void shadowKpiSamplesDriveTheGateAndLiveSamplesDoNot()
    {
        final RedirectGate gate =
            new RedirectGate(config(1.0, 1.0, 1_000_000, List.of(), List.of(), List.of()), counters);
        for (int interval = 1; interval <= 3; interval++)
        {
            gate.onKpi(Side.LIVE, Kpi.LOSS_RATIO, interval * 1_000 * MS, 0.9);
        }
        assertThat(gate.isOpen()).isTrue();

        gate.onKpi(Side.SHADOW, Kpi.LOSS_RATIO, 1_000 * MS, 0.0);
        gate.onKpi(Side.SHADOW, Kpi.LATENCY_P99_NS, 1_000 * MS, 90 * MS);
        gate.onKpi(Side.SHADOW, Kpi.LOSS_RATIO, 2_000 * MS, 0.2);
        gate.onKpi(Side.SHADOW, Kpi.LATENCY_P99_NS, 2_000 * MS, LATENCY_OK_NS);
        assertThat(gate.isOpen()).isTrue();
        gate.onKpi(Side.SHADOW, Kpi.THROUGHPUT_BPS, 3_000 * MS, 0.0);
        gate.onKpi(Side.SHADOW, Kpi.LOSS_RATIO, 3_000 * MS, 0.2);

        assertThat(gate.isOpen()).as("degraded loss closes without waiting for latency").isFalse();
        assertThat(counters.value(RedirectGate.DEGRADED_INTERVALS)).isEqualTo(3);
    }

    @Test
    void excludedProtocolsPortsAndPrefixesAreNeverRedirected()
    {
        final RedirectGate gate = new RedirectGate(config(
            1.0,
            1.0,
            1_000_000,
            List.of(Ipv4Prefix.parse("192.0.2.0/24")),
            List.of(RedirectGateConfig.TCP_PORT_BGP),
            List.of(RedirectGateConfig.UDP_PORT_BFD_CONTROL, RedirectGateConfig.UDP_PORT_BFD_ECHO)), counters);

        assertThat(gate.redirects(packet(RedirectGateConfig.PROTOCOL_OSPF, 0x0A00_0001, 0xE000_0005, 0, 0), 0))
            .isFalse();
        assertThat(gate.redirects(packet(RedirectGateConfig.PROTOCOL_VRRP, 0x0A00_0001, 0xE000_0012, 0, 0), 0))
            .isFalse();
        assertThat(gate.redirects(packet(6, 0x0A00_0001, 0x0A00_0002, 50_000, 179), 0)).isFalse();
        assertThat(gate.redirects(packet(6, 0x0A00_0002, 0x0A00_0001, 179, 50_000), 0)).isFalse();
        assertThat(gate.redirects(packet(17, 0x0A00_0001, 0x0A00_0002, 49_152, 3784), 0)).isFalse();
        assertThat(gate.redirects(packet(17, 0x0A00_0001, 0x0A00_0002, 49_153, 3785), 0)).isFalse();
        assertThat(gate.redirects(packet(6, 0xC000_0207, 0x0A00_0002, 40_000, 443), 0)).isFalse();
        assertThat(gate.redirects(packet(6, 0x0A00_0002, 0xC000_0207, 443, 40_000), 0)).isFalse();
        assertThat(counters.value(RedirectGate.EXCLUDED)).isEqualTo(8);

        assertThat(gate.redirects(packet(6, 0x0A00_0001, 0x0A00_0002, 50_000, 443), 0)).isTrue();
        assertThat(gate.redirects(packet(17, 0x0A00_0001, 0x0A00_0002, 49_152, 53), 0)).isTrue();
        assertThat(counters.value(RedirectGate.FLOWS_ADMITTED)).isEqualTo(2);
    }

    @Test
    void theRateCeilingRefusesNewFlowsAndHandsBackFlowsThatWouldExceedIt()
    {
        final RedirectGate gate =
            new RedirectGate(config(1.0, 1.0, 1_000, List.of(), List.of(), List.of()), counters);
        final FabricPacket first = packet(6, 0x0A00_0001, 0x0A01_0001, 40_000, 443);
        assertThat(gate.redirects(first, 0)).isTrue();
        int redirectedInBurst = 1;
        while (gate.redirects(first, 0))
        {
            redirectedInBurst++;
        }
        assertThat(redirectedInBurst).as("1 ms of burst at 1000 packets/s").isEqualTo(2);
        assertThat(counters.value(RedirectGate.HANDED_BACK_RATE)).isEqualTo(1);

        final FabricPacket second = packet(6, 0x0A00_0002, 0x0A01_0001, 40_001, 443);
        assertThat(gate.redirects(second, 0)).isFalse();
        assertThat(counters.value(RedirectGate.REFUSED_RATE)).isEqualTo(1);
        assertThat(gate.redirects(second, 10 * MS)).isTrue();
    }

    @Test
    void aRequestedShareAboveTheCeilingIsClampedAndCounted()
    {
        final RedirectGate gate =
            new RedirectGate(config(0.0, 0.1, 1_000_000, List.of(), List.of(), List.of()), counters);
        assertThat(gate.requestShare(0.5)).isEqualTo(0.1);
        assertThat(counters.value(RedirectGate.SHARE_CLAMPED)).isEqualTo(1);

        int selected = 0;
        for (int flow = 0; flow < 10_000; flow++)
        {
            selected += gate.selects(packet(17, 0x0A00_0001 + flow, 0x0A01_0001, 1, 2).flowHash) ? 1 : 0;
        }
        assertThat(selected).isBetween(900, 1_100);
        assertThatThrownBy(() -> config(0.2, 0.1, 1, List.of(), List.of(), List.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("share");
    }

    @Test
    void idleRedirectedFlowsExpireAndAreCounted()
    {
        final RedirectGate gate =
            new RedirectGate(config(1.0, 1.0, 1_000_000, List.of(), List.of(), List.of()), counters);
        assertThat(gate.redirects(packet(6, 0x0A00_0001, 0x0A01_0001, 40_000, 443), 0)).isTrue();
        assertThat(gate.redirectedFlowCount()).isEqualTo(1);

        gate.redirects(packet(6, 0x0A00_0002, 0x0A01_0001, 40_001, 443), 2_000 * MS);

        assertThat(counters.value(RedirectGate.FLOWS_EXPIRED)).isEqualTo(1);
        assertThat(gate.redirectedFlowCount()).isEqualTo(1);
    }

    private static RedirectGateConfig config(
        final double share,
        final double maxShare,
        final long maxRatePps,
        final List<Ipv4Prefix> prefixes,
        final List<Integer> tcpPorts,
        final List<Integer> udpPorts)
    {
        return new RedirectGateConfig(
            share,
            maxShare,
            maxRatePps,
            MS,
            prefixes,
            List.of(RedirectGateConfig.PROTOCOL_OSPF, RedirectGateConfig.PROTOCOL_VRRP),
            tcpPorts,
            udpPorts,
            0.01,
            50 * MS,
            3,
            0.001,
            20 * MS,
            5,
            1_000,
            1_000 * MS);
    }

    private static FabricPacket packet(
        final int protocol, final int srcIp, final int dstIp, final int srcPort, final int dstPort)
    {
        final FabricPacket packet = new FabricPacket();
        packet.protocol = protocol;
        packet.srcIp = srcIp;
        packet.dstIp = dstIp;
        packet.srcPort = srcPort;
        packet.dstPort = dstPort;
        packet.lengthBytes = 100;
        packet.flowHash = FLOW_HASH.hash(packet);
        return packet;
    }
}
