package io.netshadow.dataplane.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link EncapsulationDecoder} with whole mirror copies, one target per entry point (VXLAN and GENEVE UDP
 * payloads, ERSPAN from the outer IPv4 header and from the outer Ethernet header), then {@link PacketDecoder} on
 * the inner frame found. Each input is wrapped in a buffer exactly its own size, so a read past its end fails
 * Agrona's bounds check; a decoded inner frame must lie inside the input.
 * <p>
 * Regression inputs are in
 * {@code src/test/resources/io/netshadow/dataplane/packet/EncapsulationDecoderFuzzTestInputs/}.
 */
class EncapsulationDecoderFuzzTest
{
    private static final long INGEST_TIME_NS = 1_764_000_000_000_000_000L;

    private final EncapsulationDecoder encapsulation = new EncapsulationDecoder();
    private final PacketDecoder decoder = new PacketDecoder(1, 2);
    private final FabricPacket packet = new FabricPacket();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

    @FuzzTest(maxDuration = "30s")
    void decodesAnyVxlanPayloadWithItsInnerFrameInsideIt(final byte[] payload)
    {
        buffer.wrap(payload);

        assertInnerFrameInside(encapsulation.decodeVxlan(buffer, 0, payload.length), payload.length);
    }

    @FuzzTest(maxDuration = "30s")
    void decodesAnyGenevePayloadWithItsInnerFrameInsideIt(final byte[] payload)
    {
        buffer.wrap(payload);

        assertInnerFrameInside(encapsulation.decodeGeneve(buffer, 0, payload.length), payload.length);
    }

    @FuzzTest(maxDuration = "30s")
    void decodesAnyErspanPacketWithItsInnerFrameInsideIt(final byte[] ipPacket)
    {
        buffer.wrap(ipPacket);

        assertInnerFrameInside(
            encapsulation.decodeErspan(buffer, 0, ipPacket.length, INGEST_TIME_NS), ipPacket.length);
    }

    @FuzzTest(maxDuration = "30s")
    void decodesAnyErspanFrameWithItsInnerFrameInsideIt(final byte[] frame)
    {
        buffer.wrap(frame);

        assertInnerFrameInside(
            encapsulation.decodeErspanFrame(buffer, 0, frame.length, INGEST_TIME_NS), frame.length);
    }

    private void assertInnerFrameInside(final EncapsulationResult result, final int length)
    {
        assertThat(result).isNotNull();
        if (EncapsulationResult.DECODED == result)
        {
            final int innerOffset = encapsulation.innerOffset();
            final int innerLength = encapsulation.innerLength();
            assertThat(innerOffset).isBetween(0, length);
            assertThat(innerLength).isBetween(0, length - innerOffset);
            assertThat(decoder.decode(buffer, innerOffset, innerLength, packet)).isNotNull();
        }
    }
}
