package io.hop.offload.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.offload.testing.FakePluginHost;
import io.hop.offload.testing.PluginResponder;
import io.hop.testing.Tokens;
import io.hop.testing.infra.Infrastructure;

/**
 * A restart of offload-service while a post-connect timer is pending: the packaged service
 * ({@code target/quarkus-app/quarkus-run.jar}) brings a connection to POST_CONNECT, is killed with SIGKILL before
 * the timer is due, and is started again: the timer still fires, exactly once (one RESET request, one timeout
 * transition), because it is a row in the service's database, not a thread of the dead JVM.
 */
class PostConnectRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aPendingPostConnectTimerFiresOnceAfterTheServiceWasKilledAndRestarted() throws Exception {
        Infrastructure infra = Infrastructure.get();
        String bootstrap = infra.kafkaBootstrapServers();
        String prefix = "test.offload-restart." + UUID.randomUUID().toString().substring(0, 8);
        String requests = prefix + ".plugin.requests";
        String results = prefix + ".plugin.results";
        String connections = prefix + ".offload.connections";
        Infrastructure.Database database = infra.createDatabase("offload_restart");
        String op = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                FakePluginHost host = new FakePluginHost();
                PluginResponder responder = new PluginResponder(bootstrap, requests, results)) {
            admin.createTopics(List.of(new NewTopic(requests, 1, (short) 1), new NewTopic(results, 1, (short) 1),
                    new NewTopic(results + ".dlq", 1, (short) 1), new NewTopic(connections, 1, (short) 1))).all().get();
            host.set(op, FakePluginHost.Behaviour.answering(List.of(OffloadFixtures.match("aa:bb:cc:00:00:01", "Portal", 1)),
                    OffloadFixtures.active("p1", 10)));
            // pre-connect and reset answered; post-connect never, so that the timer decides
            responder.set(op, r -> "POST_CONNECT".equals(r.action()) ? null : "SUCCESS");

            int port = freePort();
            List<String> properties = List.of("-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + database.user(),
                    "-Dquarkus.datasource.password=" + database.password(),
                    "-Dkafka.bootstrap.servers=" + bootstrap, "-Dhop.consumer-group=" + database.name(),
                    "-Dhop.topics.\"plugin-requests\"=" + requests, "-Dhop.topics.\"offload-connections\"=" + connections,
                    "-Dmp.messaging.incoming.plugin-results.topic=" + results,
                    "-Dhop.offload.plugin-hosts.plugin-host.url=" + host.url(),
                    "-Dhop.offload.identification.timeout=PT5S",
                    "-Dhop.offload.post-connect-timeout=PT10S", "-Dhop.offload.max-attempts=1");
            String token = Tokens.device(op, "dev-1");
            Service service = Service.start(port, properties);
            String id;
            Instant killedAt;
            try {
                JsonNode scan = post(port, token, "/v1/devices/dev-1/scans",
                        "{\"networks\":[{\"ssid\":\"Portal\",\"bssid\":\"aa:bb:cc:00:00:01\",\"rssi\":-50}]}");
                id = scan.path("candidates").path(0).path("connectionId").asText();
                awaitState(port, token, id, "CONNECTING");
                JsonNode connected = post(port, token, "/v1/connections/" + id + "/events", "{\"type\":\"CONNECTED\"}");
                assertEquals("POST_CONNECT", connected.path("connection").path("state").asText());
                assertTrue(connected.path("connection").path("timerRemainingMillis").asLong() > 5000,
                        "killed well before the timer is due");
            } finally {
                service.kill();
                killedAt = Instant.now();
            }

            Service restarted = Service.start(port, properties);
            try {
                JsonNode failed = awaitState(port, token, id, "FAILED");
                assertEquals("RETRIES_EXHAUSTED", failed.path("reason").asText());
                assertTrue(failed.path("profileDeleted").asBoolean());
                // give a doubled firing every chance to show, then count
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> responder.seen(id).stream().filter(r -> r.action().equals("RESET")).count() == 1);
                List<PluginActionRequested> resets = responder.seen(id).stream()
                        .filter(r -> r.action().equals("RESET")).toList();
                assertEquals(1, resets.size(), "the timer fired once");
                assertTrue(resets.get(0).requestedAt().isAfter(killedAt), "it fired in the restarted service");
                JsonNode view = get(port, token, "/v1/connections/" + id);
                List<String> states = new ArrayList<>();
                view.path("transitions").forEach(t -> states.add(t.path("to").asText()));
                assertEquals(List.of("PRE_CONNECT", "CONNECTING", "POST_CONNECT", "FAILED"), states);
            } finally {
                restarted.kill();
            }
        } finally {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(List.of(requests, results, results + ".dlq", connections)).all().get();
            }
            infra.dropDatabase(database);
        }
    }

    private static JsonNode awaitState(int port, String token, String id, String state) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await(id + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = get(port, token, "/v1/connections/" + id);
                    return state.equals(last[0].path("state").asText());
                });
        return last[0];
    }

    private static JsonNode get(int port, String token, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode post(int port, String token, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged service as a JVM of its own; {@link #kill()} is SIGKILL (no shutdown hook, no graceful close). */
    private record Service(Process process) {

        static Service start(int port, List<String> properties) throws Exception {
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run ./mvnw verify");
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            command.addAll(properties);
            command.addAll(List.of("-jar", jar.toString()));
            Path log = Path.of("target", "post-connect-restart-it.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("HOP_SECURITY_ALLOW_DEVELOPMENT_KEY", "true");
            Process process = builder.start();
            Awaitility.await("offload-service ready (log: " + log + ")").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("offload-service exited with " + process.exitValue());
                        }
                        try {
                            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return new Service(process);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
