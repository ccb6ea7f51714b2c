package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The daemon's HTTP API for operators ({@code api:}): plan, apply, status, abort and history of changes, every
 * request authenticated with a bearer token read from a file.
 *
 * @param enabled     whether the daemon serves the API, {@code enabled}.
 * @param bindAddress the address it listens on, {@code bind-address}.
 * @param port        the TCP port, {@code port}.
 * @param tokenFile   the file holding the bearer token, {@code token-file}; the daemon refuses to start without it.
 */
public record ApiConfig(boolean enabled, String bindAddress, int port, Path tokenFile)
{
    /** Enabled on loopback port 8490, token in {@code /etc/netshadow/api-token}. */
    public static final ApiConfig DEFAULT =
        new ApiConfig(true, "127.0.0.1", 8490, Path.of("/etc/netshadow/api-token"));

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static ApiConfig fromYaml(
        @JsonProperty("enabled") final Boolean enabled,
        @JsonProperty("bind-address") final String bindAddress,
        @JsonProperty("port") final Integer port,
        @JsonProperty("token-file") final String tokenFile)
    {
        return new ApiConfig(
            Objects.requireNonNullElse(enabled, DEFAULT.enabled),
            Objects.requireNonNullElse(bindAddress, DEFAULT.bindAddress),
            Objects.requireNonNullElse(port, DEFAULT.port),
            null == tokenFile ? DEFAULT.tokenFile : Path.of(tokenFile));
    }

    ApiConfig resolvedAgainst(final Path base)
    {
        return new ApiConfig(enabled, bindAddress, port, base.resolve(tokenFile));
    }
}
