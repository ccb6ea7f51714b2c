package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * A token-bucket shaper on packets leaving an interface: a packet starts to leave only when the bucket holds its
 * length in bytes, and waits in its egress queue until it does, so the shaper delays where a {@link Policer} drops;
 * a packet finding its queue full is tail-dropped. The length counted is the IPv4 packet's total length (IP header
 * included, link-layer header and framing excluded), the same length the interface MTU limits. The bucket starts
 * full, refills at {@code rateBps} up to {@code burstBytes}, and over any interval of {@code t} seconds lets at most
 * {@code burstBytes + rateBps * t / 8} bytes start.
 *
 * @param interfaceName the interface.
 * @param rateBps       refill rate in bits per second, positive.
 * @param burstBytes    bucket size in bytes; at least the interface's MTU, so every packet can leave.
 */
public record Shaper(String interfaceName, long rateBps, long burstBytes)
{
    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException when the rate or burst is not positive.
     */
    public Shaper
    {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (rateBps <= 0 || burstBytes <= 0)
        {
            throw new IllegalArgumentException("shaper on " + interfaceName + " needs a positive rate and burst");
        }
    }
}
