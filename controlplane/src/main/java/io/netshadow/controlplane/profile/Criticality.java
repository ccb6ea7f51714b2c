package io.netshadow.controlplane.profile;

/**
 * How much harm a change to a device can do; the planner always keeps {@link #HIGH} devices in the shadow.
 */
public enum Criticality
{
    /** A device whose failure few users notice. */
    LOW,
    /** The default. */
    MEDIUM,
    /** A device that is always part of the shadow. */
    HIGH
}
