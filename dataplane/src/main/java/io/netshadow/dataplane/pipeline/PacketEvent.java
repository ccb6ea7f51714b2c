package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.packet.DecodeResult;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A slot of ring A: one mirrored packet, preallocated once and reused. The ingest thread that claims the slot
 * copies the inner frame into {@link #frame} (the packet's only copy) and fills the other fields; after it
 * publishes, the slot is read-only until every stage is done with it.
 */
public final class PacketEvent
{
    /** A frame size that holds any standard Ethernet frame with two VLAN tags. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 2048;

    /** The frame's bytes from the Ethernet header on, over a direct buffer of the maximum frame size. */
    public final UnsafeBuffer frame;
    /**
     * The header facts decoded from the frame: all of them for {@link DecodeResult#IPV4}, only the flow hash for
     * {@link DecodeResult#IPV6}, all zero otherwise.
     */
    public final FabricPacket packet = new FabricPacket();
    /** Length of the frame in bytes. */
    public int frameLength;
    /** When the packet was seen, in nanoseconds since the epoch. */
    public long timestampNs;
    /** Where {@link #timestampNs} came from. */
    public TimestampKind timestampKind = TimestampKind.INGEST;
    /** Index of the mirror session that sent the copy, in the data plane's session list. */
    public int sessionIndex;
    /** The direction the session mirrors. */
    public Direction direction = Direction.INGRESS;
    /** What the decoder made of the frame. */
    public DecodeResult decodeResult = DecodeResult.NOT_IP;
    /** The packet's identity for matching mirror copies, 0 unless decoded as IPv4. */
    public long packetKey;

    /**
     * A slot whose frame buffer holds up to the given number of bytes.
     *
     * @param maxFrameBytes the frame buffer's capacity.
     */
    public PacketEvent(final int maxFrameBytes)
    {
        this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(maxFrameBytes));
    }

    /**
     * Whether the packet can enter the IPv4 shadow and the meters.
     *
     * @return true when the frame decoded as IPv4.
     */
    public boolean isIpv4()
    {
        return DecodeResult.IPV4 == decodeResult;
    }
}
