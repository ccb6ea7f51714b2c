package io.netshadow.dataplane.ingest;

import java.util.Objects;

/**
 * One mirror session of the live network: a switch copies the packets crossing one port in one direction and
 * sends them to the appliance, encapsulated as its {@link SourceKind} says, marked with this session's key.
 *
 * @param vni       the session key the copies carry, unique among sessions of the same kind: the VNI for VXLAN
 *                  and GENEVE, the ERSPAN session id for ERSPAN.
 * @param device    the live device whose port is mirrored.
 * @param port      the mirrored port's name.
 * @param direction which crossing of the port is copied.
 * @param kind      how the copies are encapsulated.
 */
public record MirrorSession(int vni, String device, String port, Direction direction, SourceKind kind)
{
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the key does not fit the kind's field or a name is blank.
     */
    public MirrorSession
    {
        Objects.requireNonNull(kind, "kind");
        if (vni < 0 || vni > kind.maxKey())
        {
            throw new IllegalArgumentException(
                "mirror session " + (SourceKind.ERSPAN == kind ? "ERSPAN session id " : "VNI ") + vni +
                " is outside 0.." + kind.maxKey());
        }
        if (null == device || device.isBlank() || null == port || port.isBlank())
        {
            throw new IllegalArgumentException("mirror session VNI " + vni + " needs a device and a port name");
        }
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * A VXLAN mirror session.
     *
     * @param vni       the VXLAN network identifier the session's copies carry, unique among VXLAN sessions.
     * @param device    the live device whose port is mirrored.
     * @param port      the mirrored port's name.
     * @param direction which crossing of the port is copied.
     */
    public MirrorSession(final int vni, final String device, final String port, final Direction direction)
    {
        this(vni, device, port, direction, SourceKind.VXLAN);
    }
}
