package io.netshadow.controlplane.lab;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.PortTap;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.FrameWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;

/**
 * The lab's mirror sessions: for each port and direction a session mirrors, a VXLAN copy of every packet crossing
 * it goes over UDP to the appliance, as a switch's SPAN-to-VXLAN session would send it.
 */
final class MirrorTap implements PortTap, AutoCloseable
{
    private static final int NO_SESSION = -1;

    private final int[][] ingressVni;
    private final int[][] egressVni;
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
    private long sent;
    private long sendFailures;

    MirrorTap(
        final FabricTopology topology, final List<MirrorSession> sessions, final InetSocketAddress target)
        throws IOException
    {
        final int devices = topology.devices().size();
        this.ingressVni = new int[devices][];
        this.egressVni = new int[devices][];
        for (int d = 0; d < devices; d++)
        {
            final int ports = topology.devices().get(d).ports().size();
            ingressVni[d] = filled(ports);
            egressVni[d] = filled(ports);
        }
        for (final MirrorSession session : sessions)
        {
            final int device = topology.deviceIndex(session.device());
            final int port = topology.portIndex(device, session.port());
            (Direction.INGRESS == session.direction() ? ingressVni : egressVni)[device][port] = session.vni();
        }
        this.target = target;
        this.channel = DatagramChannel.open();
        this.channel.connect(target);
    }

    @Override
    public void onPort(
        final FabricPacket packet, final int deviceIndex, final int portIndex, final boolean ingress, final long timeNs)
    {
        final int vni = (ingress ? ingressVni : egressVni)[deviceIndex][portIndex];
        if (NO_SESSION == vni)
        {
            return;
        }
        final int length = FrameWriter.writeVxlan(packet, vni, buffer, 0);
        datagram.clear().limit(length);
        try
        {
            channel.write(datagram);
            sent++;
        }
        catch (final IOException ex)
        {
            sendFailures++;
            if (!channel.isOpen())
            {
                throw new UncheckedIOException("mirror channel to " + target + " closed", ex);
            }
        }
    }

    long sent()
    {
        return sent;
    }

    long sendFailures()
    {
        return sendFailures;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static int[] filled(final int length)
    {
        final int[] values = new int[length];
        Arrays.fill(values, NO_SESSION);
        return values;
    }
}
