package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.api.BearerToken;
import io.netshadow.controlplane.api.TokenFileException;
import io.netshadow.controlplane.config.ApiConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the daemon's API is and the token it wants: {@code --api} and {@code --token-file}.
 */
final class ApiOptions
{
    static final URI DEFAULT_API =
        URI.create("http://" + ApiConfig.DEFAULT.bindAddress() + ":" + ApiConfig.DEFAULT.port());

    @Option(names = "--api", paramLabel = "URL",
        description = "The daemon's API, such as http://127.0.0.1:8490 (its default address).")
    URI api;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "/etc/netshadow/api-token",
        description = "The file holding the API's bearer token. Default: ${DEFAULT-VALUE}.")
    Path tokenFile;

    /**
     * Whether {@code --api} was given, for commands that work offline without it.
     */
    boolean given()
    {
        return null != api;
    }

    /**
     * A client for the given API, or the default address.
     */
    ApiClient client() throws TokenFileException
    {
        return new ApiClient(null == api ? DEFAULT_API : api, BearerToken.read(tokenFile));
    }
}
