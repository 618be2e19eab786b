package io.hop.bench.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for plugin-host in {@code bin/bench scan} while plugin-host is not on main: a JDK HTTP server answering
 * {@code POST /v1/identifications} and {@code GET /v1/plugins} in the fixed shape, with three plugins serving every
 * operator. A network whose SSID starts with {@code Hotspot-} is identified by plugin {@code bench-<n % 3>} (rank
 * 10, 20, 30), at priority {@code n % 7}; every fifth of them is fallback-only ({@code FALLBACK_ONLY_PROFILE}); the
 * others are not identified. It does no real plugin work: it measures offload-service, not plugins. JDK only (run
 * with the source launcher: {@code java StandInPluginHost.java <port>}).
 */
public final class StandInPluginHost {

    private static final Pattern NETWORK = Pattern.compile(
            "\\{[^{}]*?\"ssid\"\\s*:\\s*\"(Hotspot-(\\d+))\"[^{}]*?\"bssid\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PLUGINS = "[{\"pluginId\":\"bench-0\",\"rank\":10,\"state\":\"ACTIVE\",\"outcome\":\"ANSWERED\"},"
            + "{\"pluginId\":\"bench-1\",\"rank\":20,\"state\":\"ACTIVE\",\"outcome\":\"ANSWERED\"},"
            + "{\"pluginId\":\"bench-2\",\"rank\":30,\"state\":\"ACTIVE\",\"outcome\":\"ANSWERED\"}]";

    private StandInPluginHost() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/identifications", StandInPluginHost::identify);
        server.createContext("/v1/plugins", exchange -> send(exchange,
                "[{\"pluginId\":\"bench-0\",\"version\":\"1\",\"rank\":10,\"operators\":[],\"state\":\"ACTIVE\"}]"));
        server.start();
        System.out.println("stand-in plugin host on port " + port);
    }

    private static void identify(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder matches = new StringBuilder("{\"matches\":[");
        Matcher m = NETWORK.matcher(body);
        boolean first = true;
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            int plugin = n % 3;
            if (!first) {
                matches.append(',');
            }
            first = false;
            matches.append("{\"bssid\":\"").append(m.group(3)).append("\",\"ssid\":\"").append(m.group(1))
                    .append("\",\"pluginId\":\"bench-").append(plugin).append("\",\"pluginRank\":")
                    .append(10 * (plugin + 1)).append(",\"priority\":").append(n % 7)
                    .append(",\"authMethod\":\"").append(plugin == 0 ? "EAP_AKA" : "WISPR")
                    .append("\",\"displayName\":null,\"fallbackReason\":")
                    .append(n % 5 == 4 ? "\"FALLBACK_ONLY_PROFILE\"" : "null").append('}');
        }
        matches.append("],\"plugins\":").append(PLUGINS).append('}');
        send(exchange, matches.toString());
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
