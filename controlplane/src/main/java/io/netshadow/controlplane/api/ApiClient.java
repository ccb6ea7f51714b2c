package io.netshadow.controlplane.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.orchestrator.ChangeStatus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Talks to a daemon's API for the CLI: every request carries the bearer token, and every refusal becomes an
 * {@link ApiException} with the daemon's reason.
 */
public final class ApiClient
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final BearerToken token;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param base  the API's address, such as {@code http://127.0.0.1:8490}.
     * @param token the token to send.
     */
    public ApiClient(final URI base, final BearerToken token)
    {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Plans a change on the daemon: checked against its profile, the devices asked for their capabilities.
     *
     * @param upload the change.
     * @return the plan.
     * @throws ApiException         when the daemon refuses the change or cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public PlanReply plan(final ChangeUpload upload) throws ApiException, InterruptedException
    {
        return send("POST", "/v1/plan", upload, type(PlanReply.class));
    }

    /**
     * Starts a change on the daemon.
     *
     * @param upload the change.
     * @return its status, with the id it runs under.
     * @throws ApiException         when the daemon refuses the change or cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public ChangeStatus apply(final ChangeUpload upload) throws ApiException, InterruptedException
    {
        return send("POST", "/v1/changes", upload, type(ChangeStatus.class));
    }

    /**
     * A change's status.
     *
     * @param id the change id.
     * @return its status.
     * @throws ApiException         when the daemon knows no such change or cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public ChangeStatus status(final String id) throws ApiException, InterruptedException
    {
        return send("GET", "/v1/changes/" + encode(id), null, type(ChangeStatus.class));
    }

    /**
     * The changes the daemon ran since it started, newest first.
     *
     * @return their statuses.
     * @throws ApiException         when the daemon cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public List<ChangeStatus> changes() throws ApiException, InterruptedException
    {
        return send("GET", "/v1/changes", null, ApiJson.MAPPER.getTypeFactory().constructType(
            new TypeReference<List<ChangeStatus>>()
            {
            }));
    }

    /**
     * Aborts a change: a running one rolls back, an unfinished one is finished from its history.
     *
     * @param id     the change id.
     * @param reason why, for the history.
     * @return its status.
     * @throws ApiException         when the change is unknown or has ended, or the daemon cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public ChangeStatus abort(final String id, final String reason) throws ApiException, InterruptedException
    {
        return send("POST", "/v1/changes/" + encode(id) + "/abort", new ApiJson.AbortRequest(reason),
            type(ChangeStatus.class));
    }

    /**
     * History events.
     *
     * @param parameters the query.
     * @return the events, oldest first.
     * @throws ApiException         when a parameter is refused or the daemon cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public List<HistoryEvent> history(final HistoryParameters parameters) throws ApiException, InterruptedException
    {
        final String query = parameters.toParameters().entrySet().stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
        return send("GET", "/v1/history" + (query.isEmpty() ? "" : "?" + query), null,
            ApiJson.MAPPER.getTypeFactory().constructType(new TypeReference<List<HistoryEvent>>()
            {
            }));
    }

    /**
     * The anomaly and divergence alerts.
     *
     * @return the counts, the active alerts and the latest ones.
     * @throws ApiException         when the daemon cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public AlertsReply alerts() throws ApiException, InterruptedException
    {
        return send("GET", "/v1/alerts", null, type(AlertsReply.class));
    }

    private <T> T send(final String method, final String path, final Object body, final JavaType type)
        throws ApiException, InterruptedException
    {
        final HttpRequest request;
        try
        {
            request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", token.header())
                .header("Content-Type", "application/json")
                .method(method, null == body ? HttpRequest.BodyPublishers.noBody() :
                    HttpRequest.BodyPublishers.ofByteArray(ApiJson.MAPPER.writeValueAsBytes(body)))
                .build();
        }
        catch (final JacksonException | IllegalArgumentException ex)
        {
            throw new ApiException(ApiException.UNREACHABLE, "cannot make a request to " + base + ": " + ex.getMessage());
        }
        final HttpResponse<byte[]> response;
        try
        {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final IOException ex)
        {
            throw new ApiException(ApiException.UNREACHABLE, "cannot reach the daemon's API at " + base + ": " +
                (null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage()));
        }
        try
        {
            if (response.statusCode() / 100 != 2)
            {
                final ApiJson.ErrorReply error = ApiJson.MAPPER.readValue(response.body(), ApiJson.ErrorReply.class);
                throw new ApiException(response.statusCode(), null == error.error() ?
                    "the daemon answered " + response.statusCode() : error.error());
            }
            return ApiJson.MAPPER.readValue(response.body(), type);
        }
        catch (final IOException ex)
        {
            throw new ApiException(response.statusCode(), "the daemon answered " + response.statusCode() +
                " with a body that is not the API's JSON: " + ex.getMessage());
        }
    }

    private static JavaType type(final Class<?> type)
    {
        return ApiJson.MAPPER.getTypeFactory().constructType(type);
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
