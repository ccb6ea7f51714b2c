package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The keyed 64-bit hash of a flow's 5-tuple, IPv4 or IPv6, that sampling decides on. It is symmetric: both
 * directions of a conversation hash alike, so sampling by it keeps TCP conversations whole. The key comes from configuration;
 * without it an outsider could craft flows that are always, or never, sampled.
 * <p>
 * Not thread-safe: one instance per thread.
 */
public final class FlowHash
{
    private static final int IPV6_ADDRESS_BYTES = 16;

    private final SipHash sipHash;

    /**
     * A flow hash with a 128-bit key.
     *
     * @param key0 the key's first half.
     * @param key1 the key's second half.
     */
    public FlowHash(final long key0, final long key1)
    {
        this.sipHash = new SipHash(key0, key1);
    }

    /**
     * Hashes a 5-tuple.
     *
     * @param srcIp    source address.
     * @param dstIp    destination address.
     * @param srcPort  source port, 0 where the protocol has none.
     * @param dstPort  destination port, 0 where the protocol has none.
     * @param protocol IP protocol number.
     * @return the flow hash, the same for both directions.
     */
    public long hash(final int srcIp, final int dstIp, final int srcPort, final int dstPort, final int protocol)
    {
        final long source = (srcIp & 0xFFFF_FFFFL) << 16 | (srcPort & 0xFFFF);
        final long destination = (dstIp & 0xFFFF_FFFFL) << 16 | (dstPort & 0xFFFF);
        final long low = Math.min(source, destination);
        final long high = Math.max(source, destination);
        return sipHash.hash(low << 16 | (protocol & 0xFF), high);
    }

    /**
     * Hashes an IPv6 5-tuple whose addresses are read in place, as they stand in an IPv6 header: the source address
     * followed by the destination address.
     *
     * @param buffer          the buffer holding the addresses.
     * @param addressesOffset where the 16-byte source address starts; the destination address follows it.
     * @param srcPort         source port, 0 where the protocol has none.
     * @param dstPort         destination port, 0 where the protocol has none.
     * @param protocol        the transport protocol number after any extension headers.
     * @return the flow hash, the same for both directions.
     */
    public long hashIpv6(
        final DirectBuffer buffer, final int addressesOffset, final int srcPort, final int dstPort, final int protocol)
    {
        final long srcHigh = buffer.getLong(addressesOffset, BIG_ENDIAN);
        final long srcLow = buffer.getLong(addressesOffset + Long.BYTES, BIG_ENDIAN);
        final long dstHigh = buffer.getLong(addressesOffset + IPV6_ADDRESS_BYTES, BIG_ENDIAN);
        final long dstLow = buffer.getLong(addressesOffset + IPV6_ADDRESS_BYTES + Long.BYTES, BIG_ENDIAN);
        int order = Long.compareUnsigned(srcHigh, dstHigh);
        if (0 == order)
        {
            order = Long.compareUnsigned(srcLow, dstLow);
        }
        if (0 == order)
        {
            order = Integer.compare(srcPort & 0xFFFF, dstPort & 0xFFFF);
        }
        final boolean sourceFirst = order <= 0;
        final long ports = (long)((sourceFirst ? srcPort : dstPort) & 0xFFFF) << 32 |
            (long)((sourceFirst ? dstPort : srcPort) & 0xFFFF) << 16 |
            (protocol & 0xFF);
        return sourceFirst ?
            sipHash.hash(srcHigh, srcLow, dstHigh, dstLow, ports) :
            sipHash.hash(dstHigh, dstLow, srcHigh, srcLow, ports);
    }

    /**
     * Hashes a packet's 5-tuple.
     *
     * @param packet the packet.
     * @return the flow hash.
     */
    public long hash(final FabricPacket packet)
    {
        return hash(packet.srcIp, packet.dstIp, packet.srcPort, packet.dstPort, packet.protocol);
    }
}
