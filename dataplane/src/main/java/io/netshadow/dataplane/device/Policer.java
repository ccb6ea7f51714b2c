package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * A token-bucket policer on packets entering an interface: a packet passes when the bucket holds its length in
 * bytes, which it then takes, and is dropped otherwise, taking nothing. The length counted is the IPv4 packet's
 * total length (IP header included, link-layer header and framing excluded). The bucket starts full, refills
 * continuously at {@code rateBps} up to {@code burstBytes}, so over any interval of {@code t} seconds at most
 * {@code burstBytes + rateBps * t / 8} bytes pass.
 *
 * @param interfaceName the interface.
 * @param rateBps       refill rate in bits per second, positive.
 * @param burstBytes    bucket size in bytes, positive.
 */
public record Policer(String interfaceName, long rateBps, long burstBytes)
{
    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException when the rate or burst is not positive.
     */
    public Policer
    {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (rateBps <= 0 || burstBytes <= 0)
        {
            throw new IllegalArgumentException("policer on " + interfaceName + " needs a positive rate and burst");
        }
    }
}
