package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.meter.KpiRing;
import io.netshadow.dataplane.meter.LiveMeter;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EthernetFlyweight;
import io.netshadow.dataplane.packet.FlowHash;
import io.netshadow.dataplane.packet.PacketDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

class Ipv6FlowSamplingTest
{
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int IPV6_HEADER_BYTES = 40;
    private static final int ADDRESSES_OFFSET = EthernetFlyweight.HEADER_LENGTH + 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final PacketDecoder decoder = new PacketDecoder(TestPackets.KEY0, TestPackets.KEY1);
    private final FabricPacket decoded = new FabricPacket();

    @Test
    void aSymmetricIpv6FlowHashesTheSameBothWays()
    {
        final long client = 0x2001_0DB8_0000_0001L;
        final long server = 0x2001_0DB8_0000_0002L;

        final long forward = decodedHash(client, 7, server, 9, 40_000, 443, TCP);
        final long backward = decodedHash(server, 9, client, 7, 443, 40_000, TCP);

        assertThat(forward).isNotZero().isEqualTo(backward);
        assertThat(decodedHash(client, 7, server, 9, 40_001, 443, TCP)).isNotEqualTo(forward);
        assertThat(decodedHash(client, 7, server, 9, 40_000, 443, UDP)).isNotEqualTo(forward);
        assertThat(decodedHash(client, 8, server, 9, 40_000, 443, TCP)).as("the low half of the address counts")
            .isNotEqualTo(forward);
    }

    @Test
    void theIpv6FlowHashIsKeyed()
    {
        writeFrame(0x2001_0DB8_0000_0001L, 7, 0x2001_0DB8_0000_0002L, 9, 40_000, 443, TCP);

        assertThat(new FlowHash(1, 2).hashIpv6(buffer, ADDRESSES_OFFSET, 40_000, 443, TCP))
            .isNotEqualTo(new FlowHash(1, 3).hashIpv6(buffer, ADDRESSES_OFFSET, 40_000, 443, TCP));
    }

    @Test
    void samplingKeepsWholeIpv6Flows()
    {
        final FlowSampler sampler = new FlowSampler(0.3);
        final SplittableRandom random = new SplittableRandom(42);
        final int flows = 2_000;
        int selectedFlows = 0;
        for (int flow = 0; flow < flows; flow++)
        {
            final long clientHigh = 0x2001_0DB8_0000_0000L | random.nextInt(1 << 16);
            final long clientLow = random.nextLong();
            final long serverLow = random.nextLong();
            final int clientPort = 1024 + random.nextInt(60_000);
            final boolean first = sampler.selects(
                decodedHash(clientHigh, clientLow, 0x2001_0DB8_FFFF_0000L, serverLow, clientPort, 443, TCP));
            for (int packet = 0; packet < 4; packet++)
            {
                final long hash = packet % 2 == 0 ?
                    decodedHash(clientHigh, clientLow, 0x2001_0DB8_FFFF_0000L, serverLow, clientPort, 443, TCP) :
                    decodedHash(0x2001_0DB8_FFFF_0000L, serverLow, clientHigh, clientLow, 443, clientPort, TCP);
                assertThat(sampler.selects(hash)).as("flow %d packet %d", flow, packet).isEqualTo(first);
            }
            selectedFlows += first ? 1 : 0;
        }

        assertThat(selectedFlows).isBetween(500, 700);
    }

    @Test
    void theLiveMeterCountsTheIpv6CopiesItPassesOver() throws Exception
    {
        final DataPlaneCounters counters = new DataPlaneCounters();
        final RingBuffer<PacketRef> ringB =
            RingBuffer.createSingleProducer(PacketRef::new, 16, new BusySpinWaitStrategy());
        final LiveMeter meter = new LiveMeter(
            new KpiRing(16, counters.counter("kpi.full")), 1_000_000_000L, 1_000_000L, 16, counters::counter);
        final LiveMeterAgent agent = new LiveMeterAgent(ringB, meter, new ManualClock(0), 0, counters);
        publish(ringB, DecodeResult.IPV6);
        publish(ringB, DecodeResult.IPV6);
        publish(ringB, DecodeResult.NOT_IP);

        agent.doWork();

        assertThat(counters.value(LiveMeterAgent.IPV6_SKIPPED)).isEqualTo(2);
        assertThat(counters.value(LiveMeterAgent.NOT_IP_SKIPPED)).isEqualTo(1);
    }

    private static void publish(final RingBuffer<PacketRef> ringB, final DecodeResult result)
    {
        final long sequence = ringB.next();
        final PacketEvent event = new PacketEvent(256);
        event.decodeResult = result;
        event.direction = Direction.INGRESS;
        ringB.get(sequence).event = event;
        ringB.publish(sequence);
    }

    private long decodedHash(
        final long srcHigh,
        final long srcLow,
        final long dstHigh,
        final long dstLow,
        final int srcPort,
        final int dstPort,
        final int protocol)
    {
        final int length = writeFrame(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort, protocol);
        assertThat(decoder.decode(buffer, 0, length, decoded)).isEqualTo(DecodeResult.IPV6);
        return decoded.flowHash;
    }

    private int writeFrame(
        final long srcHigh,
        final long srcLow,
        final long dstHigh,
        final long dstLow,
        final int srcPort,
        final int dstPort,
        final int protocol)
    {
        final int ip = EthernetFlyweight.HEADER_LENGTH;
        final int transportBytes = TCP == protocol ? 20 : 8;
        buffer.setMemory(0, ip + IPV6_HEADER_BYTES + transportBytes, (byte)0);
        buffer.putShort(EthernetFlyweight.ETHER_TYPE_OFFSET, (short)EthernetFlyweight.ETHER_TYPE_IPV6, BIG_ENDIAN);
        buffer.putInt(ip, 0x6000_0000, BIG_ENDIAN);
        buffer.putShort(ip + 4, (short)transportBytes, BIG_ENDIAN);
        buffer.putByte(ip + 6, (byte)protocol);
        buffer.putByte(ip + 7, (byte)64);
        buffer.putLong(ip + 8, srcHigh, BIG_ENDIAN);
        buffer.putLong(ip + 16, srcLow, BIG_ENDIAN);
        buffer.putLong(ip + 24, dstHigh, BIG_ENDIAN);
        buffer.putLong(ip + 32, dstLow, BIG_ENDIAN);
        final int transport = ip + IPV6_HEADER_BYTES;
        buffer.putShort(transport, (short)srcPort, BIG_ENDIAN);
        buffer.putShort(transport + 2, (short)dstPort, BIG_ENDIAN);
        if (TCP == protocol)
        {
            buffer.putByte(transport + 12, (byte)0x50);
        }
        else
        {
            buffer.putShort(transport + 4, (short)transportBytes, BIG_ENDIAN);
        }
        return transport + transportBytes;
    }
}
