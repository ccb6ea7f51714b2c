package io.netshadow.controlplane.config;

/**
 * How the data plane's agents are mapped to threads.
 */
public enum ThreadingMode
{
    /** All agents composed on one thread with a backoff idle strategy: small machines, tests and the demo. */
    SHARED,
    /** A busy-spinning thread per agent, for appliances with isolated cores. */
    DEDICATED
}
