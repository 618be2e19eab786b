package io.hop.offload.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double of plugin-host's HTTP API (a real HTTP server): {@code POST /v1/identifications} answers the fixed
 * shape from what a test configured for the request's operator, {@code GET /v1/plugins} lists those plugins. Records
 * the {@code Authorization} header of every call.
 */
public final class FakePluginHost implements AutoCloseable {

    /** A plugin's identification of a network (the fields of the fixed {@code matches} shape). */
    public record Match(String bssid, String ssid, String pluginId, int pluginRank, int priority, String authMethod,
            String displayName, String fallbackReason) {
    }

    /** A plugin of the host and this call's outcome. */
    public record Plugin(String pluginId, int rank, String state, String outcome) {
    }

    /** What the host answers for one operator; {@code delay} before answering, {@code status} other than 200 fails. */
    public record Behaviour(List<Match> matches, List<Plugin> plugins, Duration delay, int status) {

        public static Behaviour answering(List<Match> matches, Plugin... plugins) {
            return new Behaviour(matches, List.of(plugins), Duration.ZERO, 200);
        }

        public Behaviour delayedBy(Duration d) {
            return new Behaviour(matches, plugins, d, status);
        }

        public static Behaviour failing(int status) {
            return new Behaviour(List.of(), List.of(), Duration.ZERO, status);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    public FakePluginHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/identifications", this::identify);
        server.createContext("/v1/plugins", this::plugins);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void set(String operatorId, Behaviour behaviour) {
        behaviours.put(operatorId, behaviour);
    }

    /** The Authorization headers received so far. */
    public List<String> authorizations() {
        return authorizations;
    }

    /** The identification requests received so far. */
    public List<JsonNode> requests() {
        return requests;
    }

    private void identify(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            requests.add(request);
            Behaviour b = behaviours.getOrDefault(request.path("operatorId").asText(),
                    new Behaviour(List.of(), List.of(), Duration.ZERO, 200));
            pause(b.delay());
            if (b.status() != 200) {
                send(exchange, b.status(), "{\"title\":\"failing on purpose\"}");
                return;
            }
            Set<String> seen = new HashSet<>();
            request.path("networks").forEach(n -> seen.add(n.path("bssid").asText()));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode matches = body.putArray("matches");
            for (Match m : b.matches()) {
                if (seen.contains(m.bssid())) {
                    matches.add(JSON.valueToTree(m));
                }
            }
            body.set("plugins", JSON.valueToTree(b.plugins()));
            send(exchange, 200, JSON.writeValueAsString(body));
        }
    }

    private void plugins(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            List<Map<String, Object>> list = new ArrayList<>();
            behaviours.forEach((operator, b) -> b.plugins().forEach(p -> list.add(Map.of("pluginId", p.pluginId(),
                    "version", "1.0", "rank", p.rank(), "operators", List.of(operator), "state", p.state(),
                    "builtIn", false))));
            send(exchange, 200, JSON.writeValueAsString(list));
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis()); // simulates a slow host (server side, not a test wait)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
