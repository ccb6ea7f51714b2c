package io.netshadow.controlplane.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON the API speaks: records by their component names, enums by name; a client ignores fields it does not
 * know, so that the daemon may add some.
 */
final class ApiJson
{
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private ApiJson()
    {
    }

    /**
     * The body of an error response.
     *
     * @param error what went wrong, for the operator.
     */
    record ErrorReply(String error)
    {
    }

    /**
     * The body of an abort request.
     *
     * @param reason why, for the history; may be null.
     */
    record AbortRequest(String reason)
    {
    }
}
