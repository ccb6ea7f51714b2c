package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EthernetFlyweight;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.InternetChecksum;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.PacketDecoder;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A {@link LinuxFabric}'s VXLAN edge: the VXLAN devices that become the devices' host ports, created in the edge
 * namespace with their device's index + 1 as network identifier, and the fabric's UDP socket that sends packets into
 * them and receives what the devices deliver out of them.
 */
final class VxlanEdge
{
    /** Largest packet a host port carries. */
    static final int MTU_BYTES = 65_485;

    private static final Logger LOG = LoggerFactory.getLogger(VxlanEdge.class);
    private static final int VXLAN_PORT = VxlanHeader.UDP_PORT;
    private static final int DATAGRAM_BYTES = 65_536;
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final int DONT_FRAGMENT = 0x4000;

    private final int deviceCount;
    private final PacketDecoder decoder;
    private final VxlanHeader vxlan = new VxlanHeader();
    private final FabricPacket received = new FabricPacket();
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
    private final UnsafeBuffer sendView = new UnsafeBuffer(sendBuffer);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(receiveBuffer);
    private DatagramChannel channel;
    private InetSocketAddress ingressEndpoint;
    private volatile long sentCount;
    private volatile long unmatchedCount;
    private volatile long socketErrorCount;

    /**
     * Opens nothing yet.
     *
     * @param deviceCount devices in the fabric.
     * @param decoder     decodes the packets the devices deliver.
     */
    VxlanEdge(final int deviceCount, final PacketDecoder decoder)
    {
        this.deviceCount = deviceCount;
        this.decoder = decoder;
    }

    /**
     * Appends to an {@code ip} batch for a device's namespace the commands that make its VXLAN device its host port,
     * with the hosts' gateway resolved to the source address of the frames the fabric sends.
     *
     * @param batch  the batch.
     * @param device the device.
     * @param host   the host port's name.
     */
    static void appendHostPort(final StringBuilder batch, final int device, final String host)
    {
        batch.append("link set ").append(LinuxNames.edgeVxlan(device)).append(" name ").append(host).append('\n');
        batch.append("link set ").append(host).append(" mtu ").append(MTU_BYTES).append(" up\n");
        batch.append("neigh replace ").append(LinkAddresses.HOST_GATEWAY).append(" lladdr ")
            .append(macText(FrameWriter.SOURCE_MAC)).append(" dev ").append(host).append(" nud permanent\n");
    }

