package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * A token-bucket policer on packets entering an interface: a packet passes when the bucket holds its length in
 * bytes, and is dropped otherwise.
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
