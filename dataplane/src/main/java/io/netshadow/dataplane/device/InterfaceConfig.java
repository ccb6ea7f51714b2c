package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * The settings of one interface that a change can touch.
 *
 * @param name     interface name, the port name in the fabric topology.
 * @param enabled  false when administratively down.
 * @param mtuBytes largest IPv4 packet the interface sends, {@link #MIN_MTU_BYTES}..{@link #MAX_MTU_BYTES}: the
 *                 IPv4 total length (IP header included, link-layer header excluded) is compared, as Linux compares
 *                 it with a device's {@code mtu}; a longer packet is dropped, never fragmented.
 */
public record InterfaceConfig(String name, boolean enabled, int mtuBytes)
{
    /** MTU of an interface the configuration does not set. */
    public static final int DEFAULT_MTU_BYTES = 1500;
    /** Smallest MTU an IPv4 interface may have. */
    public static final int MIN_MTU_BYTES = 68;
    /** Largest MTU an IPv4 interface may have. */
    public static final int MAX_MTU_BYTES = 65535;

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when the MTU is out of range.
     */
    public InterfaceConfig
    {
        Objects.requireNonNull(name, "name");
        if (mtuBytes < MIN_MTU_BYTES || mtuBytes > MAX_MTU_BYTES)
        {
            throw new IllegalArgumentException("MTU " + mtuBytes + " of " + name + " is outside 68..65535");
        }
    }

    /**
     * An interface the configuration does not mention: enabled, MTU 1500.
     *
     * @param name interface name.
     * @return the defaults.
     */
    public static InterfaceConfig defaults(final String name)
    {
        return new InterfaceConfig(name, true, DEFAULT_MTU_BYTES);
    }

    /**
     * This interface enabled or shut down.
     *
     * @param isEnabled the new state.
     * @return the changed settings.
     */
    public InterfaceConfig withEnabled(final boolean isEnabled)
    {
        return new InterfaceConfig(name, isEnabled, mtuBytes);
    }

    /**
     * This interface with another MTU.
     *
     * @param newMtuBytes the MTU.
     * @return the changed settings.
     */
    public InterfaceConfig withMtuBytes(final int newMtuBytes)
    {
        return new InterfaceConfig(name, enabled, newMtuBytes);
    }
}
