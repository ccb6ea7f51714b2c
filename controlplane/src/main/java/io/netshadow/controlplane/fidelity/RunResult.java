package io.netshadow.controlplane.fidelity;

import java.util.Map;

/**
 * What became of the packets a {@link NetworkRun} counted, per stratum.
 *
 * @param sent           packets sent in the window, by stratum.
 * @param delivered      of those, delivered, by stratum.
 * @param lost           of those, dropped inside the fabric, by stratum.
 * @param outsideFabric  of those, whose next hop lay outside the fabric: neither delivered nor lost.
 * @param latencyNs      latency of each delivered packet.
 * @param latencyStratum stratum of each delivered packet, index for index with {@code latencyNs}.
 * @param latencyPacket  index in the recorded traffic of each delivered packet, index for index with
 *                       {@code latencyNs}.
 * @param ingressBytes   bytes that entered each port ({@code device:port}) in the window, when ports were tapped.
 */
record RunResult(
    long[] sent,
    long[] delivered,
    long[] lost,
    long outsideFabric,
    long[] latencyNs,
    int[] latencyStratum,
    int[] latencyPacket,
    Map<String, Long> ingressBytes)
{
}
