package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FlowHashTest
{
    private static final long REFERENCE_KEY0 = 0x0706050403020100L;
    private static final long REFERENCE_KEY1 = 0x0f0e0d0c0b0a0908L;

    @Test
    void sipHashMatchesTheReferenceVectors()
    {
        final SipHash sipHash = new SipHash(REFERENCE_KEY0, REFERENCE_KEY1);

        assertThat(sipHash.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L)).isEqualTo(0x3f2acc7f57c29bdbL);
        assertThat(sipHash.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x1716151413121110L))
            .isEqualTo(0xb8ad50c6f649af94L);
        assertThat(sipHash.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x1716151413121110L,
            0x1f1e1d1c1b1a1918L, 0x2726252423222120L)).isEqualTo(0x0e3ea96b5304a7d0L);
    }

    @Test
    void hashIsStableForEveryPacketOfAFlow()
    {
        final FlowHash flowHash = new FlowHash(11, 22);
        final FabricPacket first = PacketDecoderTest.packet(6, 100);
        final FabricPacket second = PacketDecoderTest.packet(6, 1500);
        second.ipId = 7;
        second.seq = 99;
        second.ttl = 3;

        assertThat(flowHash.hash(first)).isEqualTo(flowHash.hash(second));
        assertThat(new FlowHash(11, 22).hash(first)).isEqualTo(flowHash.hash(first));
    }

    @Test
    void bothDirectionsOfAConversationHashAlike()
    {
        final FlowHash flowHash = new FlowHash(11, 22);

        assertThat(flowHash.hash(0x0A000001, 0x0A000002, 40_000, 443, 6))
            .isEqualTo(flowHash.hash(0x0A000002, 0x0A000001, 443, 40_000, 6));
    }

    @Test
    void hashDependsOnTheKey()
    {
        final FabricPacket packet = PacketDecoderTest.packet(6, 100);

        assertThat(new FlowHash(11, 22).hash(packet)).isNotEqualTo(new FlowHash(11, 23).hash(packet));
    }

    @Test
    void differentFlowsHashApart()
    {
        final FlowHash flowHash = new FlowHash(11, 22);
        final Set<Long> hashes = new HashSet<>();
        for (int port = 1; port <= 10_000; port++)
        {
            hashes.add(flowHash.hash(0x0A000001, 0x0A000002, port, 80, 6));
        }
        hashes.add(flowHash.hash(0x0A000001, 0x0A000002, 1, 80, 17));

        assertThat(hashes).hasSize(10_001);
    }

    @Test
    void packetKeyIgnoresFieldsRoutersRewrite()
    {
        final PacketKey packetKey = new PacketKey(11, 22);
        final FabricPacket atIngress = PacketDecoderTest.packet(17, 100);
        final FabricPacket atEgress = PacketDecoderTest.packet(17, 100);
        atEgress.ttl = atIngress.ttl - 3;
        atEgress.dscp = 0;

        assertThat(packetKey.of(atEgress)).isEqualTo(packetKey.of(atIngress));
    }

    @Test
    void packetKeyTellsPacketsOfAFlowApart()
    {
        final PacketKey packetKey = new PacketKey(11, 22);
        final FabricPacket packet = PacketDecoderTest.packet(6, 100);
        final long key = packetKey.of(packet);

        packet.ipId++;
        final long nextIpId = packetKey.of(packet);
        packet.seq++;
        final long nextSeq = packetKey.of(packet);

        assertThat(new HashSet<>(List.of(key, nextIpId, nextSeq))).hasSize(3);
    }

    @Test
    void packetKeyIsDirectional()
    {
        final PacketKey packetKey = new PacketKey(11, 22);
        final FabricPacket forward = PacketDecoderTest.packet(6, 100);
        final FabricPacket reverse = PacketDecoderTest.packet(6, 100);
        reverse.srcIp = forward.dstIp;
        reverse.dstIp = forward.srcIp;
        reverse.srcPort = forward.dstPort;
        reverse.dstPort = forward.srcPort;

        assertThat(packetKey.of(reverse)).isNotEqualTo(packetKey.of(forward));
    }
}
