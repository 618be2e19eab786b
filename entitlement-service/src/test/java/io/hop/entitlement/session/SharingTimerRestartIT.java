package io.hop.entitlement.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.hop.testing.infra.Infrastructure;

/**
 * A pending durable timer survives the service: the packaged entitlement-service is killed with SIGKILL while a
 * sharing session's peerless timer is pending, stays down past the timer's due time, and is started again on the
 * same database; the timer then fires once and sharing turns off with PEERLESS_TIMEOUT.
 */
class SharingTimerRestartIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Infrastructure.Database database;
    static Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    Process service;
    int port;

    @BeforeAll
    static void database() {
        database = Infrastructure.get().createDatabase("entitlement_restart");
    }

    @org.junit.jupiter.api.AfterEach
    void stopService() {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
        }
    }

    @AfterAll
    static void drop() {
        Infrastructure.get().dropDatabase(database);
    }

    Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-jar", jar.toString());
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(), "HOP_SECURITY_ALLOW_DEVELOPMENT_KEY", "true",
                "KAFKA_BOOTSTRAP_SERVERS", Infrastructure.get().kafkaBootstrapServers(),
                "HOP_CONSUMER_GROUP", database.name(), "HOP_ENTITLEMENT_SHARING_MINUTE", "PT3S",
                "HOP_TIMERS_POLL_INTERVAL", "PT0.2S"));
        builder.redirectErrorStream(true).redirectOutput(new File("target/sharing-restart-" + port + ".log"));
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> status("GET", "/q/health/live", null, null) == 200);
        return process;
    }

    int status(String method, String path, String token, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    String get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPeerlessTimerPendingWhenTheServiceIsKilledFiresAfterItStartsAgain() throws Exception {
        assertThat(Files.exists(jar)).as("packaged by the package phase").isTrue();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String op = "op-" + UUID.randomUUID().toString().substring(0, 8);
        service = start();
        // the read model as provisioning's events would leave it
        sql("insert into known_sharing_policy (policy_id, operator_id, version, changed_at, state) values ('pol-" + op
                + "', '" + op + "', 1, now(), '{\"operatorId\":\"" + op + "\",\"policyId\":\"pol-" + op
                + "\",\"name\":\"P\",\"settings\":{\"enabled\":true,\"entitlementRequired\":true,\"entitlementProvider\":\"all\",\"entitlementInterval\":0,\"maxUsers\":5,\"maxBluetoothUsers\":7,\"peerlessTimeout\":1,\"publicConnectionTimeout\":20,\"dedicatedConnections\":[]},\"version\":1,\"changedAt\":\"2025-01-01T00:00:00Z\"}')",
                "insert into known_device_group (group_id, operator_id, version, changed_at, state) values ('grp-" + op
                        + "', '" + op + "', 1, now(), '{\"operatorId\":\"" + op + "\",\"groupId\":\"grp-" + op
                        + "\",\"name\":\"All\",\"precedence\":10,\"match\":{\"imsiPrefixes\":[\"001\"]},\"sharingPolicyId\":\"pol-"
                        + op + "\",\"hotspotProfileIds\":[],\"version\":1,\"changedAt\":\"2025-01-01T00:00:00Z\"}')",
                "insert into known_device_group_revision (operator_id, revision) values ('" + op
                        + "', nextval('known_device_group_revision_seq'))",
                "insert into known_device (operator_id, device_id, imsi, version, changed_at, state) values ('" + op
                        + "', 'dev-1', '001010000000001', 1, now(), '{\"operatorId\":\"" + op
                        + "\",\"deviceId\":\"dev-1\",\"imsi\":\"001010000000001\",\"version\":1,\"changedAt\":\"2025-01-01T00:00:00Z\"}')");
        assertThat(status("PUT", "/v1/operators/" + op + "/entitlement-providers/all", Tokens.operator(op),
                "{\"type\":\"ALLOW_ALL\"}")).isEqualTo(201);
        String device = Tokens.device(op, "dev-1");
        assertThat(status("POST", "/v1/devices/dev-1/sharing", device,
                "{\"publicConnection\":{\"available\":true,\"connection\":\"internet\"}}")).isEqualTo(200);

        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL while the 3 s peerless timer is pending
        assertThat(count("select count(*) from hop_timer where timer_type = 'sharing.peerless'")).isEqualTo(1);
        await().pollDelay(Duration.ofSeconds(4)).until(() -> true); // down past the due time

        service = start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(get("/v1/devices/dev-1/sharing", device))
                        .contains("\"state\":\"OFF\"").contains("\"stopReason\":\"PEERLESS_TIMEOUT\""));
        assertThat(count("select count(*) from hop_timer where timer_type = 'sharing.peerless'")).isZero();
        assertThat(count("select count(*) from hop_outbox where ce_type = 'sharing.session-changed.v1'"))
                .as("STARTED and one STOPPED").isEqualTo(2);
        service.destroy();
        service.waitFor(30, TimeUnit.SECONDS);
    }
}
