package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.DecodeResult;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays frames into an emulated fabric of a profile, paced to absolute deadlines: the packet stamped {@code t}
 * is injected at wall-clock deadline {@code start + (t - t0) / speed}, so pacing never accumulates drift, and at
 * fabric time {@code t}, so the fabric sees the original timing whatever the speed. A speed of 0 replays as fast
 * as possible.
 * <p>
 * A packet enters at the device and port of its mirror session when it carries a VNI of an ingress session (the
 * journal's VNI, or a captured frame's VXLAN header), and otherwise at the host port of the device whose host subnet
 * holds its source. Packets that cannot enter are counted by reason. Allocates nothing per packet.
 */
final class FabricReplayer implements FateListener, FrameReplayer
{
    /** Why a packet was not injected. */
    enum Skip
    {
        /** The frame is malformed. */
        MALFORMED("malformed"),
        /** The frame is IPv6, which the IPv4 shadow does not carry. */
        IPV6("IPv6 (the shadow carries IPv4)"),
        /** The frame is neither IPv4 nor IPv6 (ARP, a GENEVE control message, another link type). */
        NOT_IPV4("not IPv4"),
        /** The packet has no ingress in the profile: an egress session, an unknown VNI or a foreign source. */
        NO_INGRESS("no ingress in the profile"),
        /** The packet's destination lies behind no device of the profile. */
        DESTINATION_OUTSIDE("destination outside the profile");

        final String description;

        Skip(final String description)
        {
            this.description = description;
        }
    }

    private static final long DRAIN_NS = 60_000_000_000L;
    private static final long SPIN_NS = 50_000L;

    private final EmulatedFabric fabric;
    private final double speed;
    private final FrameDissector dissector = new FrameDissector();
    private final Int2IntHashMap sessionByVni = new Int2IntHashMap(-1);
    private final int[] deviceBySession;
    private final int[] portBySession;
    private final int[] subnetAddresses;
    private final int[] subnetMasks;
    private final int[] subnetDevices;
    private final long[] dropped = new long[DropReason.values().length];
    private final long[] skipped = new long[Skip.values().length];
    private long delivered;
    private long injected;
    private long outOfOrder;
    private long firstTimestampNs = Long.MIN_VALUE;
    private long startNs;
    private long fabricTimeNs = Long.MIN_VALUE;

