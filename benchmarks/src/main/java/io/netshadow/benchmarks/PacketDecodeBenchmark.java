package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.FlowHash;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.PacketKey;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per packet of the ingest path's per-packet work on a VXLAN mirror datagram: checking the VXLAN
 * header and decoding the inner Ethernet, IPv4 and TCP headers of a full-size segment with {@link PacketDecoder}
 * (flow hash and packet key included), and, apart, the {@link FlowHash} and {@link PacketKey} of the decoded
 * packet. The datagram is built once with {@link FrameWriter#writeVxlan} in a direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PacketDecodeBenchmark
{
    private static final long HASH_KEY_0 = 0x0706_0504_0302_0100L;
    private static final long HASH_KEY_1 = 0x0F0E_0D0C_0B0A_0908L;
    private static final int VNI = 4242;
    private static final int IP_LENGTH_BYTES = 1500;
    private static final int DATAGRAM_CAPACITY_BYTES = 2048;

    private final UnsafeBuffer datagram = new UnsafeBuffer(ByteBuffer.allocateDirect(DATAGRAM_CAPACITY_BYTES));
    private final VxlanHeader vxlanHeader = new VxlanHeader();
    private final PacketDecoder decoder = new PacketDecoder(HASH_KEY_0, HASH_KEY_1);
    private final FlowHash flowHash = new FlowHash(HASH_KEY_0, HASH_KEY_1);
    private final PacketKey packetKey = new PacketKey(HASH_KEY_0, HASH_KEY_1);
    private final FabricPacket decoded = new FabricPacket();
    private int frameLengthBytes;

    /**
     * Writes the datagram and decodes it once, so the hash benchmarks start from its header facts.
     *
     * @throws IllegalStateException when the frame does not decode as IPv4.
     */
    @Setup
    public void setUp()
    {
        final FabricPacket segment = new FabricPacket();
        segment.srcIp = Ipv4Prefix.parseAddress("10.1.0.5");
        segment.dstIp = Ipv4Prefix.parseAddress("10.4.0.9");
        segment.protocol = Ipv4Flyweight.PROTOCOL_TCP;
        segment.srcPort = 40_000;
        segment.dstPort = 443;
        segment.lengthBytes = IP_LENGTH_BYTES;
        segment.ttl = 64;
        segment.ipId = 0x1234;
        segment.seq = 0x5678_9ABC;
        frameLengthBytes = FrameWriter.writeVxlan(segment, VNI, datagram, 0) - VxlanHeader.LENGTH;
        final DecodeResult result = decodeVxlan();
        if (DecodeResult.IPV4 != result)
        {
            throw new IllegalStateException("the datagram decodes as " + result);
        }
    }

    /**
     * Checks the VXLAN header and decodes the inner frame.
     *
     * @return what the frame is.
     */
    @Benchmark
    public DecodeResult decodeVxlan()
    {
        if (!vxlanHeader.wrap(datagram, 0).isVniValid() || VNI != vxlanHeader.vni())
        {
            throw new IllegalStateException("bad VXLAN header");
        }
        return decoder.decode(datagram, VxlanHeader.LENGTH, frameLengthBytes, decoded);
    }

    /**
     * Hashes the decoded packet's 5-tuple.
     *
     * @return the flow hash.
     */
    @Benchmark
    public long flowHash()
    {
        return flowHash.hash(decoded);
    }

    /**
     * Computes the decoded packet's identity.
     *
     * @return the packet key.
     */
    @Benchmark
    public long packetKey()
    {
        return packetKey.of(decoded);
    }
}
