package io.netshadow.controlplane.lab;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.PortTap;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.gre.GreSender;
import io.netshadow.dataplane.packet.FrameWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
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
 * to the appliance, encapsulated as the session's kind says, as a switch's mirror session would send it: VXLAN over
 * UDP to the appliance's VXLAN port, GENEVE over UDP to its GENEVE port, and ERSPAN type III, stamped with the
 * crossing's time, in GRE through a raw socket to the appliance's address. A raw socket needs CAP_NET_RAW; without
 * it the lab refuses ERSPAN sessions, naming the capability. The lab does not steer live traffic, so it refuses
 * redirect sessions.
 */
final class MirrorTap implements PortTap, AutoCloseable
{
    private static final int NO_SESSION = -1;

    private final int[][] ingressSession;
    private final int[][] egressSession;
    private final int[] vniBySession;
    private final SourceKind[] kindBySession;
    private final DatagramChannel[] channelBySession;
    private final int[] greSequenceBySession;
    private final Map<SourceKind, DatagramChannel> channels = new EnumMap<>(SourceKind.class);
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
    private GreSender greSender;
    private long sent;
    private long sendFailures;

    /**
     * Opens one UDP socket per UDP encapsulation the sessions use, connected to the appliance's listener for it, and
     * a raw GRE socket when a session sends ERSPAN.
     *
     * @param topology        the lab's network.
     * @param sessions        the profile's mirror sessions.
     * @param applianceIngest the appliance's listener for an encapsulation; for ERSPAN only its address counts.
     * @throws IllegalArgumentException naming a redirect session, which the lab cannot serve.
     * @throws IllegalStateException    naming an ERSPAN session when the raw GRE socket cannot be opened, such as
     *                                  without CAP_NET_RAW.
     * @throws IOException              when a UDP socket cannot be opened.
     */
    MirrorTap(
        final FabricTopology topology,
        final List<MirrorSession> sessions,
        final Function<SourceKind, InetSocketAddress> applianceIngest)
        throws IOException
    {
        for (final MirrorSession session : sessions)
        {
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
        this.greSequenceBySession = new int[sessions.size()];
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
                if (SourceKind.ERSPAN == session.kind())
                {
                    openGreSender(session, applianceIngest);
                }
                else
                {
                    channelBySession[i] = channel(session.kind(), applianceIngest);
                }
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
        if (SourceKind.ERSPAN == kindBySession[session])
        {
            final int length = FrameWriter.writeErspanTypeIII(
                packet, vni, greSequenceBySession[session]++, timeNs, !ingress, greSender.buffer(), 0);
            if (0 == greSender.send(length))
            {
                sent++;
            }
            else
            {
                sendFailures++;
            }
            return;
        }
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
        if (null != greSender)
        {
            greSender.close();
        }
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

    /**
     * The refusal of an ERSPAN session whose raw GRE socket cannot be opened.
     *
     * @param session the session.
     * @param reason  why the socket cannot be opened.
     * @return the message, naming the session and saying what to do.
     */
    static String erspanRefusal(final MirrorSession session, final String reason)
    {
        return "the lab cannot send the ERSPAN mirror session " + session.vni() + " of " + session.device() + ":" +
            session.port() + ": " + reason + "; run the lab with CAP_NET_RAW or give the lab's sessions kind vxlan " +
            "or geneve";
    }

    private void openGreSender(
        final MirrorSession session, final Function<SourceKind, InetSocketAddress> applianceIngest)
    {
        if (null != greSender)
        {
            return;
        }
        final InetAddress target = applianceIngest.apply(SourceKind.ERSPAN).getAddress();
        if (!(target instanceof Inet4Address destination))
        {
            throw new IllegalStateException(erspanRefusal(session, "ERSPAN travels in GRE over IPv4, and the " +
                "appliance's address " + target.getHostAddress() + " is not IPv4"));
        }
        try
        {
            greSender = GreSender.open("the lab's ERSPAN mirror sessions", destination);
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalStateException(erspanRefusal(session, ex.getMessage()), ex);
        }
    }

    private static int[] filled(final int length)
    {
        final int[] values = new int[length];
        Arrays.fill(values, NO_SESSION);
        return values;
    }
}
