package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.capture.PcapWriter;
import io.netshadow.dataplane.capture.PcapngWriter;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.GeneveHeader;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Capture files the CLI tests write themselves: plain TCP and UDP, VXLAN-encapsulated, 802.1Q-tagged, malformed,
 * non-IP, ICMP and GENEVE-encapsulated frames, each packet a microsecond after the last.
 */
final class TestCaptures
{
    static final long T0_NS = 1_700_000_000_000_000_000L;
    static final int PACKET_COUNT = 9;
    static final int VNI = 100;

    private TestCaptures()
    {
    }

    static void writePcapng(final Path file)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        try (PcapngWriter writer = PcapngWriter.create(file, ByteOrder.LITTLE_ENDIAN))
        {
            for (int i = 0; i < PACKET_COUNT; i++)
            {
                writer.append(T0_NS + i * 1_000L, buffer, 0, frame(i, buffer));
            }
        }
    }

    static void writePcap(final Path file)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        try (PcapWriter writer = PcapWriter.create(file, BIG_ENDIAN, false))
        {
            for (int i = 0; i < PACKET_COUNT; i++)
            {
                writer.append(T0_NS + i * 1_000L, buffer, 0, frame(i, buffer));
            }
        }
    }

    /**
     * Writes test frame {@code index} at offset 0.
     *
     * @return its length.
     */
    static int frame(final int index, final UnsafeBuffer buffer)
    {
        return switch (index)
        {
            case 0 -> FrameWriter.write(packet(6, 0x0A000001, 40_000, 0x0A000102, 80, 60), buffer, 0);
            case 1 -> FrameWriter.write(packet(17, 0x0A000002, 5_000, 0x0A000103, 53, 48), buffer, 0);
            case 2 -> vxlan(packet(6, 0x0A000003, 40_001, 0x0A000104, 443, 80), buffer);
            case 3 -> vxlan(packet(17, 0x0A000004, 5_001, 0x0A000105, 4_000, 64), buffer);
            case 4 -> vlanTagged(packet(6, 0x0A000005, 40_002, 0x0A000106, 22, 52), 42, buffer);
            case 5 ->
            {
                final int length = FrameWriter.write(packet(6, 0x0A000006, 40_003, 0x0A000107, 80, 60), buffer, 0);
                buffer.putByte(14, (byte)0x55);
                yield length;
            }
            case 6 ->
            {
                final int length = FrameWriter.write(packet(6, 0x0A000007, 40_004, 0x0A000108, 80, 60), buffer, 0);
                buffer.putShort(12, (short)0x0806, BIG_ENDIAN);
                yield length;
            }
            case 7 -> FrameWriter.write(packet(1, 0x0A000008, 0, 0x0A000109, 0, 40), buffer, 0);
            default -> geneve(packet(17, 0x0A000009, 5_002, 0x0A00010A, 123, 76), buffer);
        };
    }

    static FabricPacket packet(
        final int protocol, final int srcIp, final int srcPort, final int dstIp, final int dstPort, final int length)
    {
        final FabricPacket packet = new FabricPacket();
        packet.protocol = protocol;
        packet.srcIp = srcIp;
        packet.srcPort = srcPort;
        packet.dstIp = dstIp;
        packet.dstPort = dstPort;
        packet.lengthBytes = length;
        packet.ttl = 64;
        packet.seq = 7;
        return packet;
    }

    private static int vxlan(final FabricPacket inner, final UnsafeBuffer buffer)
    {
        final int innerLength = FrameWriter.frameLength(inner);
        final FabricPacket outer = packet(17, 0xC0A80901, 49_152, 0xC0A80902, VxlanHeader.UDP_PORT,
            20 + 8 + VxlanHeader.LENGTH + innerLength);
        final int length = FrameWriter.write(outer, buffer, 0);
        FrameWriter.writeVxlan(inner, VNI, buffer, 14 + 20 + 8);
        buffer.putShort(14 + 20 + 6, (short)0);
        return length;
    }

    private static int geneve(final FabricPacket inner, final UnsafeBuffer buffer)
    {
        final int innerLength = FrameWriter.frameLength(inner);
        final FabricPacket outer = packet(17, 0xC0A80903, 49_153, 0xC0A80904, GeneveHeader.UDP_PORT,
            20 + 8 + GeneveHeader.FIXED_LENGTH + innerLength);
        final int length = FrameWriter.write(outer, buffer, 0);
        final int geneveOffset = 14 + 20 + 8;
        buffer.putShort(geneveOffset, (short)0, BIG_ENDIAN);
        buffer.putShort(geneveOffset + 2, (short)GeneveHeader.PROTOCOL_ETHERNET, BIG_ENDIAN);
        buffer.putInt(geneveOffset + 4, VNI << 8, BIG_ENDIAN);
        FrameWriter.write(inner, buffer, geneveOffset + GeneveHeader.FIXED_LENGTH);
        buffer.putShort(14 + 20 + 6, (short)0);
        return length;
    }

    private static int vlanTagged(final FabricPacket packet, final int vlanId, final UnsafeBuffer buffer)
    {
        final int length = FrameWriter.write(packet, buffer, 4);
        buffer.putBytes(0, buffer, 4, 12);
        buffer.putShort(12, (short)0x8100, BIG_ENDIAN);
        buffer.putShort(14, (short)vlanId, BIG_ENDIAN);
        return length + 4;
    }
}
