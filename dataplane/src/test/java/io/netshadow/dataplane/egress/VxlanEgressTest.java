package io.netshadow.dataplane.egress;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VxlanEgressTest
{
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final int RECEIVE_TIMEOUT_MS = 10_000;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);

    @Test
    void sendsEachFrameAsAVxlanDatagramWithItsVniAndTheFrameUnchanged() throws IOException
    {
        try (DatagramChannel receiver = receiver("127.0.0.1");
            VxlanEgress egress = new VxlanEgress((InetSocketAddress)receiver.getLocalAddress()))
        {
            final List<byte[]> sentFrames = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                final int payloadBytes = i < 100 ? 64 : i < 150 ? 64 + i : 1400;
                final int length = writeFrame(i, payloadBytes);
                assertThat(egress.stage(1000 + i % 3, frame, 0, length)).isTrue();
                sentFrames.add(Arrays.copyOf(frame.byteArray(), length));
            }
            egress.flush();

            assertThat(egress.sentDatagrams()).isEqualTo(200);
            assertThat(egress.failedDatagrams()).isZero();
            assertThat(egress.sendCalls()).isEqualTo(1);
            assertThat(egress.gsoMessages()).as("runs of equal-length datagrams go as GSO").isPositive();
            final PacketDecoder decoder = new PacketDecoder(1, 2);
            final FabricPacket decoded = new FabricPacket();
            for (int i = 0; i < 200; i++)
            {
                final UnsafeBuffer datagram = receive(receiver);
                final VxlanHeader header = new VxlanHeader().wrap(datagram, 0);
                assertThat(header.flags()).isEqualTo(VxlanHeader.FLAG_VNI_VALID);
                assertThat(header.vni()).isEqualTo(1000 + i % 3);
                assertThat(datagram.getInt(4) & 0xFF).as("reserved byte after the VNI").isZero();
                final byte[] inner = new byte[datagram.capacity() - VxlanHeader.LENGTH];
                datagram.getBytes(VxlanHeader.LENGTH, inner);
                assertThat(inner).isEqualTo(sentFrames.get(i));
                assertThat(decoder.decode(datagram, VxlanHeader.LENGTH, inner.length, decoded))
                    .isEqualTo(DecodeResult.IPV4);
                assertThat(decoded.srcPort).isEqualTo(10_000 + i);
            }
        }
    }

    @Test
    void sendsToAnIpv6EndpointWithoutGso() throws IOException
    {
        try (DatagramChannel receiver = receiver("::1");
            VxlanEgress egress = new VxlanEgress((InetSocketAddress)receiver.getLocalAddress(), 16, 1 << 20, false))
        {
            for (int i = 0; i < 16; i++)
            {
                assertThat(egress.stage(42, frame, 0, writeFrame(i, 64))).isTrue();
            }
            assertThat(egress.stage(42, frame, 0, writeFrame(16, 64))).as("batch full").isFalse();
            egress.flush();

            assertThat(egress.sentDatagrams()).isEqualTo(16);
            assertThat(egress.gsoMessages()).isZero();
            for (int i = 0; i < 16; i++)
            {
                final UnsafeBuffer datagram = receive(receiver);
                assertThat(new VxlanHeader().wrap(datagram, 0).vni()).isEqualTo(42);
                assertThat(datagram.capacity()).isEqualTo(VxlanHeader.LENGTH + FrameWriter.frameLength(packet(i, 64)));
            }
        }
    }

    @Test
    void framesTooLargeForADatagramAreCountedAndNotSent() throws IOException
    {
        try (DatagramChannel receiver = receiver("127.0.0.1");
            VxlanEgress egress = new VxlanEgress((InetSocketAddress)receiver.getLocalAddress()))
        {
            final UnsafeBuffer jumbo = new UnsafeBuffer(new byte[70_000]);

            assertThat(egress.stage(1, jumbo, 0, jumbo.capacity())).isTrue();
            egress.flush();

            assertThat(egress.oversizeFrames()).isEqualTo(1);
            assertThat(egress.sentDatagrams()).isZero();
            assertThat(egress.sendCalls()).isZero();
        }
    }

    @Test
    void datagramsTheKernelRefusesAreCountedByKindAndTheRestStillGo() throws IOException
    {
        try (VxlanEgress refused = new VxlanEgress(new InetSocketAddress("255.255.255.255", 4789)))
        {
            for (int i = 0; i < 3; i++)
            {
                refused.stage(1, frame, 0, writeFrame(i, 64));
            }
            refused.flush();

            assertThat(refused.failedDatagrams(SendErrorKind.NOT_PERMITTED))
                .as("a broadcast without SO_BROADCAST is refused with EACCES before anything is sent").isEqualTo(3);
            assertThat(refused.failedDatagrams()).isEqualTo(3);
            assertThat(refused.sentDatagrams()).isZero();
            assertThat(refused.stagedCount()).isZero();
        }
    }

    @Test
    void errnosAreSortedIntoKinds()
    {
        assertThat(SendErrorKind.of(105)).isEqualTo(SendErrorKind.NO_BUFFER_SPACE);
        assertThat(SendErrorKind.of(11)).isEqualTo(SendErrorKind.NO_BUFFER_SPACE);
        assertThat(SendErrorKind.of(101)).isEqualTo(SendErrorKind.UNREACHABLE);
        assertThat(SendErrorKind.of(111)).isEqualTo(SendErrorKind.REFUSED);
        assertThat(SendErrorKind.of(90)).isEqualTo(SendErrorKind.MESSAGE_TOO_LARGE);
        assertThat(SendErrorKind.of(5)).isEqualTo(SendErrorKind.REFUSED_BY_KERNEL);
        assertThat(SendErrorKind.of(1)).isEqualTo(SendErrorKind.NOT_PERMITTED);
        assertThat(SendErrorKind.of(28)).isEqualTo(SendErrorKind.OTHER);
    }

    private int writeFrame(final int id, final int payloadBytes)
    {
        return FrameWriter.write(packet(id, payloadBytes), frame, 0);
    }

    private static FabricPacket packet(final int id, final int payloadBytes)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A000005;
        packet.dstIp = 0x0A000209;
        packet.protocol = Ipv4Flyweight.PROTOCOL_UDP;
        packet.srcPort = 10_000 + id;
        packet.dstPort = 5_001;
        packet.lengthBytes = 28 + payloadBytes;
        packet.ttl = 64;
        return packet;
    }

    private static DatagramChannel receiver(final String host) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(
            host.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(host, 0));
        channel.socket().setSoTimeout(RECEIVE_TIMEOUT_MS);
        return channel;
    }

    private static UnsafeBuffer receive(final DatagramChannel channel) throws IOException
    {
        final byte[] bytes = new byte[65_536];
        final java.net.DatagramPacket packet = new java.net.DatagramPacket(bytes, bytes.length);
        channel.socket().receive(packet);
        return new UnsafeBuffer(Arrays.copyOf(bytes, packet.getLength()));
    }
}
