package io.netshadow.controlplane.lab;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.PortTap;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.packet.FrameWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lab's mirror sessions: for each port and direction a session mirrors, a copy of every packet crossing it goes
 * over UDP to the appliance, encapsulated as the session's kind says, as a switch's SPAN-to-VXLAN or SPAN-to-GENEVE
 * session would send it: VXLAN to the appliance's VXLAN port, GENEVE to its GENEVE port. ERSPAN travels in GRE,
 * which the appliance reads only from a SPAN port through an AF_PACKET capture, so the lab refuses ERSPAN sessions;
 * nor does it steer live traffic, so it refuses redirect sessions.
 */
final class MirrorTap implements PortTap, AutoCloseable
{
    private static final int NO_SESSION = -1;

    private final int[][] ingressSession;
    private final int[][] egressSession;
    private final int[] vniBySession;
    private final SourceKind[] kindBySession;
    private final DatagramChannel[] channelBySession;
    private final Map<SourceKind, DatagramChannel> channels = new EnumMap<>(SourceKind.class);
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
    private long sent;
    private long sendFailures;

    /**
     * Opens one UDP socket per encapsulation the sessions use, connected to the appliance's listener for it.
     *
     * @param topology        the lab's network.
     * @param sessions        the profile's mirror sessions.
     * @param applianceIngest the appliance's listener for an encapsulation.
     * @throws IllegalArgumentException naming an ERSPAN session, which the lab cannot send.
     * @throws IOException              when a socket cannot be opened.
     */
    MirrorTap(
        final FabricTopology topology,
        final List<MirrorSession> sessions,
        final Function<SourceKind, InetSocketAddress> applianceIngest)
        throws IOException
    {
        for (final MirrorSession session : sessions)
        {
            if (SourceKind.ERSPAN == session.kind())
            {
                throw new IllegalArgumentException("the lab cannot send the ERSPAN mirror session " + session.vni() +
                    " of " + session.device() + ":" + session.port() + ": ERSPAN travels in GRE, which the " +
                    "appliance reads only from a SPAN port through an AF_PACKET capture; give the lab's sessions " +
                    "kind vxlan or geneve");
            }
            if (Direction.REDIRECT == session.direction())
            {
                throw new IllegalArgumentException("the lab cannot steer traffic for the redirect session " +
                    session.vni() + " of " + session.device() + ":" + session.port() + ": its sessions mirror " +
                    "copies only (direction ingress or egress)");
            }
        }
        final int devices = topology.devices().size();
        this.ingressSession = new int[devices][];
        this.egressSession = new int[devices][];
        for (int d = 0; d < devices; d++)
        {
            final int ports = topology.devices().get(d).ports().size();
            ingressSession[d] = filled(ports);
            egressSession[d] = filled(ports);
        }
        this.vniBySession = new int[sessions.size()];
        this.kindBySession = new SourceKind[sessions.size()];
        this.channelBySession = new DatagramChannel[sessions.size()];
        try
        {
            for (int i = 0; i < sessions.size(); i++)
            {
                final MirrorSession session = sessions.get(i);
                final int device = topology.deviceIndex(session.device());
                final int port = topology.portIndex(device, session.port());
                (Direction.INGRESS == session.direction() ? ingressSession : egressSession)[device][port] = i;
                vniBySession[i] = session.vni();
                kindBySession[i] = session.kind();
                channelBySession[i] = channel(session.kind(), applianceIngest);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    @Override
    public void onPort(
        final FabricPacket packet, final int deviceIndex, final int portIndex, final boolean ingress, final long timeNs)
    {
        final int session = (ingress ? ingressSession : egressSession)[deviceIndex][portIndex];
        if (NO_SESSION == session)
        {
            return;
        }
        final int vni = vniBySession[session];
        final int length = SourceKind.GENEVE == kindBySession[session] ?
            FrameWriter.writeGeneve(packet, vni, buffer, 0) : FrameWriter.writeVxlan(packet, vni, buffer, 0);
        datagram.clear().limit(length);
        final DatagramChannel channel = channelBySession[session];
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
                throw new UncheckedIOException("mirror channel to " + kindBySession[session] + " ingest closed", ex);
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
        IOException failure = null;
        for (final DatagramChannel channel : channels.values())
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
        }
        if (null != failure)
        {
            throw new UncheckedIOException(failure);
        }
    }

    private DatagramChannel channel(
        final SourceKind kind, final Function<SourceKind, InetSocketAddress> applianceIngest) throws IOException
    {
        DatagramChannel channel = channels.get(kind);
        if (null == channel)
        {
            final InetSocketAddress target = applianceIngest.apply(kind);
            channel = DatagramChannel.open();
            channels.put(kind, channel);
            channel.connect(target);
        }
        return channel;
    }

    private static int[] filled(final int length)
    {
        final int[] values = new int[length];
        Arrays.fill(values, NO_SESSION);
        return values;
    }
}
