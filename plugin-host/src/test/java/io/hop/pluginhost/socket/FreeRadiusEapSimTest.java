package io.hop.pluginhost.socket;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's unmodified FreeRADIUS, its {@code eap sim} module fed by {@code rlm_rest} from plugin-host's
 * {@code POST /v1/plugins/eap-aka/freeradius-sim} (the real host, {@link EapAkaHostProfile}: the built-in eap-aka
 * plugin loaded from its plugins directory, the subscriber imported through the host's API, FreeRADIUS sending the
 * operator's bearer token), authenticates eapol_test (SIM played by {@link ExternalSim}).
 */
@QuarkusTest
@TestProfile(EapAkaHostProfile.class)
class FreeRadiusEapSimTest {

    static final String IMSI = "001010000000011";

    @TempDir
    static Path dir;
    static Process radius;
    static int port;

    @BeforeAll
    static void requireBinaries() {
        EapRig.requireBinaries("freeradius", "eapol_test");
    }

    /** Once, with the app up (its port is RestAssured's): the subscriber through the API, then FreeRADIUS. */
    @BeforeEach
    void importAndStartFreeRadius() throws Exception {
        if (radius != null) {
            return;
        }
        String token = Tokens.operator(EapAkaHostProfile.OPERATOR);
        given().auth().oauth2(token).contentType("application/json").body(EapRig.subscribersJson(List.of(IMSI)))
                .post("/v1/plugins/eap-aka/subscribers").then().statusCode(200).body("stored", equalTo(1));
        int hostPort = RestAssured.port;
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
                "  rest {", "    connect_uri = \"http://127.0.0.1:" + hostPort + "\"",
                "    authorize {",
                "      uri = \"http://127.0.0.1:" + hostPort
                        + "/v1/plugins/eap-aka/freeradius-sim\"",
                "      method = 'post'", "      body = 'json'", "    }",
                "    pool {", "      start = 0", "      min = 0", "      max = 4", "      spare = 1", "      uses = 0",
                "      lifetime = 0", "      idle_timeout = 60", "    }", "  }",
                "}",
                "server default {",
                "  listen {", "    type = auth", "    ipaddr = 127.0.0.1", "    port = " + port, "  }",
                "  authorize {",
                // rlm_rest sends the control list's REST-HTTP-Header values as request headers: the operator's token
                "    update control {", "      &REST-HTTP-Header += \"Authorization: Bearer " + token + "\"", "    }",
                "    rest", "    eap", "  }",
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
            radius = null;
        }
    }

    static EapRig.Run eapolTest(String name, Usim usim, String identity) throws Exception {
        return EapRig.eapolTest(dir, port, name, "SIM", identity, usim, 0);
    }

    @Test
    void eapSimSucceedsWithTripletsFromThePluginHost() throws Exception {
        EapRig.Run run = eapolTest("sim", EapRig.card(0), "1" + IMSI + EapRig.REALM);
        assertTrue(run.succeeded(), run.output() + "\n--- freeradius:\n" + Files.readString(dir.resolve("freeradius.log")));
        assertEquals(1, run.sim().gsmRequests.get());
        assertTrue(Files.readString(dir.resolve("freeradius.log")).contains("Status : 200"),
                "rlm_rest's call to the host was answered 200");
    }

    @Test
    void aSimWithAnotherKeyIsRejected() throws Exception {
        EapRig.Run run = eapolTest("wrong", EapRig.cardWithAnotherKey(), "1" + IMSI + EapRig.REALM);
        assertFalse(run.succeeded(), run.output());
    }
}
