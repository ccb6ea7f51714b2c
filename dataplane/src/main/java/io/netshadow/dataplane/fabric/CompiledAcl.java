package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclEntry;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ACL entries applied to one port in one direction, flattened in evaluation order into primitive arrays:
 * the first entry a packet matches decides and counts a hit, and a packet no entry matches is accepted.
 */
final class CompiledAcl
{
    /** Applied to a port with no ACL: accepts everything. */
    static final CompiledAcl ACCEPT_ALL = new CompiledAcl(List.of(), List.of());

    private final int[] sourceAddress;
    private final int[] sourceMask;
    private final int[] destinationAddress;
    private final int[] destinationMask;
    private final int[] protocol;
    private final int[] sourceLowPort;
    private final int[] sourceHighPort;
    private final boolean[] sourceNegated;
    private final int[] destinationLowPort;
    private final int[] destinationHighPort;
    private final boolean[] destinationNegated;
    private final boolean[] accept;
    private final AtomicLong[] hits;

    /**
     * Compiles entries.
     *
     * @param entries the entries in evaluation order.
     * @param hits    each entry's hit counter, in the same order.
     */
    CompiledAcl(final List<AclEntry> entries, final List<AtomicLong> hits)
    {
        this.hits = hits.toArray(new AtomicLong[0]);
        final int count = entries.size();
        sourceAddress = new int[count];
        sourceMask = new int[count];
        destinationAddress = new int[count];
        destinationMask = new int[count];
        protocol = new int[count];
        sourceLowPort = new int[count];
        sourceHighPort = new int[count];
        sourceNegated = new boolean[count];
        destinationLowPort = new int[count];
        destinationHighPort = new int[count];
        destinationNegated = new boolean[count];
        accept = new boolean[count];
        for (int i = 0; i < count; i++)
        {
            final AclEntry entry = entries.get(i);
            sourceAddress[i] = entry.sourceNetwork().address();
            sourceMask[i] = entry.sourceNetwork().mask();
            destinationAddress[i] = entry.destinationNetwork().address();
            destinationMask[i] = entry.destinationNetwork().mask();
            protocol[i] = entry.protocol();
            sourceLowPort[i] = entry.sourcePorts().lowPort();
            sourceHighPort[i] = entry.sourcePorts().highPort();
            sourceNegated[i] = entry.sourcePorts().negated();
            destinationLowPort[i] = entry.destinationPorts().lowPort();
            destinationHighPort[i] = entry.destinationPorts().highPort();
            destinationNegated[i] = entry.destinationPorts().negated();
            accept[i] = AclAction.ACCEPT == entry.action();
        }
    }

    /**
     * Whether the packet may pass; counts a hit on the entry that decides. Driving thread only.
     */
    boolean permits(final FabricPacket packet)
    {
        for (int i = 0; i < accept.length; i++)
        {
            if ((packet.srcIp & sourceMask[i]) == sourceAddress[i] &&
                (packet.dstIp & destinationMask[i]) == destinationAddress[i] &&
                (AclEntry.ANY_PROTOCOL == protocol[i] || packet.protocol == protocol[i]) &&
                inRange(packet.srcPort, sourceLowPort[i], sourceHighPort[i]) != sourceNegated[i] &&
                inRange(packet.dstPort, destinationLowPort[i], destinationHighPort[i]) != destinationNegated[i])
            {
                hits[i].setRelease(hits[i].getPlain() + 1);
                return accept[i];
            }
        }
        return true;
    }

    private static boolean inRange(final int port, final int lowPort, final int highPort)
    {
        return port >= lowPort && port <= highPort;
    }
}
