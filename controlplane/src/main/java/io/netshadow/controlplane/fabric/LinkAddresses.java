package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricTopology;

import java.util.Arrays;

/**
 * The link-local addresses and MAC addresses of a fabric's veth ends: link {@code i} is the /31
 * {@code 169.254.0.0 + 2i}, its first device's end taking the even address; MACs are
 * {@code 02:6e:73:HI:LO:END}. Neighbours are installed permanently, so no packet waits for ARP.
 */
final class LinkAddresses
{
    /** The most links a fabric may have: their /31s stay below 169.254.254.0. */
    static final int MAX_LINKS = 32_512;
    /** The host-port gateway every device routes its host subnets to, over the VXLAN device. */
    static final String HOST_GATEWAY = "169.254.255.254";

    private static final int BASE = Ipv4Prefix.parseAddress("169.254.0.0");

    private final int[][] linkOfPort;
    private final boolean[][] firstEnd;

    LinkAddresses(final FabricTopology topology)
    {
        if (topology.links().size() > MAX_LINKS)
        {
            throw new LinuxFabricException("the Linux fabric holds at most " + MAX_LINKS + " links, not " +
                topology.links().size());
        }
        final int deviceCount = topology.devices().size();
        linkOfPort = new int[deviceCount][];
        firstEnd = new boolean[deviceCount][];
        for (int device = 0; device < deviceCount; device++)
        {
            final int ports = topology.devices().get(device).ports().size();
            linkOfPort[device] = new int[ports];
            firstEnd[device] = new boolean[ports];
            Arrays.fill(linkOfPort[device], -1);
        }
        for (int i = 0; i < topology.links().size(); i++)
        {
            final FabricTopology.Link link = topology.links().get(i);
            linkOfPort[link.deviceA()][link.portA()] = i;
            firstEnd[link.deviceA()][link.portA()] = true;
            linkOfPort[link.deviceB()][link.portB()] = i;
        }
    }

    /**
     * The link a port is an end of, or -1 for the host port.
     */
    int link(final int device, final int port)
    {
        return linkOfPort[device][port];
    }

    /**
     * The address of a port's own end, in CIDR notation with its /31.
     */
    String ownAddress(final int device, final int port)
    {
        return address(device, port, firstEnd[device][port]) + "/31";
    }

    /**
     * The address of the far end of a port's link.
     */
    String peerAddress(final int device, final int port)
    {
        return address(device, port, !firstEnd[device][port]);
    }

    /**
     * The MAC address of a port's own end.
     */
    String ownMac(final int device, final int port)
    {
        return mac(linkOfPort[device][port], firstEnd[device][port]);
    }

    /**
     * The MAC address of the far end of a port's link.
     */
    String peerMac(final int device, final int port)
    {
        return mac(linkOfPort[device][port], !firstEnd[device][port]);
    }

    private String address(final int device, final int port, final boolean first)
    {
        return Ipv4Prefix.formatAddress(BASE + 2 * linkOfPort[device][port] + (first ? 0 : 1));
    }

    private static String mac(final int link, final boolean first)
    {
        return String.format("02:6e:73:%02x:%02x:%02x", (link >>> 8) & 0xFF, link & 0xFF, first ? 1 : 2);
    }
}
