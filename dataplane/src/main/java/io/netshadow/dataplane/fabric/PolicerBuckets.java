package io.netshadow.dataplane.fabric;

/**
 * The token buckets of the ingress policers, one per fabric port, refilled by fabric time. Owned by the driving
 * thread; a bucket keeps its tokens across configuration changes and starts full the first time it is used.
 */
final class PolicerBuckets
{
    private static final double NS_PER_SECOND = 1e9;

    private final double[] tokensBytes;
    private final long[] refilledAtNs;
    private final boolean[] started;

    PolicerBuckets(final int portCount)
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
        double tokens = burstBytes;
        if (started[globalPort])
        {
            final double elapsedNs = nowNs - refilledAtNs[globalPort];
            tokens = Math.min(burstBytes, tokensBytes[globalPort] + elapsedNs * rateBps / (8 * NS_PER_SECOND));
        }
        started[globalPort] = true;
        refilledAtNs[globalPort] = nowNs;
        final boolean conforms = tokens >= lengthBytes;
        tokensBytes[globalPort] = conforms ? tokens - lengthBytes : tokens;
        return conforms;
    }
}