    /**
     * Opens the UDP socket on the host's end of the underlay, and creates every device's VXLAN device in the edge
     * namespace, forwarding to that socket, and moves it into the device's namespace.
     *
     * @param underlay the underlay's addresses, the namespaces created.
     * @param names    the names of the namespaces.
     * @throws LinuxFabricException when the socket cannot be opened or a command fails.
     */
    void open(final KernelTopology.Underlay underlay, final LinuxNames names)
    {
        final String hostAddress = underlay.hostAddress();
        try
        {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(hostAddress, 0));
            channel.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException("cannot open the fabric's UDP socket on " + hostAddress + ": " +
                ex.getMessage(), ex);
        }
        ingressEndpoint = new InetSocketAddress(underlay.edgeAddress(), VXLAN_PORT);
        final int egressPort = ((InetSocketAddress)localAddress()).getPort();
        final StringBuilder create = new StringBuilder();
        final StringBuilder fdb = new StringBuilder();
        final StringBuilder move = new StringBuilder();
        final String mac = macText(FrameWriter.DESTINATION_MAC);
        for (int device = 0; device < deviceCount; device++)
        {
            final String name = LinuxNames.edgeVxlan(device);
            create.append("link add ").append(name).append(" address ").append(mac).append(" type vxlan id ")
                .append(device + 1).append(" dstport ").append(VXLAN_PORT).append(" local ")
                .append(underlay.edgeAddress()).append(" nolearning\n");
            fdb.append("fdb append 00:00:00:00:00:00 dev ").append(name).append(" dst ").append(hostAddress)
                .append(" port ").append(egressPort).append('\n');
            move.append("link set ").append(name).append(" netns ").append(names.deviceNamespace(device))
                .append('\n');
        }
        final String edge = names.edgeNamespace();
        Commands.run(List.of("ip", "-n", edge, "-batch", "-"), create.toString());
        Commands.run(List.of("bridge", "-n", edge, "-batch", "-"), fdb.toString());
        Commands.run(List.of("ip", "-n", edge, "-batch", "-"), move.toString());
    }

    /**
     * Sends a packet, built from its header facts with the don't-fragment bit set, into a device's host port; a
     * failed send is counted, not thrown.
     *
     * @param packet      the packet.
     * @param deviceIndex the device.
     * @return the wall-clock time it was handed to the socket, from {@link System#nanoTime()}.
     */
    long send(final FabricPacket packet, final int deviceIndex)
    {
        final int length = FrameWriter.writeVxlan(packet, deviceIndex + 1, sendView, 0);
        final int ipOffset = VxlanHeader.LENGTH + EthernetFlyweight.HEADER_LENGTH;
        sendView.putShort(ipOffset + Ipv4Flyweight.FLAGS_FRAGMENT_OFFSET, (short)DONT_FRAGMENT, BIG_ENDIAN);
        sendView.putShort(ipOffset + Ipv4Flyweight.CHECKSUM_OFFSET, (short)0);
        sendView.putShort(ipOffset + Ipv4Flyweight.CHECKSUM_OFFSET,
            (short)InternetChecksum.checksum(sendView, ipOffset, Ipv4Flyweight.MIN_HEADER_LENGTH, 0), BIG_ENDIAN);
        sendBuffer.clear().limit(length);
        final long sentAtWallNs = System.nanoTime();
        try
        {
            channel.send(sendBuffer, ingressEndpoint);
        }
        catch (final IOException ex)
        {
            socketErrorCount++;
        }
        sentCount++;
        return sentAtWallNs;
    }

    /**
     * Receives every datagram waiting on the socket and hands each packet it decodes to the packets in flight;
     * what does not decode or match is counted as unmatched.
     *
     * @param inFlight the packets sent and awaiting their fates.
     * @return the datagrams received.
     */
    int receive(final PacketsInFlight inFlight)
    {
        int receivedCount = 0;
        while (true)
        {
            receiveBuffer.clear();
            final Object from;
            try
            {
                from = channel.receive(receiveBuffer);
            }
            catch (final IOException ex)
            {
                socketErrorCount++;
                return receivedCount;
            }
            if (null == from)
            {
                return receivedCount;
            }
            onDatagram(receiveBuffer.position(), inFlight);
            receivedCount++;
        }
    }

    /**
     * Packets handed to the socket so far. May be read from any thread.
     *
     * @return the count.
     */
    long sentCount()
    {
        return sentCount;
    }

    /**
     * Datagrams received that are no packet in flight. May be read from any thread.
     *
     * @return the count.
     */
    long unmatchedCount()
    {
        return unmatchedCount;
    }

    /**
     * Sends and receives on the socket that failed. May be read from any thread.
     *
     * @return the count.
     */
    long socketErrorCount()
    {
        return socketErrorCount;
    }

    /**
     * Closes the socket, logging a failure; safe to call twice.
     */
    void close()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                LOG.warn("closing the Linux fabric's UDP socket: {}", ex.getMessage());
            }
        }
    }

    private void onDatagram(final int length, final PacketsInFlight inFlight)
    {
        vxlan.wrap(receiveView, 0);
        final int device = vxlan.vni() - 1;
        if (length <= VxlanHeader.LENGTH || device < 0 || device >= deviceCount ||
            DecodeResult.IPV4 != decoder.decode(receiveView, VxlanHeader.LENGTH, length - VxlanHeader.LENGTH,
                received) ||
            !inFlight.deliver(received, device))
        {
            unmatchedCount++;
        }
    }

    private Object localAddress()
    {
        try
        {
            return channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException("cannot read the fabric's UDP socket address: " + ex.getMessage(), ex);
        }
    }

    private static String macText(final long mac)
    {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (mac >>> 40) & 0xFF, (mac >>> 32) & 0xFF,
            (mac >>> 24) & 0xFF, (mac >>> 16) & 0xFF, (mac >>> 8) & 0xFF, mac & 0xFF);
    }
}
