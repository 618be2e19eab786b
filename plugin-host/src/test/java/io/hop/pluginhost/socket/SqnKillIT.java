package io.hop.pluginhost.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.crypto.Milenage;
import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.testing.Tokens;
import io.hop.testing.infra.Infrastructure;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An SQN is never handed out twice, across a crash: the packaged plugin-host serving eap-aka (subscribers and SQN
 * blocks in its PostgreSQL) hands out AKA vectors through {@code POST /v1/plugins/eap-aka/vectors}, is killed with
 * SIGKILL (no shutdown hook: its unused block is simply abandoned), and is started again on the same database; every
 * SQN it hands out then - recovered from AUTN with the subscriber's K and OPc, SQN = AUTN[0..6] XOR AK - is strictly
 * greater than every SQN handed out before the kill, and no SQN appears twice. The cards accept every vector.
 */
class SqnKillIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** Small blocks, so that each life of the host reserves several of them. */
    static final int BLOCK_SIZE = 7;
    static final int SUBSCRIBERS = 4;
    static final String OPERATOR = "sqn-kill";

    static Infrastructure.Database database;
    Process host;
    int port;

    @BeforeAll
    static void database() {
        database = Infrastructure.get().createDatabase("pluginhost_sqn_kill");
    }

    @AfterAll
    static void drop() {
        Infrastructure.get().dropDatabase(database);
    }

    @AfterEach
    void stopHost() {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
    }

    @Test
    void noSqnHandedOutAfterAKillIsEverAtOrBelowOneHandedOutBeforeIt() throws Exception {
        assertTrue(Files.exists(JAR), "packaged by the package phase");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        host = start();
        StringBuilder subscribers = new StringBuilder();
        List<Usim> cards = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers.append(i == 0 ? "" : ",").append("{\"imsi\":\"").append(imsi(i)).append("\",\"k\":\"")
                    .append(HEX.formatHex(k(i))).append("\",\"opc\":\"").append(HEX.formatHex(opc(i))).append("\"}");
            cards.add(new Usim(k(i), opc(i), 0));
        }
        assertEquals(SUBSCRIBERS, post("subscribers", "{\"subscribers\":[" + subscribers + "]}").get("stored").asInt());

        List<Long> before = vectors(cards, 5); // 4 subscribers x 5 requests x 2 vectors: several blocks of 7
        host.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, its block abandoned
        assertEquals(137, host.exitValue());

        host = start();
        List<Long> after = vectors(cards, 5);

        long highestBefore = before.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long sqn : after) {
            assertTrue(sqn > highestBefore, "SQN " + sqn + " after the kill, " + highestBefore + " before it");
        }
        // Blocks are reserved durably, so the restart starts right after the last block: it abandons at most the
        // rest of one block (this also shows the deployment's sqn.block-size took effect).
        long firstAfter = after.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(firstAfter - highestBefore <= BLOCK_SIZE, "first SQN after the restart " + firstAfter
                + ", highest before " + highestBefore);
        List<Long> all = new ArrayList<>(before);
        all.addAll(after);
        Set<Long> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size(), "no SQN handed out twice: " + all);
        host.destroy();
        host.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code rounds} requests of two AKA vectors per subscriber; every vector passes its card; the SQNs, in order. */
    List<Long> vectors(List<Usim> cards, int rounds) throws Exception {
        List<Long> sqns = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < cards.size(); i++) {
                JsonNode answer = post("vectors", "{\"imsi\":\"" + imsi(i) + "\",\"method\":\"AKA\",\"count\":2}");
                for (JsonNode v : answer.get("vectors")) {
                    byte[] rand = HEX.parseHex(v.get("rand").asText());
                    byte[] autn = HEX.parseHex(v.get("autn").asText());
                    long sqn = sqnOf(k(i), opc(i), rand, autn);
                    assertEquals(sqn, v.get("sqn").asLong(), "the answer's sqn is AUTN's");
                    assertInstanceOf(Usim.Success.class, cards.get(i).authenticate(rand, autn),
                            "card " + i + " accepts SQN " + sqn);
                    sqns.add(sqn);
                }
            }
        }
        return sqns;
    }

    /** SQN = AUTN[0..6] XOR AK, AK = f5(K, OPc, RAND). */
    static long sqnOf(byte[] k, byte[] opc, byte[] rand, byte[] autn) {
        byte[] ak = new Milenage(k, opc).f2345(rand).ak();
        byte[] sqn = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqn[i] = (byte) (autn[i] ^ ak[i]);
        }
        return Aka.sqnValue(sqn);
    }

    static String imsi(int i) {
        return "00101000000" + (1000 + i);
    }

    static byte[] k(int i) {
        byte[] k = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
        k[15] ^= (byte) i;
        return k;
    }

    static byte[] opc(int i) {
        byte[] opc = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
        opc[0] ^= (byte) i;
        return opc;
    }

    JsonNode post(String operation, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/plugins/eap-aka/" + operation))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.operator(OPERATOR))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** The packaged host as a deployment runs it: built-in plugins directory, eap-aka's secret from outside. */
    Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-Dhop.plugin-host.plugins.\"eap-aka\".secrets.subscriber-key=sqn kill test secret, 16+ chars",
                "-Dhop.plugin-host.plugins.\"eap-aka\".config.sqn.block-size=" + BLOCK_SIZE,
                "-jar", JAR.toString());
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(), "HOP_SECURITY_ALLOW_DEVELOPMENT_KEY", "true",
                "KAFKA_BOOTSTRAP_SERVERS", Infrastructure.get().kafkaBootstrapServers(),
                "HOP_CONSUMER_GROUP", database.name(),
                "HOP_PLUGIN_HOST_PLUGINS_DIR", Path.of("target/plugins").toAbsolutePath().toString()));
        builder.redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(new File("target/sqn-kill-" + port + ".log")));
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> live());
        return process;
    }

    boolean live() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
