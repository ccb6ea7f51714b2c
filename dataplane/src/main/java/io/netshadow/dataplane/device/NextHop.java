package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * Where a static route sends matching packets: out of an interface, or nowhere.
 */
public sealed interface NextHop permits NextHop.OutgoingInterface, NextHop.Blackhole
{
    /** The blackhole next hop. */
    Blackhole BLACKHOLE = new Blackhole();

    /**
     * Out of a named interface.
     *
     * @param interfaceName the interface.
     * @return the next hop.
     */
    static NextHop outgoingInterface(final String interfaceName)
    {
        return new OutgoingInterface(interfaceName);
    }

    /**
     * Packets leave through an interface.
     *
     * @param interfaceName the interface, a port name in the fabric topology.
     */
    record OutgoingInterface(String interfaceName) implements NextHop
    {
        /**
         * Checks the name.
         */
        public OutgoingInterface
        {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    /**
     * Packets are discarded.
     */
    record Blackhole() implements NextHop
    {
    }
}
