package io.hop.pluginhost.registry;

import static io.hop.pluginhost.Scans.identify;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bad test plugin (rank 5, 3 failures quarantine it for 2 s, 0.5 s timeout) beside the good one (rank 20): it is
 * quarantined after repeated throws, hangs or forbidden calls, reported, skipped meanwhile while the good plugin and
 * the host carry on, and back after a successful half-open trial.
 */
@QuarkusTest
class QuarantineTest {

    static String badState() {
        return given().auth().oauth2(Tokens.admin()).get("/v1/plugins").then().statusCode(200).extract()
                .path("find { it.pluginId == 'bad' }.state");
    }

    @AfterEach
    void recover() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !badState().equals("QUARANTINED"));
        identify("acme", "Shared WiFi").statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> badState().equals("ACTIVE"));
    }

    @Test
    void aPluginThatThrowsRepeatedlyIsQuarantinedReportedAndSkippedWhileTheOthersAnswer() {
        for (int i = 0; i < 2; i++) {
            identify("acme", "Bad Throw", "Good Cafe").statusCode(200)
                    .body("plugins.find { it.pluginId == 'bad' }.outcome", equalTo("FAILED"))
                    .body("plugins.find { it.pluginId == 'bad' }.state", equalTo("ACTIVE"))
                    .body("matches.find { it.ssid == 'Good Cafe' }.pluginId", equalTo("good"));
        }
        identify("acme", "Bad Throw").statusCode(200)
                .body("plugins.find { it.pluginId == 'bad' }.state", equalTo("QUARANTINED"));

        given().auth().oauth2(Tokens.admin()).get("/v1/plugins").then().statusCode(200)
                .body("find { it.pluginId == 'bad' }.state", equalTo("QUARANTINED"))
                .body("find { it.pluginId == 'bad' }.failures", equalTo(3))
                .body("find { it.pluginId == 'bad' }.quarantinedUntil", notNullValue())
                .body("find { it.pluginId == 'bad' }.lastError", containsString("throws on purpose"))
                .body("find { it.pluginId == 'good' }.state", equalTo("ACTIVE"));

        // While quarantined it is not asked: the good plugin owns the network the bad one would have claimed.
        identify("acme", "Shared WiFi").statusCode(200)
                .body("plugins.find { it.pluginId == 'bad' }.outcome", equalTo("SKIPPED_QUARANTINED"))
                .body("matches[0].pluginId", equalTo("good"))
                .body("plugins.find { it.pluginId == 'good' }.outcome", equalTo("ANSWERED"));
    }

    @Test
    void afterThePauseAHalfOpenTrialThatSucceedsMakesThePluginOwnItsNetworksAgain() {
        for (int i = 0; i < 3; i++) {
            identify("acme", "Bad Throw").statusCode(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> badState().equals("HALF_OPEN"));
        identify("acme", "Shared WiFi").statusCode(200)
                .body("plugins.find { it.pluginId == 'bad' }.outcome", equalTo("ANSWERED"))
                .body("plugins.find { it.pluginId == 'bad' }.state", equalTo("ACTIVE"))
                .body("matches[0].pluginId", equalTo("bad")).body("matches[0].pluginRank", equalTo(5));
    }

    @Test
    void aHangingPluginTimesOutWithinItsTimeoutAndIsQuarantinedWhileTheGoodOneAnswers() {
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            identify("acme", "Bad Hang", "Good Cafe").statusCode(200)
                    .body("plugins.find { it.pluginId == 'bad' }.outcome", equalTo("TIMED_OUT"))
                    .body("matches.find { it.ssid == 'Good Cafe' }.pluginId", equalTo("good"));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(tookMs < 3000, "answered in " + tookMs + " ms");
        }
        org.junit.jupiter.api.Assertions.assertEquals("QUARANTINED", badState());
    }

    @Test
    void aPluginCallingAHostItsManifestDoesNotAllowFailsAndIsQuarantined() {
        for (int i = 0; i < 3; i++) {
            identify("acme", "Bad Forbidden").statusCode(200)
                    .body("plugins.find { it.pluginId == 'bad' }.outcome", equalTo("FAILED"));
        }
        given().auth().oauth2(Tokens.admin()).get("/v1/plugins").then()
                .body("find { it.pluginId == 'bad' }.state", equalTo("QUARANTINED"))
                .body("find { it.pluginId == 'bad' }.lastError", containsString("not in the manifest's allowed-hosts"));
    }
}
