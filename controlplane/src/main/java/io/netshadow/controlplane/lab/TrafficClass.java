package io.netshadow.controlplane.lab;

/**
 * The kinds of flow the lab's traffic generator mixes: protocol, port, packet size, DSCP, rate and length.
 */
enum TrafficClass
{
    /** Web sessions: TCP to 443, full-size segments, best effort. */
    WEB(6, 443, 1400, 0, 120, 40, 160, 0.45),
    /** Bulk transfers: TCP to 445, full-size frames, AF11. */
    BULK(6, 445, 1500, 10, 250, 200, 600, 0.15),
    /** Voice: RTP over UDP to 5004, small packets at 50 per second, EF. */
    VOICE(17, 5004, 200, 46, 50, 100, 300, 0.25),
    /** Name look-ups: UDP to 53, one or two small packets. */
    DNS(17, 53, 80, 0, 20, 1, 2, 0.15);

    final int protocol;
    final int dstPort;
    final int lengthBytes;
    final int dscp;
    final int packetsPerSecond;
    final int minPackets;
    final int maxPackets;
    final double share;

    TrafficClass(
        final int protocol,
        final int dstPort,
        final int lengthBytes,
        final int dscp,
        final int packetsPerSecond,
        final int minPackets,
        final int maxPackets,
        final double share)
    {
        this.protocol = protocol;
        this.dstPort = dstPort;
        this.lengthBytes = lengthBytes;
        this.dscp = dscp;
        this.packetsPerSecond = packetsPerSecond;
        this.minPackets = minPackets;
        this.maxPackets = maxPackets;
        this.share = share;
    }

    double meanPackets()
    {
        return (minPackets + maxPackets) / 2.0;
    }
}
