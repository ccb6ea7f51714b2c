package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EncapsulationDecoder;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.GeneveHeader;
import io.netshadow.dataplane.packet.GreHeader;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.UdpFlyweight;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import org.agrona.DirectBuffer;

/**
 * Decodes a captured Ethernet frame the way ingest sees it: the outer frame with {@link PacketDecoder}; when it is
 * a mirror copy (VXLAN or GENEVE over UDP to their ports, ERSPAN type II or III over GRE) its outer headers with
 * {@link EncapsulationDecoder}, then the frame it carries, whose 5-tuple is the packet's. Reused from frame to
 * frame; allocates nothing.
 */
final class FrameDissector
{
    /** How the frame reached the capture. */
    enum Encapsulation
    {
        /** A plain frame. */
        NONE("none"),
        /** VXLAN over UDP. */
        VXLAN("vxlan"),
        /** GENEVE over UDP. */
        GENEVE("geneve"),
        /** ERSPAN over GRE. */
        ERSPAN("erspan");

        final String label;

        Encapsulation(final String label)
        {
            this.label = label;
        }
    }

    /** The outer frame's header facts. */
    final FabricPacket outer = new FabricPacket();
    /** The innermost packet's header facts: the outer ones when the frame is not encapsulated. */
    final FabricPacket inner = new FabricPacket();
    private final PacketDecoder outerDecoder;
    private final PacketDecoder innerDecoder;
    private final EncapsulationDecoder encapsulationDecoder = new EncapsulationDecoder();
    private Encapsulation encapsulation = Encapsulation.NONE;
    private EncapsulationResult encapsulationResult;
    private DecodeResult result;

    FrameDissector()
    {
        final DataPlaneConfig defaults = DataPlaneConfig.builder().build();
        this.outerDecoder = new PacketDecoder(defaults.flowHashKey0(), defaults.flowHashKey1());
        this.innerDecoder = new PacketDecoder(defaults.flowHashKey0(), defaults.flowHashKey1());
    }

    /**
     * Decodes one frame.
     *
     * @param timestampNs the frame's timestamp, to place wrapped ERSPAN type III hardware timestamps.
     * @return the innermost packet's decode result; the outer one when the encapsulation is malformed.
     */
    DecodeResult dissect(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        encapsulation = Encapsulation.NONE;
        encapsulationResult = null;
        result = outerDecoder.decode(buffer, offset, length, outer);
        inner.copyFrom(outer);
        if (DecodeResult.IPV4 != result)
        {
            return result;
        }
        final int networkOffset = outerDecoder.networkOffset();
        final int ipHeaderLength = (buffer.getByte(networkOffset) & 0x0F) * 4;
        final int udpPayloadOffset = networkOffset + ipHeaderLength + UdpFlyweight.HEADER_LENGTH;
        final int udpPayloadLength = outer.lengthBytes - ipHeaderLength - UdpFlyweight.HEADER_LENGTH;
        if (Ipv4Flyweight.PROTOCOL_UDP == outer.protocol && VxlanHeader.UDP_PORT == outer.dstPort)
        {
            encapsulation = Encapsulation.VXLAN;
            encapsulationResult = encapsulationDecoder.decodeVxlan(buffer, udpPayloadOffset, udpPayloadLength);
        }
        else if (Ipv4Flyweight.PROTOCOL_UDP == outer.protocol && GeneveHeader.UDP_PORT == outer.dstPort)
        {
            encapsulation = Encapsulation.GENEVE;
            encapsulationResult = encapsulationDecoder.decodeGeneve(buffer, udpPayloadOffset, udpPayloadLength);
        }
        else if (GreHeader.IP_PROTOCOL == outer.protocol)
        {
            encapsulation = Encapsulation.ERSPAN;
            encapsulationResult = encapsulationDecoder.decodeErspan(
                buffer, networkOffset, outer.lengthBytes, timestampNs);
        }
        if (EncapsulationResult.DECODED == encapsulationResult)
        {
            result = innerDecoder.decode(
                buffer, encapsulationDecoder.innerOffset(), encapsulationDecoder.innerLength(), inner);
        }
        return result;
    }

    /**
     * The frame's encapsulation, {@link Encapsulation#NONE} for a plain frame.
     */
    Encapsulation encapsulation()
    {
        return encapsulation;
    }

    /**
     * What the encapsulation decoder made of the outer headers, null for a plain frame.
     */
    EncapsulationResult encapsulationResult()
    {
        return encapsulationResult;
    }

    /**
     * Whether the frame is a mirror copy whose inner frame was reached.
     */
    boolean isDecapsulated()
    {
        return EncapsulationResult.DECODED == encapsulationResult;
    }

    /**
     * Whether the frame is malformed, in its encapsulation or its (inner) headers.
     */
    boolean isMalformed()
    {
        return (null != encapsulationResult && encapsulationResult.isMalformed()) || result.isMalformed();
    }

    /**
     * The VNI (VXLAN, GENEVE) or ERSPAN session id of a decapsulated frame.
     */
    int sessionKey()
    {
        return encapsulationDecoder.sessionKey();
    }

    /**
     * Whether a decapsulated ERSPAN type III frame carried the switch's hardware timestamp.
     */
    boolean hasHardwareTimestamp()
    {
        return isDecapsulated() && encapsulationDecoder.hasHardwareTimestamp();
    }

    /**
     * The switch's hardware timestamp, valid when {@link #hasHardwareTimestamp()}.
     */
    long hardwareTimestampNs()
    {
        return encapsulationDecoder.timestampNs();
    }

    DecodeResult result()
    {
        return result;
    }

    /**
     * The decoder of the innermost frame, for its VLAN tags.
     */
    PacketDecoder innerDecoder()
    {
        return isDecapsulated() ? innerDecoder : outerDecoder;
    }
}
