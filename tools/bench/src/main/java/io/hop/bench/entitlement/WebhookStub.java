package io.hop.bench.entitlement;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * bin/bench entitlement-check's operator backend: answers every POST with {"result":"SUCCESS"} at once (the JDK's
 * HTTP server). Run as a single-file program: {@code java WebhookStub.java PORT}.
 */
public final class WebhookStub {

    private WebhookStub() {
    }

    public static void main(String[] args) throws Exception {
        byte[] answer = "{\"result\":\"SUCCESS\",\"reason\":\"BENCH\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/entitlement", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println("webhook stub on " + args[0]);
    }
}
