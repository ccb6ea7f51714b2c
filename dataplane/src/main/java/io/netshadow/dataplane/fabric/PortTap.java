package io.netshadow.dataplane.fabric;

/**
 * Observes packets crossing device ports: how a mirror session (SPAN) sees traffic. Called on the thread that
 * drives the fabric; implementations must not block.
 */
public interface PortTap
{
    /**
     * A packet crossed a port.
     *
     * @param packet      the packet, valid only during the call.
     * @param deviceIndex the device.
     * @param portIndex   the port on that device (see {@link FabricTopology#portIndex}).
     * @param ingress     true when the packet entered the device through the port, false when it left.
     * @param timeNs      fabric time of the crossing.
     */
    void onPort(FabricPacket packet, int deviceIndex, int portIndex, boolean ingress, long timeNs);
}
