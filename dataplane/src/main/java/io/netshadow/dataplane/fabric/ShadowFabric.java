package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;

/**
 * A network that forwards injected packets the way its devices are configured and reports each packet's fate.
 * The port behind which the emulated, Linux and exported fabrics sit.
 * <p>
 * {@link #inject} and {@link #advanceTo} are called by one driving thread, in non-decreasing time order;
 * {@link #applyConfig} and {@link #config} may be called from any thread and take effect for packets that the
 * driving thread processes after the call returns.
 */
public interface ShadowFabric extends AutoCloseable
{
    /**
     * The topology this fabric was built from.
     *
     * @return the topology.
     */
    FabricTopology topology();

    /**
     * Hands a packet to a device as if it arrived on the given port at the given time. The packet is copied.
     *
     * @param packet      the packet.
     * @param deviceIndex the device it enters.
     * @param portIndex   the port it enters through, usually a host port.
     * @param timeNs      fabric time of arrival; never earlier than the last call's.
     */
    void inject(FabricPacket packet, int deviceIndex, int portIndex, long timeNs);

    /**
     * Processes every event due up to and including the given time, reporting fates to the listener.
     *
     * @param timeNs fabric time to advance to.
     * @return the number of events processed.
     */
    int advanceTo(long timeNs);

    /**
     * Replaces a device's configuration.
     *
     * @param deviceIndex the device.
     * @param config      its new configuration.
     */
    void applyConfig(int deviceIndex, DeviceConfig config);

    /**
     * A device's current configuration.
     *
     * @param deviceIndex the device.
     * @return its configuration.
     */
    DeviceConfig config(int deviceIndex);

    /**
     * Packets dropped so far, by reason.
     *
     * @param reason the reason.
     * @return the count.
     */
    long dropCount(DropReason reason);

    @Override
    void close();
}
