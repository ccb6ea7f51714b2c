package io.netshadow.dataplane.fabric;

/**
 * Token buckets, one per fabric port, refilled by fabric time: the ingress policers, which drop what does not
 * conform, and the egress shapers, which hold a packet back until it does. Owned by the driving thread; a bucket
 * keeps its tokens across configuration changes and starts full the first time it is used.
 * <p>
 * A bucket of rate {@code r} bits per second and size {@code b} bytes holds at most {@code b} tokens (bytes); it
 * gains {@code r / 8} per second; a packet of {@code n} bytes conforms when the bucket holds at least {@code n},
 * and then takes {@code n}.
 */
final class TokenBuckets
{
    private static final double NS_PER_SECOND = 1e9;
    private static final double BITS_PER_BYTE = 8;

    private final double[] tokensBytes;
    private final long[] refilledAtNs;
    private final boolean[] started;

    TokenBuckets(final int portCount)
    {
        tokensBytes = new double[portCount];
        refilledAtNs = new long[portCount];
        started = new boolean[portCount];
    }

    /**
     * Refills a bucket to the current time, then takes a packet's length from it if it holds that much.
     *
     * @param globalPort  the port's index among every port of the fabric.
     * @param rateBps     refill rate in bits per second.
     * @param burstBytes  bucket size in bytes.
     * @param lengthBytes the packet's length.
     * @param nowNs       fabric time.
     * @return true when the packet conforms.
     */
    boolean admit(
        final int globalPort, final double rateBps, final double burstBytes, final int lengthBytes, final long nowNs)
    {
        final double tokens = refill(globalPort, rateBps, burstBytes, nowNs);
        final boolean conforms = tokens >= lengthBytes;
        tokensBytes[globalPort] = conforms ? tokens - lengthBytes : tokens;
        return conforms;
    }

    /**
     * Refills a bucket to the current time and, when it holds a packet's length, takes it; otherwise says when it
     * will hold it.
     *
     * @param globalPort  the port's index among every port of the fabric.
     * @param rateBps     refill rate in bits per second.
     * @param burstBytes  bucket size in bytes, at least the packet's length.
     * @param lengthBytes the packet's length.
     * @param nowNs       fabric time.
     * @return {@code nowNs} when the packet conformed and its length was taken, else the later fabric time at
     *         which the bucket will hold its length.
     */
    long takeOrReadyAtNs(
        final int globalPort, final double rateBps, final double burstBytes, final int lengthBytes, final long nowNs)
    {
        final double tokens = refill(globalPort, rateBps, burstBytes, nowNs);
        if (tokens >= lengthBytes)
        {
            tokensBytes[globalPort] = tokens - lengthBytes;
            return nowNs;
        }
        tokensBytes[globalPort] = tokens;
        final double waitNs = (lengthBytes - tokens) * BITS_PER_BYTE * NS_PER_SECOND / rateBps;
        return nowNs + Math.max(1, (long)Math.ceil(waitNs));
    }

    private double refill(final int globalPort, final double rateBps, final double burstBytes, final long nowNs)
    {
        double tokens = burstBytes;
        if (started[globalPort])
        {
            final double elapsedNs = nowNs - refilledAtNs[globalPort];
            tokens = Math.min(
                burstBytes, tokensBytes[globalPort] + elapsedNs * rateBps / (BITS_PER_BYTE * NS_PER_SECOND));
        }
        started[globalPort] = true;
        refilledAtNs[globalPort] = nowNs;
        return tokens;
    }
}
