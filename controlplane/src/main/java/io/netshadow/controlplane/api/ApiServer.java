package io.netshadow.controlplane.api;

import com.fasterxml.jackson.core.JacksonException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netshadow.controlplane.change.ChangeException;
import io.netshadow.controlplane.change.ChangeLoader;
import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.orchestrator.ChangePlan;
import io.netshadow.controlplane.orchestrator.ChangeRejectedException;
import io.netshadow.controlplane.orchestrator.ChangeService;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.forecaster.AlertMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's HTTP API for operators, JSON over HTTP on the JDK's server, one virtual thread per request. Every
 * request must carry the bearer token, or is answered 401.
 * <pre>
 * POST /v1/plan                  {@link ChangeUpload} → {@link PlanReply}; asks the devices' capabilities only
 * POST /v1/changes               {@link ChangeUpload} → 202 and the change's status; the change runs on its own
 * GET  /v1/changes               the statuses of the changes this daemon ran, newest first
 * GET  /v1/changes/{id}          one change's status, also of changes in the history
 * POST /v1/changes/{id}/abort    {"reason": "..."} (optional) → 202 and the status; rolls the change back
 * GET  /v1/history?change=&amp;device=&amp;from=&amp;until=&amp;kind=&amp;outcome=&amp;steps=   history events (see {@link HistoryParameters})
 * GET  /v1/alerts                {@link AlertsReply}: anomaly and divergence alerts raised while no change ran
 * </pre>
 * Errors are {@code {"error": "..."}} with 400 (bad change or parameter), 401, 404, 405, 409 (another change runs,
 * one is unfinished, or the change has ended), 413 or 503 (stopping).
 */
