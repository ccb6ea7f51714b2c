package io.netshadow.dataplane.fabric;

/**
 * Receives what became of each packet a fabric was given: delivered out of a host port, or dropped with a reason.
 * Called on the thread that drives the fabric; implementations must not block.
 */
public interface FateListener
{
    /** A listener that takes no notice of any fate: for a fabric whose fates are counted elsewhere or not at all. */
    FateListener IGNORE = new FateListener()
    {
        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
        }
    };

    /**
     * A packet left the fabric through a host-facing port of its destination device.
     *
     * @param packet         the packet, valid only during the call.
     * @param deviceIndex    index of the device that delivered it.
     * @param injectedAtNs   fabric time at which it was injected.
     * @param deliveredAtNs  fabric time at which it left.
     */
    void onDelivered(FabricPacket packet, int deviceIndex, long injectedAtNs, long deliveredAtNs);

    /**
     * A packet was dropped.
     *
     * @param packet       the packet, valid only during the call.
     * @param deviceIndex  index of the device that dropped it.
     * @param reason       why.
     * @param injectedAtNs fabric time at which it was injected.
     * @param droppedAtNs  fabric time of the drop.
     */
    void onDropped(FabricPacket packet, int deviceIndex, DropReason reason, long injectedAtNs, long droppedAtNs);
}
