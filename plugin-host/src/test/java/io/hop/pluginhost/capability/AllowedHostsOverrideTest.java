package io.hop.pluginhost.capability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The deployment replaces a plugin's allowed hosts ({@code hop.plugin-host.plugins."<id>".allowed-hosts}) without
 * rebuilding it: the test plugin "good" allows 127.0.0.1 in its manifest; this deployment allows localhost instead.
 * A host the deployment added is reachable, one it took away is refused before any connection.
 */
@QuarkusTest
@TestProfile(AllowedHostsOverrideTest.LocalhostOnly.class)
class AllowedHostsOverrideTest {

    /** Widens "good" to localhost (any port) and narrows it from 127.0.0.1. */
    public static class LocalhostOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hop.plugin-host.plugins.\"good\".allowed-hosts", "localhost");
        }
    }

    static HttpServer server;
    static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        // every local address (IPv4 and IPv6), so that "localhost" reaches it however it resolves
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static String fetch(String url) {
        return given().auth().oauth2(Tokens.operator("acme")).contentType("text/plain").body(url)
                .post("/v1/plugins/good/fetch").then().statusCode(200).extract().asString();
    }

    @Test
    void aHostTheDeploymentAddsIsReachable() {
        int port = server.getAddress().getPort();
        assertEquals("status 204", fetch("http://localhost:" + port + "/added"));
        assertEquals(List.of("/added"), requests.stream().filter("/added"::equals).toList());
    }

    @Test
    void aManifestHostTheDeploymentTookAwayIsRefusedBeforeAnyConnection() {
        int port = server.getAddress().getPort();
        assertEquals("refused", fetch("http://127.0.0.1:" + port + "/removed"));
        assertEquals("refused", fetch("http://evil.example/never"));
        assertEquals(List.of(), requests.stream().filter(p -> !p.equals("/added")).toList(),
                "no request reached the server from a host not allowed");
    }
}
