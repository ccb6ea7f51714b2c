package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats what netshadow decodes in one captured frame as one line, in the manner of {@code tcpdump -r}: UTC time
 * to the nanosecond, encapsulation and outer endpoints, VLAN tags, the inner 5-tuple, IP length and flow hash, or
 * the reason the frame is malformed. For example
 * {@code 2023-11-14 22:13:20.000000001 vxlan 10.9.0.1.49152 > 10.9.0.2.4789 vni 100 | IP 10.0.0.1.5000 > 10.0.1.2.53: UDP len 40 flow 1f2e3d4c5b6a7988}.
 */
final class PacketLine
{
    private static final DateTimeFormatter SECONDS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final FrameDissector dissector = new FrameDissector();
    private final StringBuilder line = new StringBuilder(160);
    private long formattedSecond = Long.MIN_VALUE;
    private String formattedSeconds = "";

    /**
     * Decodes a record and formats its line.
     *
     * @param record the captured frame.
     * @return the line, valid until the next call.
     */
    CharSequence format(final CaptureRecord record)
    {
        line.setLength(0);
        appendTime(record.timestampNs);
        if (CaptureRecord.LINK_TYPE_ETHERNET != record.linkType)
        {
            line.append(" link type ").append(record.linkType).append(" not decoded");
            return line;
        }
        final DecodeResult result = dissector.dissect(record.frame, 0, record.capturedLength, record.timestampNs);
        if (FrameDissector.Encapsulation.NONE != dissector.encapsulation())
        {
            line.append(' ').append(dissector.encapsulation().label).append(' ');
            appendEndpoints(dissector.outer);
            if (!dissector.isDecapsulated())
            {
                final EncapsulationResult encapsulationResult = dissector.encapsulationResult();
                line.append(encapsulationResult.isMalformed() ? " malformed " : " ")
                    .append(encapsulationResult.name().toLowerCase(Locale.ROOT));
                return line;
            }
            line.append(FrameDissector.Encapsulation.ERSPAN == dissector.encapsulation() ? " session " : " vni ")
                .append(dissector.sessionKey());
            if (dissector.hasHardwareTimestamp())
            {
                line.append(" hw-time ");
                appendTime(dissector.hardwareTimestampNs());
            }
            line.append(" |");
        }
        final PacketDecoder decoder = dissector.innerDecoder();
        if (decoder.vlanTagCount() > 0)
        {
            line.append(" vlan ").append(decoder.outerVlanId());
            if (decoder.vlanTagCount() > 1)
            {
                line.append(" vlan ").append(decoder.innerVlanId());
            }
        }
        if (result.isMalformed())
        {
            line.append(" malformed ").append(result.name().toLowerCase(Locale.ROOT));
        }
        else if (DecodeResult.IPV4 == result)
        {
            final FabricPacket packet = dissector.inner;
            line.append(" IP ");
            appendEndpoints(packet);
            line.append(": ").append(protocolName(packet.protocol)).append(" len ").append(packet.lengthBytes)
                .append(" flow ");
            final String hash = Long.toHexString(packet.flowHash);
            line.repeat('0', 16 - hash.length()).append(hash);
        }
        else if (DecodeResult.IPV6 == result)
        {
            line.append(" IP6 (not decoded further)");
        }
        else
        {
            line.append(" non-IP frame");
        }
        if (record.capturedLength < record.originalLength)
        {
            line.append(" [captured ").append(record.capturedLength).append(" of ").append(record.originalLength)
                .append(" bytes]");
        }
        return line;
    }

    /**
     * The dissector of the last frame formatted.
     *
     * @return the dissector.
     */
    FrameDissector dissector()
    {
        return dissector;
    }

    private void appendTime(final long timestampNs)
    {
        final long second = Math.floorDiv(timestampNs, 1_000_000_000L);
        if (second != formattedSecond)
        {
            formattedSecond = second;
            formattedSeconds = SECONDS.format(Instant.ofEpochSecond(second));
        }
        final String fraction = Long.toString(Math.floorMod(timestampNs, 1_000_000_000L));
        line.append(formattedSeconds).append('.').repeat('0', 9 - fraction.length()).append(fraction);
    }

    private void appendEndpoints(final FabricPacket packet)
    {
        final boolean ports = hasPorts(packet.protocol);
        appendAddress(packet.srcIp);
        if (ports)
        {
            line.append('.').append(packet.srcPort);
        }
        line.append(" > ");
        appendAddress(packet.dstIp);
        if (ports)
        {
            line.append('.').append(packet.dstPort);
        }
    }

    private void appendAddress(final int address)
    {
        line.append(address >>> 24).append('.').append((address >>> 16) & 0xFF).append('.')
            .append((address >>> 8) & 0xFF).append('.').append(address & 0xFF);
    }

    private static boolean hasPorts(final int protocol)
    {
        return Ipv4Flyweight.PROTOCOL_TCP == protocol || Ipv4Flyweight.PROTOCOL_UDP == protocol;
    }

    private static String protocolName(final int protocol)
    {
        return switch (protocol)
        {
            case Ipv4Flyweight.PROTOCOL_TCP -> "TCP";
            case Ipv4Flyweight.PROTOCOL_UDP -> "UDP";
            case Ipv4Flyweight.PROTOCOL_ICMP -> "ICMP";
            default -> "proto " + protocol;
        };
    }
}
