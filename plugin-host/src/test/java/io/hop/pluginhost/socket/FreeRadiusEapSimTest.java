package io.hop.pluginhost.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hop.plugin.api.PluginOperation.OperationResponse;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugins.eapaka.EapAkaPlugin;
import io.hop.plugins.eapaka.TestContext;
import io.hop.plugins.eapaka.crypto.Usim;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's unmodified FreeRADIUS, its {@code eap sim} module fed by {@code rlm_rest} from the eap-aka plugin's
 * {@code freeradius-sim} JSON, authenticates eapol_test (SIM played by {@link ExternalSim}).
 *
 * <p>The HTTP endpoint here is a JDK HTTP server calling the plugin's operation in process, standing in for
 * plugin-host's {@code POST /v1/plugins/eap-aka/freeradius-sim}.
 */
class FreeRadiusEapSimTest {

    static final String IMSI = "001010000000011";

    @TempDir
    static Path dir;
    static EapAkaPlugin plugin;
    static HttpServer http;
    static Process radius;
    static int port;
    static final AtomicInteger restCalls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        EapRig.requireBinaries("freeradius", "eapol_test");
        plugin = new EapAkaPlugin();
        plugin.start(new TestContext(Map.of(), Map.of("subscriber-key", "freeradius test secret, 16+ chars")));
        plugin.operations().get("subscribers").handle("acme", "application/json",
                EapRig.subscribersJson(List.of(IMSI)).getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/plugins/eap-aka/freeradius-sim", exchange -> {
            restCalls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            OperationResponse response;
            try {
                response = plugin.operations().get("freeradius-sim").handle("acme", "application/json", body)
                        .toCompletableFuture().join();
            } catch (PluginOperationException e) {
                response = new OperationResponse(e.status(), "application/problem+json", new byte[0]);
            }
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
            exchange.close();
        });
        http.start();
        port = EapRig.freeUdpPort();
        Files.writeString(dir.resolve("dictionary"), "$INCLUDE /usr/share/freeradius/dictionary\n");
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("radiusd.conf"), String.join("\n",
                "prefix = /usr", "exec_prefix = /usr", "sysconfdir = /etc", "localstatedir = /var",
                "sbindir = /usr/sbin", "logdir = " + dir, "raddbdir = " + dir, "radacctdir = " + dir,
                "name = freeradius", "confdir = " + dir, "modconfdir = " + dir, "run_dir = " + dir.resolve("run"),
                "db_dir = " + dir, "libdir = /usr/lib/freeradius", "pidfile = " + dir.resolve("run/radiusd.pid"),
                "max_request_time = 30", "cleanup_delay = 5", "max_requests = 1024", "hostname_lookups = no",
                "log {", "  destination = stdout", "  colourise = no", "}",
                "security {", "  allow_core_dumps = no", "  max_attributes = 200", "  reject_delay = 0",
                "  status_server = no", "}",
                "client localhost {", "  ipaddr = 127.0.0.1", "  secret = radius", "}",
                "modules {",
                "  eap {", "    default_eap_type = sim", "    timer_expire = 60", "    max_sessions = 100",
                "    sim {", "    }", "  }",
                "  rest {", "    connect_uri = \"http://127.0.0.1:" + http.getAddress().getPort() + "\"",
                "    authorize {",
                "      uri = \"http://127.0.0.1:" + http.getAddress().getPort()
                        + "/v1/plugins/eap-aka/freeradius-sim\"",
                "      method = 'post'", "      body = 'json'", "    }",
                "    pool {", "      start = 0", "      min = 0", "      max = 4", "      spare = 1", "      uses = 0",
                "      lifetime = 0", "      idle_timeout = 60", "    }", "  }",
                "}",
                "server default {",
                "  listen {", "    type = auth", "    ipaddr = 127.0.0.1", "    port = " + port, "  }",
                "  authorize {", "    rest", "    eap", "  }",
                "  authenticate {", "    eap", "  }",
                "}", ""));
        radius = new ProcessBuilder("freeradius", "-f", "-X", "-d", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("freeradius.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("freeradius.log"))
                .contains("Ready to process requests") || !radius.isAlive());
        assertTrue(radius.isAlive(), Files.readString(dir.resolve("freeradius.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (radius != null) {
            radius.destroy();
            radius.waitFor(10, TimeUnit.SECONDS);
        }
        if (http != null) {
            http.stop(0);
        }
    }

    static EapRig.Run eapolTest(String name, Usim usim, String identity) throws Exception {
        return EapRig.eapolTest(dir, port, name, "SIM", identity, usim, 0);
    }

    @Test
    void eapSimSucceedsWithTripletsFromRlmRest() throws Exception {
        EapRig.Run run = eapolTest("sim", EapRig.card(0), "1" + IMSI + EapRig.REALM);
        assertTrue(run.succeeded(), run.output() + "\n--- freeradius:\n" + Files.readString(dir.resolve("freeradius.log")));
        assertEquals(1, run.sim().gsmRequests.get());
        assertTrue(restCalls.get() > 0);
    }

    @Test
    void aSimWithAnotherKeyIsRejected() throws Exception {
        EapRig.Run run = eapolTest("wrong", EapRig.cardWithAnotherKey(), "1" + IMSI + EapRig.REALM);
        assertFalse(run.succeeded(), run.output());
    }
}
