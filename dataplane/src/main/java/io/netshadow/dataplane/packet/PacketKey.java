package io.netshadow.dataplane.packet;

import io.netshadow.dataplane.fabric.FabricPacket;

/**
 * The 64-bit identity of one packet: a keyed hash of its directed 5-tuple, IPv4 identification and
 * {@link FabricPacket#seq}. Fields that routers rewrite (TTL, checksum, DSCP) are left out, so the copy of a
 * packet mirrored where it enters the network and the copy mirrored where it leaves have the same key.
 * <p>
 * Not thread-safe: one instance per thread.
 */
public final class PacketKey
{
    private final SipHash sipHash;

    /**
     * A packet key with a 128-bit hash key.
     *
     * @param key0 the key's first half.
     * @param key1 the key's second half.
     */
    public PacketKey(final long key0, final long key1)
    {
        this.sipHash = new SipHash(key0, key1);
    }

    /**
     * The key of a packet.
     *
     * @param packet the packet's header facts.
     * @return its 64-bit identity.
     */
    public long of(final FabricPacket packet)
    {
        final long addresses = (long)packet.srcIp << 32 | (packet.dstIp & 0xFFFF_FFFFL);
        final long ports = (long)(packet.srcPort & 0xFFFF) << 48 |
            (long)(packet.dstPort & 0xFFFF) << 32 |
            (long)(packet.protocol & 0xFF) << 16 |
            (packet.ipId & 0xFFFF);
        return sipHash.hash(addresses, ports, packet.seq & 0xFFFF_FFFFL);
    }
}
