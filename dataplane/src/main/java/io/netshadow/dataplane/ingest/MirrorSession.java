package io.netshadow.dataplane.ingest;

import java.util.Objects;

/**
 * One mirror session of the live network: a switch copies the packets crossing one port in one direction and
 * sends them to the appliance as VXLAN with this session's VNI.
 *
 * @param vni       the VXLAN network identifier the session's copies carry, unique among sessions.
 * @param device    the live device whose port is mirrored.
 * @param port      the mirrored port's name.
 * @param direction which crossing of the port is copied.
 */
public record MirrorSession(int vni, String device, String port, Direction direction)
{
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the VNI does not fit in 24 bits or a name is blank.
     */
    public MirrorSession
    {
        if (vni < 0 || vni > 0xFF_FFFF)
        {
            throw new IllegalArgumentException("mirror session VNI " + vni + " is outside 0..16777215");
        }
        if (null == device || device.isBlank() || null == port || port.isBlank())
        {
            throw new IllegalArgumentException("mirror session VNI " + vni + " needs a device and a port name");
        }
        Objects.requireNonNull(direction, "direction");
    }
}
