package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;

/**
 * The keyed 64-bit hash of a flow's 5-tuple that sampling decides on. It is symmetric: both directions of a
 * conversation hash alike, so sampling by it keeps TCP conversations whole. The key comes from configuration;
 * without it an outsider could craft flows that are always, or never, sampled.
 * <p>
 * Not thread-safe: one instance per thread.
 */
public final class FlowHash
{
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
