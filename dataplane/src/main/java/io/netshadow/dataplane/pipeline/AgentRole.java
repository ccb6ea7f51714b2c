package io.netshadow.dataplane.pipeline;

import java.util.Locale;

/**
 * The threads of the data plane that a CPU set can be given to: one role per stage in {@code dedicated} mode, the
 * one composite thread in {@code shared} mode, and the ingest's event-loop threads in both.
 */
public enum AgentRole
{
    /** The ingest's Netty event-loop threads, every one of them. */
    INGEST,
    /** The AF_PACKET capture threads and the ERSPAN GRE socket's thread, every one of them ({@code dedicated} mode). */
    CAPTURE,
    /** The reorder stage's thread ({@code dedicated} mode). */
    REORDER,
    /** The journal's thread ({@code dedicated} mode). */
    JOURNAL,
    /** The replay's thread ({@code dedicated} mode). */
    REPLAY,
    /** The live meter's thread ({@code dedicated} mode). */
    LIVE_METER,
    /** The one thread every agent shares ({@code shared} mode). */
    SHARED;

    /**
     * The role's name in configuration files and messages.
     *
     * @return such as {@code live-meter}.
     */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