    /**
     * @param topology the profile's topology.
     * @param sessions the profile's mirror sessions.
     * @param speed    the speed factor; 0 for as fast as possible.
     */
    FabricReplayer(final FabricTopology topology, final List<MirrorSession> sessions, final double speed)
    {
        this.fabric = new EmulatedFabric(topology, 1.0, this, null);
        this.speed = speed;
        this.deviceBySession = new int[sessions.size()];
        this.portBySession = new int[sessions.size()];
        for (int i = 0; i < sessions.size(); i++)
        {
            final MirrorSession session = sessions.get(i);
            final int device = topology.deviceIndex(session.device());
            final int port = device < 0 ? -1 : topology.portIndex(device, session.port());
            if (Direction.INGRESS == session.direction() && port >= 0)
            {
                sessionByVni.put(session.vni(), i);
                deviceBySession[i] = device;
                portBySession[i] = port;
            }
        }
        final List<FabricTopology.Device> devices = topology.devices();
        final int subnetCount = devices.stream().mapToInt(device -> device.hostSubnets().size()).sum();
        this.subnetAddresses = new int[subnetCount];
        this.subnetMasks = new int[subnetCount];
        this.subnetDevices = new int[subnetCount];
        int subnet = 0;
        for (int device = 0; device < devices.size(); device++)
        {
            for (final String text : devices.get(device).hostSubnets())
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(text);
                subnetAddresses[subnet] = prefix.address();
                subnetMasks[subnet] = prefix.mask();
                subnetDevices[subnet] = device;
                subnet++;
            }
        }
    }

    /**
     * Waits for a packet's deadline, then injects it or counts why not. A packet without a VNI takes the one of
     * its frame's VXLAN header, if any; a frame that is not Ethernet counts as not IPv4.
     */
    @Override
    public void replay(final long timestampNs, final int vni, final boolean ethernet,
        final DirectBuffer frame, final int offset, final int length)
    {
        pace(timestampNs);
        if (!ethernet)
        {
            skipped[Skip.NOT_IPV4.ordinal()]++;
            return;
        }
        final DecodeResult result = dissector.dissect(frame, offset, length, timestampNs);
        if (dissector.isMalformed())
        {
            skipped[Skip.MALFORMED.ordinal()]++;
            return;
        }
        final boolean inner =
            FrameDissector.Encapsulation.NONE == dissector.encapsulation() || dissector.isDecapsulated();
        if (DecodeResult.IPV4 != result || !inner)
        {
            skipped[(DecodeResult.IPV6 == result && inner ? Skip.IPV6 : Skip.NOT_IPV4).ordinal()]++;
            return;
        }
        final FabricPacket packet = dissector.inner;
        final int sessionVni = NO_VNI != vni ? vni : dissector.isDecapsulated() ? dissector.sessionKey() : NO_VNI;
        final int device;
        final int port;
        if (NO_VNI != sessionVni)
        {
            final int session = sessionByVni.get(sessionVni);
            device = session < 0 ? -1 : deviceBySession[session];
            port = session < 0 ? -1 : portBySession[session];
        }
        else
        {
            final int subnet = subnetOf(packet.srcIp);
            device = subnet < 0 ? -1 : subnetDevices[subnet];
            port = 0;
        }
        if (device < 0)
        {
            skipped[Skip.NO_INGRESS.ordinal()]++;
            return;
        }
        if (subnetOf(packet.dstIp) < 0)
        {
            skipped[Skip.DESTINATION_OUTSIDE.ordinal()]++;
            return;
        }
        fabric.inject(packet, device, port, fabricTimeNs);
        injected++;
    }

    /**
     * Lets the packets still in flight reach their fates.
     */
    @Override
    public void drain()
    {
        if (Long.MIN_VALUE != fabricTimeNs)
        {
            fabric.advanceTo(fabricTimeNs + DRAIN_NS);
        }
    }

    long injected()
    {
        return injected;
    }

    long delivered()
    {
        return delivered;
    }

    long dropped(final DropReason reason)
    {
        return dropped[reason.ordinal()];
    }

    long skipped(final Skip skip)
    {
        return skipped[skip.ordinal()];
    }

    long outOfOrder()
    {
        return outOfOrder;
    }

    long inFlight()
    {
        return fabric.inFlightCount();
    }

    @Override
    public void onDelivered(
        final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
    {
        delivered++;
    }

    @Override
    public void onDropped(final FabricPacket packet, final int deviceIndex, final DropReason reason,
        final long injectedAtNs, final long droppedAtNs)
    {
        dropped[reason.ordinal()]++;
    }

    @Override
    public void close()
    {
        fabric.close();
    }

    private void pace(final long timestampNs)
    {
        if (Long.MIN_VALUE == firstTimestampNs)
        {
            firstTimestampNs = timestampNs;
            startNs = System.nanoTime();
        }
        if (timestampNs < fabricTimeNs)
        {
            outOfOrder++;
        }
        else
        {
            fabricTimeNs = timestampNs;
        }
        if (speed > 0)
        {
            final long deadlineNs = startNs + (long)((fabricTimeNs - firstTimestampNs) / speed);
            long remainingNs;
            while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
            {
                if (remainingNs > 2 * SPIN_NS)
                {
                    LockSupport.parkNanos(remainingNs - SPIN_NS);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }
        fabric.advanceTo(fabricTimeNs);
    }

    private int subnetOf(final int address)
    {
        for (int i = 0; i < subnetAddresses.length; i++)
        {
            if ((address & subnetMasks[i]) == subnetAddresses[i])
            {
                return i;
            }
        }
        return -1;
    }
}