public final class ApiServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_BODY_BYTES = 4 << 20;
    private static final String CHANGES = "/v1/changes";
    private static final String ABORT = "/abort";

    private final HttpServer server;
    private final ExecutorService executor;
    private final BearerToken token;
    private final ChangeService changes;
    private final HistoryJournal history;
    private final NetworkProfile profile;
    private final AlertMonitor alerts;

    private ApiServer(
        final HttpServer server,
        final BearerToken token,
        final ChangeService changes,
        final HistoryJournal history,
        final NetworkProfile profile,
        final AlertMonitor alerts)
    {
        this.server = server;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("netshadow-api-", 0).factory());
        this.token = token;
        this.changes = changes;
        this.history = history;
        this.profile = profile;
        this.alerts = alerts;
    }

    /**
     * Starts serving.
     *
     * @param address where to listen; port 0 picks a free port.
     * @param token   the token every request must carry.
     * @param changes the changes it drives.
     * @param history the history it answers from.
     * @param profile the network that uploaded changes are checked against.
     * @param alerts  the alerts it reports.
     * @return the running server.
     * @throws IOException when the address cannot be bound, naming it.
     */
    public static ApiServer start(
        final InetSocketAddress address,
        final BearerToken token,
        final ChangeService changes,
        final HistoryJournal history,
        final NetworkProfile profile,
        final AlertMonitor alerts) throws IOException
    {
        final HttpServer server;
        try
        {
            server = HttpServer.create(address, 0);
        }
        catch (final IOException ex)
        {
            throw new IOException("api: cannot listen on " + address.getHostString() + ":" + address.getPort() + ": " +
                ex.getMessage(), ex);
        }
        final ApiServer api = new ApiServer(server, token, changes, history, profile, alerts);
        server.setExecutor(api.executor);
        server.createContext("/", api::handle);
        server.start();
        LOG.info("api listening on {}", api.address());
        return api;
    }

    /**
     * Where the server listens.
     *
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * Stops accepting requests, lets those under way finish for up to a second, and stops.
     */
    @Override
    public void close()
    {
        server.stop(1);
        executor.close();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"netshadow\"");
                reply(exchange, 401, new ApiJson.ErrorReply("missing or wrong bearer token"));
                return;
            }
            route(exchange);
        }
    }

    private void route(final HttpExchange exchange) throws IOException
    {
        final String method = exchange.getRequestMethod();
        final String path = exchange.getRequestURI().getPath();
        try
        {
            if ("/v1/plan".equals(path))
            {
                requireMethod(exchange, "POST");
                final ChangePlan plan = changes.plan(change(exchange));
                reply(exchange, 200, new PlanReply(plan, plan.lines()));
            }
            else if (CHANGES.equals(path) && "POST".equals(method))
            {
                reply(exchange, 202, changes.apply(change(exchange)));
            }
            else if (CHANGES.equals(path))
            {
                requireMethod(exchange, "GET");
                reply(exchange, 200, changes.changes());
            }
            else if (path.startsWith(CHANGES + "/") && path.endsWith(ABORT))
            {
                requireMethod(exchange, "POST");
                final String id = path.substring(CHANGES.length() + 1, path.length() - ABORT.length());
                final ApiJson.AbortRequest request = body(exchange, ApiJson.AbortRequest.class);
                reply(exchange, 202, changes.abort(id, null == request || null == request.reason() ?
                    "aborted by an operator over the API" : request.reason()));
            }
            else if (path.startsWith(CHANGES + "/"))
            {
                requireMethod(exchange, "GET");
                reply(exchange, 200, changes.status(path.substring(CHANGES.length() + 1)));
            }
            else if ("/v1/history".equals(path))
            {
                requireMethod(exchange, "GET");
                reply(exchange, 200, history.query(HistoryParameters.parse(parameters(exchange)).query()));
            }
            else if ("/v1/alerts".equals(path))
            {
                requireMethod(exchange, "GET");
                reply(exchange, 200, AlertsReply.of(alerts));
            }
            else
            {
                reply(exchange, 404, new ApiJson.ErrorReply("no such endpoint: " + method + " " + path));
            }
        }
        catch (final ApiException ex)
        {
            reply(exchange, ex.status(), new ApiJson.ErrorReply(ex.getMessage()));
        }
        catch (final ChangeException | IllegalArgumentException ex)
        {
            reply(exchange, 400, new ApiJson.ErrorReply(ex.getMessage()));
        }
        catch (final ChangeRejectedException ex)
        {
            reply(exchange, status(ex.reason()), new ApiJson.ErrorReply(ex.getMessage()));
        }
        catch (final RuntimeException ex)
        {
            LOG.error("api: {} {} failed", method, path, ex);
            reply(exchange, 500, new ApiJson.ErrorReply("internal error: " + ex));
        }
    }

    private ChangeSpec change(final HttpExchange exchange) throws IOException, ApiException, ChangeException
    {
        final ChangeUpload upload = body(exchange, ChangeUpload.class);
        if (null == upload || null == upload.yaml())
        {
            throw new ApiException(400, "the body must be a change upload: {\"name\": ..., \"yaml\": ..., " +
                "\"files\": {...}}");
        }
        final String name = null == upload.name() ? "change.yaml" : Path.of(upload.name()).getFileName().toString();
        return ChangeLoader.parse(Path.of(name), upload.yaml(), upload.files(), profile);
    }

    private static <T> T body(final HttpExchange exchange, final Class<T> type) throws IOException, ApiException
    {
        final byte[] bytes;
        try (InputStream in = exchange.getRequestBody())
        {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES)
        {
            throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (0 == bytes.length)
        {
            return null;
        }
        try
        {
            return ApiJson.MAPPER.readValue(bytes, type);
        }
        catch (final JacksonException ex)
        {
            throw new ApiException(400, "the body is not valid JSON: " + ex.getOriginalMessage());
        }
    }

    private static void requireMethod(final HttpExchange exchange, final String method) throws ApiException
    {
        if (!method.equals(exchange.getRequestMethod()))
        {
            exchange.getResponseHeaders().add("Allow", method);
            throw new ApiException(405, exchange.getRequestMethod() + " is not allowed here; use " + method);
        }
    }

    private static Map<String, String> parameters(final HttpExchange exchange)
    {
        final Map<String, String> parameters = new LinkedHashMap<>();
        final String query = exchange.getRequestURI().getRawQuery();
        if (null == query || query.isEmpty())
        {
            return parameters;
        }
        for (final String pair : query.split("&"))
        {
            final int equals = pair.indexOf('=');
            final String name = equals < 0 ? pair : pair.substring(0, equals);
            final String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static int status(final ChangeRejectedException.Reason reason)
    {
        return switch (reason)
        {
            case NOT_FOUND -> 404;
            case BUSY, UNFINISHED, FINISHED -> 409;
            case STOPPING -> 503;
        };
    }

    private static void reply(final HttpExchange exchange, final int status, final Object body) throws IOException
    {
        final byte[] bytes = ApiJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
