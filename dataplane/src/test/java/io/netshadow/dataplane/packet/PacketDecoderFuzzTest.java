package io.netshadow.dataplane.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link PacketDecoder} with bare Ethernet frames. Each frame is wrapped in a buffer exactly its own size,
 * so a read past the frame's end fails Agrona's bounds check instead of reading a neighbour's bytes.
 * <p>
 * Regression inputs (malformed frames of every {@link DecodeResult} kind) are in
 * {@code src/test/resources/io/netshadow/dataplane/packet/PacketDecoderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} they seed the fuzzer, which then runs for {@code maxDuration}.
 */
class PacketDecoderFuzzTest
{
    private static final long KEY0 = 0x0706_0504_0302_0100L;
    private static final long KEY1 = 0x0F0E_0D0C_0B0A_0908L;
    private static final int PADDING_BYTES = 5;
    private static final int TRAILER_BYTES = 64;

    private final PacketDecoder decoder = new PacketDecoder(KEY0, KEY1);
    private final FlowHash flowHash = new FlowHash(KEY0, KEY1);
    private final PacketKey packetKey = new PacketKey(KEY0, KEY1);
    private final FabricPacket packet = new FabricPacket();
    private final FabricPacket again = new FabricPacket();
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[0]);

    @FuzzTest(maxDuration = "30s")
    void decodesAnyFrameWithoutThrowingOrReadingBeyondIt(final byte[] frame)
    {
        frameBuffer.wrap(frame);

        final DecodeResult result = decoder.decode(frameBuffer, 0, frame.length, packet);

        assertThat(result).isNotNull();
        assertThat(decoder.vlanTagCount()).isBetween(0, PacketDecoder.MAX_VLAN_TAGS);
        if (DecodeResult.IPV4 == result)
        {
            final int networkOffset = decoder.networkOffset();
            assertThat(networkOffset).isBetween(EthernetFlyweight.HEADER_LENGTH, frame.length);
            assertThat(packet.lengthBytes).isBetween(Ipv4Flyweight.MIN_HEADER_LENGTH, frame.length - networkOffset);
            assertThat(packet.srcPort).isBetween(0, 0xFFFF);
            assertThat(packet.dstPort).isBetween(0, 0xFFFF);
            assertThat(packet.flowHash).isEqualTo(flowHash.hash(packet));
            assertThat(decoder.packetKey()).isEqualTo(packetKey.of(packet));
        }
        else if (result.isMalformed())
        {
            assertThat(packet.lengthBytes).isZero();
            assertThat(packet.flowHash).isZero();
            assertThat(decoder.packetKey()).isZero();
        }

        assertThat(decoder.decode(frameBuffer, 0, frame.length, again)).isEqualTo(result);
        assertThat(again.flowHash).isEqualTo(packet.flowHash);
    }

    @FuzzTest(maxDuration = "30s")
    void decodesAnyFrameInsideALargerBufferTheSameAsAlone(final byte[] frame)
    {
        final int offset = PADDING_BYTES;
        final byte[] padded = new byte[offset + frame.length + TRAILER_BYTES];
        Arrays.fill(padded, (byte)0x45);
        System.arraycopy(frame, 0, padded, offset, frame.length);
        frameBuffer.wrap(frame);
        final DecodeResult alone = decoder.decode(frameBuffer, 0, frame.length, packet);

        frameBuffer.wrap(padded);
        final DecodeResult inside = decoder.decode(frameBuffer, offset, frame.length, again);

        assertThat(inside).isEqualTo(alone);
        assertThat(again.lengthBytes).isEqualTo(packet.lengthBytes);
        assertThat(again.flowHash).isEqualTo(packet.flowHash);
        assertThat(again.seq).isEqualTo(packet.seq);
    }
}
