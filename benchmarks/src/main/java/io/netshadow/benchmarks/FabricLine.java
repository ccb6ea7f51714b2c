package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.List;

/**
 * Four devices in a line on an {@link EmulatedFabric}, host to access-a, core-a, core-b, access-b to host, with fast
 * short links and one packet from access-a's hosts to access-b's that is injected again and again, a fixed gap apart.
 */
final class FabricLine
{
    /** Queue of every link port. */
    static final long LINK_QUEUE_BYTES = 1_000_000;

    private static final long LINK_CAPACITY_BPS = 100_000_000_000L;
    private static final long LINK_LATENCY_NS = 10_000;
    private static final int PACKET_LENGTH_BYTES = 1000;
    private static final long PACKET_GAP_NS = 1000;

    private final FabricPacket packet = new FabricPacket();
    private final FateCounter fates = new FateCounter();
    private final FabricTopology topology;
    private final EmulatedFabric fabric;
    private final int ingressDevice;
    private final int ingressPort;
    private long injectedCount;
    private long timeNs;

    /**
     * Builds the fabric with every device on the empty configuration and the packet's addresses, length and TTL set.
     */
    FabricLine()
    {
        topology = FabricTopology.builder()
            .device("access-a", List.of("10.1.0.0/16"))
            .device("core-a", List.of())
            .device("core-b", List.of())
            .device("access-b", List.of("10.4.0.0/16"))
            .link("access-a", "up", "core-a", "down", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .link("core-a", "across", "core-b", "across", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .link("core-b", "down", "access-b", "up", LINK_CAPACITY_BPS, LINK_LATENCY_NS, LINK_QUEUE_BYTES)
            .build();
        fabric = new EmulatedFabric(topology, 1.0, fates, null);
        ingressDevice = topology.deviceIndex("access-a");
        ingressPort = topology.portIndex(ingressDevice, FabricTopology.HOST_PORT);

        packet.srcIp = Ipv4Prefix.parseAddress("10.1.0.5");
        packet.dstIp = Ipv4Prefix.parseAddress("10.4.0.9");
        packet.lengthBytes = PACKET_LENGTH_BYTES;
        packet.ttl = 64;
    }

    /**
     * Applies a configuration to a device of the line.
     *
     * @param device its name: access-a, core-a, core-b or access-b.
     * @param config the configuration.
     */
    void configure(final String device, final DeviceConfig config)
    {
        fabric.applyConfig(topology.deviceIndex(device), config);
    }

    /**
     * The packet {@link #injectAndAdvance} injects, for the caller to set the fields it varies.
     *
     * @return the packet.
     */
    FabricPacket packet()
    {
        return packet;
    }

    /**
     * Packets injected so far.
     *
     * @return the count.
     */
    long injectedCount()
    {
        return injectedCount;
    }

    /**
     * Injects the packet, numbered by the count injected before it, into access-a's host port one gap after the
     * last, and forwards everything due by its injection time.
     *
     * @return the events processed.
     */
    int injectAndAdvance()
    {
        timeNs += PACKET_GAP_NS;
        packet.seq = (int)injectedCount;
        injectedCount++;
        fabric.inject(packet, ingressDevice, ingressPort, timeNs);
        return fabric.advanceTo(timeNs);
    }

    /**
     * Drains the fabric, fails if any packet was dropped or not delivered, and closes the fabric.
     *
     * @throws IllegalStateException when a packet was dropped or not delivered.
     */
    void drainCheckingNothingDropped()
    {
        fabric.advanceTo(timeNs + PACKET_GAP_NS + 1_000 * LINK_LATENCY_NS);
        if (fates.droppedCount() != 0 || fates.deliveredCount() != injectedCount)
        {
            throw new IllegalStateException("injected " + injectedCount + ", delivered " + fates.deliveredCount() +
                ", dropped " + fates.droppedCount() + " (last reason " + fates.lastDropReason() + ")");
        }
        fabric.close();
    }
}
