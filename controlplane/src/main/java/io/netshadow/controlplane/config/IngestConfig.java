package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netshadow.dataplane.ingest.IngestTransport;

import java.util.Objects;

/**
 * Where and how the appliance receives mirrored traffic ({@code ingest:}).
 *
 * @param bindAddress the address the VXLAN and GENEVE listeners bind, {@code bind-address}.
 * @param port        the VXLAN UDP port, {@code port}.
 * @param genevePort  the GENEVE UDP port, {@code geneve-port}, bound only when a mirror session is GENEVE.
 * @param transport   the Netty transport, {@code transport}: epoll, io_uring or nio.
 */
public record IngestConfig(String bindAddress, int port, int genevePort, IngestTransport transport)
{
    /** Loopback on the IANA VXLAN and GENEVE ports with epoll. */
    public static final IngestConfig DEFAULT = new IngestConfig("127.0.0.1", 4789, 6081, IngestTransport.EPOLL);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static IngestConfig fromYaml(
        @JsonProperty("bind-address") final String bindAddress,
        @JsonProperty("port") final Integer port,
        @JsonProperty("geneve-port") final Integer genevePort,
        @JsonProperty("transport") final IngestTransport transport)
    {
        return new IngestConfig(
            Objects.requireNonNullElse(bindAddress, DEFAULT.bindAddress),
            Objects.requireNonNullElse(port, DEFAULT.port),
            Objects.requireNonNullElse(genevePort, DEFAULT.genevePort),
            Objects.requireNonNullElse(transport, DEFAULT.transport));
    }
}
