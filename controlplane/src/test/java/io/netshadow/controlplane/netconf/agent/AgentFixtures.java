package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A small fabric, edits in the device model's XML, and polling, shared by the agent tests.
 */
final class AgentFixtures
{
    static final String EDGE = "edge";
    static final String CORE = "core";
    static final int EDGE_INDEX = 0;
    static final AgentCredentials CREDENTIALS = AgentCredentials.password("netshadow", "s3cret-for-tests");

    static final String IF = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
    static final String IP = "urn:ietf:params:xml:ns:yang:ietf-ip";
    static final String RT = "urn:ietf:params:xml:ns:yang:ietf-routing";
    static final String V4 = "urn:ietf:params:xml:ns:yang:ietf-ipv4-unicast-routing";
    static final String QOS = "urn:netshadow:params:xml:ns:yang:netshadow-qos";

    private static final long GBPS = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Duration POLL_BOUND = Duration.ofSeconds(30);

    private AgentFixtures()
    {
    }

    /**
     * edge (hosts 10.1/16) and core (hosts 10.2/16) joined by edge:eth1 - core:eth1.
     */
    static FabricTopology pair()
    {
        return FabricTopology.builder()
            .device(EDGE, List.of("10.1.0.0/16"))
            .device(CORE, List.of("10.2.0.0/16"))
            .link(EDGE, "eth1", CORE, "eth1", GBPS, MS, 100_000)
            .build();
    }

    /**
     * An edit-config config that sets an interface's MTU.
     */
    static String mtuConfig(final String interfaceName, final String mtu)
    {
        return "<config>" + interfaces(interfaceName, mtu) + "</config>";
    }

    static String interfaces(final String interfaceName, final String mtu)
    {
        return "<interfaces xmlns=\"" + IF + "\"><interface><name>" + interfaceName + "</name>" +
            "<ipv4 xmlns=\"" + IP + "\"><mtu>" + mtu + "</mtu></ipv4></interface></interfaces>";
    }

    /**
     * An edit-config config that blackholes a prefix with a static route.
     */
    static String blackholeConfig(final String prefix)
    {
        return "<config><routing xmlns=\"" + RT + "\"><control-plane-protocols><control-plane-protocol>" +
            "<type xmlns:rt=\"" + RT + "\">rt:static</type><name>static</name><static-routes>" +
            "<ipv4 xmlns=\"" + V4 + "\"><route><destination-prefix>" + prefix + "</destination-prefix>" +
            "<next-hop><special-next-hop>blackhole</special-next-hop></next-hop></route></ipv4>" +
            "</static-routes></control-plane-protocol></control-plane-protocols></routing></config>";
    }

    static String policer(final String interfaceName, final String rateBps)
    {
        return "<qos xmlns=\"" + QOS + "\"><interface><name>" + interfaceName + "</name><ingress-policer>" +
            "<rate-bps>" + rateBps + "</rate-bps><burst-bytes>15000</burst-bytes></ingress-policer></interface></qos>";
    }

    static String editCandidate(final String config)
    {
        return "<edit-config><target><candidate/></target>" + config + "</edit-config>";
    }

    static String getConfig(final String datastore)
    {
        return "<get-config><source><" + datastore + "/></source></get-config>";
    }

    static String lock(final String datastore)
    {
        return "<lock><target><" + datastore + "/></target></lock>";
    }

    static String unlock(final String datastore)
    {
        return "<unlock><target><" + datastore + "/></target></unlock>";
    }

    static FabricPacket packet(final String src, final String dst)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress(src);
        packet.dstIp = Ipv4Prefix.parseAddress(dst);
        packet.protocol = 17;
        packet.srcPort = 40_000;
        packet.dstPort = 53;
        packet.lengthBytes = 500;
        packet.ttl = 64;
        return packet;
    }

    /**
     * Polls a condition until it holds, failing after a generous bound.
     */
    static void awaitTrue(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + POLL_BOUND.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new AssertionError("still not true after " + POLL_BOUND + ": " + what);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, ex);
            }
        }
    }

    /**
     * Counts delivered and dropped packets.
     */
    static final class FateCounter implements FateListener
    {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger noRoute = new AtomicInteger();

        @Override
        public void onDelivered(
            final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
        {
            delivered.incrementAndGet();
        }

        @Override
        public void onDropped(
            final FabricPacket packet,
            final int deviceIndex,
            final DropReason reason,
            final long injectedAtNs,
            final long droppedAtNs)
        {
            if (DropReason.NO_ROUTE == reason)
            {
                noRoute.incrementAndGet();
            }
        }
    }
}
