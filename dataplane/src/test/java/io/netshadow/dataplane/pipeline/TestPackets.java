package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.PacketDecoder;

/**
 * Builds ring slots for tests: frames written by {@link FrameWriter} and decoded as ingest decodes them.
 */
public final class TestPackets
{
    /** The flow hash key the tests use. */
    public static final long KEY0 = 3;
    /** The flow hash key the tests use. */
    public static final long KEY1 = 4;

    private static final PacketDecoder DECODER = new PacketDecoder(KEY0, KEY1);

    private TestPackets()
    {
    }

    /**
     * A UDP packet of a flow told apart by its source port.
     *
     * @param srcPort source port.
     * @param seq     the first payload word.
     * @return the packet.
     */
    public static FabricPacket udp(final int srcPort, final int seq)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A00_0001;
        packet.dstIp = 0x0A00_0202;
        packet.protocol = 17;
        packet.srcPort = srcPort;
        packet.dstPort = 5000;
        packet.lengthBytes = 100;
        packet.ttl = 64;
        packet.ipId = seq & 0xFFFF;
        packet.seq = seq;
        return packet;
    }

    /**
     * Fills a slot from a packet as the ingest would.
     *
     * @param event       the slot.
     * @param packet      the packet.
     * @param session     the session index.
     * @param direction   the session's direction.
     * @param timestampNs the timestamp.
     * @return the slot.
     */
    public static synchronized PacketEvent fill(
        final PacketEvent event,
        final FabricPacket packet,
        final int session,
        final Direction direction,
        final long timestampNs)
    {
        event.frameLength = FrameWriter.write(packet, event.frame, 0);
        event.timestampNs = timestampNs;
        event.timestampKind = TimestampKind.INGEST;
        event.sessionIndex = session;
        event.direction = direction;
        event.decodeResult = DECODER.decode(event.frame, 0, event.frameLength, event.packet);
        event.packetKey = DECODER.packetKey();
        return event;
    }
}
