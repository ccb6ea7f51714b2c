package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.packet.VxlanHeader;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where redirected traffic goes back to the live network: the live network's VXLAN endpoint, the VNI the frames
 * carry, and how many redirected packets may be inside the shadow at once. The constructor checks every field.
 *
 * @param endpoint   the live network's VXLAN endpoint, resolved.
 * @param vni        the VNI of the frames sent back, 1 to 16777215.
 * @param frameSlots the most redirected packets inside the shadow at once; more go straight back.
 */
public record RedirectReturnConfig(InetSocketAddress endpoint, int vni, int frameSlots)
{
    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the first field that is wrong.
     */
    public RedirectReturnConfig
    {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isUnresolved())
        {
            throw new IllegalArgumentException("redirect return endpoint " + endpoint.getHostString() +
                " is not resolved");
        }
        if (vni < 1 || vni > VxlanHeader.MAX_VNI)
        {
            throw new IllegalArgumentException("redirect return VNI must be 1.." + VxlanHeader.MAX_VNI + ": " + vni);
        }
        if (frameSlots < 1)
        {
            throw new IllegalArgumentException("redirect frame slots must be at least 1: " + frameSlots);
        }
    }
}
