package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * One entry (ACE) of an ACL: what a packet must match and what then happens to it.
 *
 * @param name               entry name, unique within its ACL.
 * @param sourceNetwork      source addresses matched; {@link Ipv4Prefix#ANY} for any.
 * @param destinationNetwork destination addresses matched; {@link Ipv4Prefix#ANY} for any.
 * @param protocol           IP protocol matched, 0..255, or {@link #ANY_PROTOCOL}.
 * @param sourcePorts        source ports matched; anything but {@link PortMatch#ANY} needs protocol 6 or 17.
 * @param destinationPorts   destination ports matched; as {@code sourcePorts}.
 * @param action             what happens to a matching packet.
 */
public record AclEntry(
    String name,
    Ipv4Prefix sourceNetwork,
    Ipv4Prefix destinationNetwork,
    int protocol,
    PortMatch sourcePorts,
    PortMatch destinationPorts,
    AclAction action)
{
    /** The protocol value that matches any protocol. */
    public static final int ANY_PROTOCOL = -1;
    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;

    /**
     * Checks the entry.
     *
     * @throws IllegalArgumentException when a part is missing, the protocol is out of range, or ports are matched
     *                                  without protocol TCP or UDP.
     */
    public AclEntry
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceNetwork, "sourceNetwork");
        Objects.requireNonNull(destinationNetwork, "destinationNetwork");
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
        Objects.requireNonNull(action, "action");
        if (protocol < ANY_PROTOCOL || protocol > 255)
        {
            throw new IllegalArgumentException("protocol " + protocol + " is outside 0..255");
        }
        if ((!sourcePorts.isAny() || !destinationPorts.isAny()) && protocol != TCP && protocol != UDP)
        {
            throw new IllegalArgumentException("ACL entry " + name + " matches ports but not protocol TCP or UDP");
        }
    }

    /**
     * An entry that matches every packet.
     *
     * @param name   entry name.
     * @param action what happens to the packets.
     * @return the entry.
     */
    public static AclEntry matchingAll(final String name, final AclAction action)
    {
        return new AclEntry(name, Ipv4Prefix.ANY, Ipv4Prefix.ANY, ANY_PROTOCOL, PortMatch.ANY, PortMatch.ANY, action);
    }

    /**
     * This entry matching another source network.
     *
     * @param network the source network.
     * @return the changed entry.
     */
    public AclEntry withSourceNetwork(final Ipv4Prefix network)
    {
        return new AclEntry(name, network, destinationNetwork, protocol, sourcePorts, destinationPorts, action);
    }

    /**
     * This entry matching another destination network.
     *
     * @param network the destination network.
     * @return the changed entry.
     */
    public AclEntry withDestinationNetwork(final Ipv4Prefix network)
    {
        return new AclEntry(name, sourceNetwork, network, protocol, sourcePorts, destinationPorts, action);
    }

    /**
     * This entry matching another protocol.
     *
     * @param protocolNumber the protocol, or {@link #ANY_PROTOCOL}.
     * @return the changed entry.
     */
    public AclEntry withProtocol(final int protocolNumber)
    {
        return new AclEntry(
            name, sourceNetwork, destinationNetwork, protocolNumber, sourcePorts, destinationPorts, action);
    }

    /**
     * This entry matching other source ports.
     *
     * @param ports the ports.
     * @return the changed entry.
     */
    public AclEntry withSourcePorts(final PortMatch ports)
    {
        return new AclEntry(name, sourceNetwork, destinationNetwork, protocol, ports, destinationPorts, action);
    }

    /**
     * This entry matching other destination ports.
     *
     * @param ports the ports.
     * @return the changed entry.
     */
    public AclEntry withDestinationPorts(final PortMatch ports)
    {
        return new AclEntry(name, sourceNetwork, destinationNetwork, protocol, sourcePorts, ports, action);
    }

    /**
     * Whether a packet with these header fields matches the entry.
     *
     * @param srcIp          source address.
     * @param dstIp          destination address.
     * @param protocolNumber IP protocol.
     * @param srcPort        source port.
     * @param dstPort        destination port.
     * @return true when every condition holds.
     */
    public boolean matches(
        final int srcIp, final int dstIp, final int protocolNumber, final int srcPort, final int dstPort)
    {
        return sourceNetwork.contains(srcIp) && destinationNetwork.contains(dstIp) &&
            (protocol == ANY_PROTOCOL || protocol == protocolNumber) &&
            sourcePorts.matches(srcPort) && destinationPorts.matches(dstPort);
    }
}
