package io.hop.entitlement.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for an operator's entitlement backend (the JDK's): it verifies our signature as a
 * backend must, then answers as told (status, body, delay).
 */
public final class OperatorBackendStub implements AutoCloseable {

    /** What the stub answers next. */
    record Answer(int status, String body, long delayMillis) {
    }

    /** A request as received. */
    record Received(String body, String signature, String authorization, boolean signatureValid) {
    }

    private final HttpServer server;
    private final String secret;
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{\"result\":\"SUCCESS\",\"reason\":\"ALLOWED\"}", 0));
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public OperatorBackendStub(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/entitlement", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/entitlement";
    }

    /** Requests received and not yet answered (a slow answer in progress). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests received so far. */
    public int receivedCount() {
        return received.size();
    }

    public void answer(int status, String body) {
        answer(status, body, 0);
    }

    public void answer(int status, String body, long delayMillis) {
        answer.set(new Answer(status, body, delayMillis));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String signature = exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER);
        boolean valid = WebhookSigner.verify(secret, signature, body, System.currentTimeMillis() / 1000, 300);
        received.add(new Received(body, signature, exchange.getRequestHeaders().getFirst("Authorization"), valid));
        Answer next = valid ? answer.get() : new Answer(401, "{\"error\":\"bad signature\"}", 0);
        inFlight.incrementAndGet();
        try {
            respond(exchange, next);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void respond(HttpExchange exchange, Answer next) {
        if (next.delayMillis() > 0) {
            try {
                Thread.sleep(next.delayMillis()); // the slow backend itself, not the test, waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(next.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the caller gave up (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
