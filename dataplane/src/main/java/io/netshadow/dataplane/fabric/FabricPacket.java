package io.netshadow.dataplane.fabric;

/**
 * The header facts of one IPv4 packet that a fabric forwards: a mutable holder, reused by its owner, never
 * retained by a fabric beyond the call it was passed to (fabrics copy what they keep).
 */
public final class FabricPacket
{
    /** The {@link #token} of a packet whose injector carries nothing to its fate. */
    public static final int NO_TOKEN = -1;

    /** IPv4 source address as an int in network order of significance (a.b.c.d is a &lt;&lt; 24 | ...). */
    public int srcIp;
    /** IPv4 destination address, as {@link #srcIp}. */
    public int dstIp;
    /** IP protocol number: 6 TCP, 17 UDP, 1 ICMP. */
    public int protocol;
    /** Layer-4 source port, 0 where the protocol has none. */
    public int srcPort;
    /** Layer-4 destination port, 0 where the protocol has none. */
    public int dstPort;
    /** Length of the IP packet in bytes (IP header included, link header excluded). */
    public int lengthBytes;
    /** DSCP code point, 0 to 63. */
    public int dscp;
    /** Time to live. */
    public int ttl;
    /** IPv4 identification field. */
    public int ipId;
    /** TCP sequence number, or for UDP the first four payload bytes: with {@link #ipId}, tells packets of a flow apart. */
    public int seq;
    /** Keyed hash of the 5-tuple, identical for every packet of a flow. */
    public long flowHash;
    /** What the injector carries to the packet's fate (a redirected packet's stored frame), or {@link #NO_TOKEN}. */
    public int token = NO_TOKEN;

    /**
     * Copies every field of another packet into this one.
     *
     * @param other the packet to copy.
     * @return this packet.
     */
    public FabricPacket copyFrom(final FabricPacket other)
    {
        srcIp = other.srcIp;
        dstIp = other.dstIp;
        protocol = other.protocol;
        srcPort = other.srcPort;
        dstPort = other.dstPort;
        lengthBytes = other.lengthBytes;
        dscp = other.dscp;
        ttl = other.ttl;
        ipId = other.ipId;
        seq = other.seq;
        flowHash = other.flowHash;
        token = other.token;
        return this;
    }
}
