package io.netshadow.dataplane.pipeline;

/**
 * A slot of ring B: a reference to a ring A slot, published in timestamp order. Ring B carries references so a
 * packet is never copied again after ingest; the ring A slot is reused only once every ring B consumer has passed
 * the reference.
 */
public final class PacketRef
{
    /** The packet, owned by ring A. */
    public PacketEvent event;
    /** The packet's sequence in ring A. */
    public long sourceSequence;
}
