package io.netshadow.dataplane.pipeline;

/**
 * How the data plane's agents map to threads. The Netty ingest threads are separate in both modes.
 */
public enum ThreadingMode
{
    /** All agents composed on one thread with a backoff idle strategy: for small machines, tests and the demo. */
    SHARED,
    /**
     * A thread per agent, busy spinning, except that an AF_PACKET capture's thread waits in {@code poll(2)} when its
     * ring has no block ready: for appliances with isolated cores.
     */
    DEDICATED
}
