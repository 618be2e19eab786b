package io.hop.entitlement.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.BillingPeriods;
import io.hop.contracts.entitlement.EntitlementDecided;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.entitlement.EntitlementFixtures;
import io.hop.entitlement.check.EntitlementChecks;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Sharing sessions through the running service, against the real database and Kafka. Test configuration: a policy
 * "minute" lasts 2 s, UNAVAILABLE re-checks are retried twice (0.5 s, 1 s) before sharing turns off.
 */
@QuarkusTest
class SharingApiTest {

    @Inject
    EntitlementFixtures fixtures;
    @Inject
    SharingService sharing;
    @Inject
    javax.sql.DataSource dataSource;

    static SharingPolicySettings settings(boolean enabled, String provider, int interval, List<String> dedicated,
            int peerless) {
        return new SharingPolicySettings(enabled, true, provider, interval, 2, 1, peerless, 1, "+1 555 0100",
                "https://help.example", null, null, dedicated, null);
    }

    String operator;

    SharingPolicyChanged operator(SharingPolicySettings settings, String providerType) {
        operator = EntitlementFixtures.newId("op");
        SharingPolicyChanged policy = fixtures.operatorWithPolicy(operator, settings);
        fixtures.device(operator, "dev-1", "001010000000001");
        if (providerType != null) {
            given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                    .body(Map.of("type", providerType)).when()
                    .put("/v1/operators/{o}/entitlement-providers/{n}", operator, settings.entitlementProvider()).then()
                    .statusCode(201);
        }
        return policy;
    }

    String device() {
        return Tokens.device(operator, "dev-1");
    }

    ValidatableResponse start(Object body) {
        return given().auth().oauth2(device()).contentType(ContentType.JSON).body(body).when()
                .post("/v1/devices/dev-1/sharing").then();
    }

    ValidatableResponse join(String client, String transport) {
        return given().auth().oauth2(device()).contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "transport", transport)).when()
                .post("/v1/devices/dev-1/sharing/clients").then();
    }

    ValidatableResponse get() {
        return given().auth().oauth2(device()).when().get("/v1/devices/dev-1/sharing").then().statusCode(200);
    }

    static final Map<String, Object> ONLINE = Map.of("publicConnection", Map.of("available", true, "connection", "internet"));

    @Test
    void clientsAreLimitedThePolicyVersionIsPinnedAndEveryChangeIsPublished() {
        SharingPolicyChanged policy = operator(settings(true, "all", 0, List.of(), 60), "ALLOW_ALL");
        String sessionId = start(ONLINE).statusCode(200).body("state", equalTo("ON"))
                .body("policyVersion", equalTo(1)).extract().path("sessionId");
        join("w1", "WIFI").statusCode(200);
        join("w2", "WIFI").statusCode(200);
        // MaxUsers raised while sharing: the session keeps the version it started with
        fixtures.change(policy, new SharingPolicySettings(true, true, "all", 0, 8, 1, 60, 1, null, null, null, null,
                List.of(), null));
        join("w3", "WIFI").statusCode(409).contentType("application/problem+json")
                .body("reason", equalTo("MAX_USERS_REACHED"));
        join("b1", "BLUETOOTH").statusCode(200);
        join("b2", "BLUETOOTH").statusCode(409).body("reason", equalTo("MAX_BLUETOOTH_USERS_REACHED"));
        get().body("clients.wifi", contains("w1", "w2")).body("clients.wifiLimitReached", equalTo(true))
                .body("diagnosis", hasItem(org.hamcrest.Matchers.containsString("Wi-Fi client limit (2)")));
        given().auth().oauth2(device()).when().delete("/v1/devices/dev-1/sharing/clients/w1").then().statusCode(200);
        given().auth().oauth2(device()).when().delete("/v1/devices/dev-1/sharing").then().statusCode(200)
                .body("state", equalTo("OFF")).body("stopReason", equalTo("USER_REQUEST"));

        var events = TestEvents.read("sharing.sessions.v1", r -> r.value() != null && r.value().contains(sessionId), 6,
                Duration.ofSeconds(30));
        assertThat(events).extracting(r -> r.value().replaceAll(".*\"change\":\"([A-Z_]+)\".*", "$1")).containsExactly(
                "STARTED", "CLIENT_JOINED", "CLIENT_JOINED", "CLIENT_JOINED", "CLIENT_LEFT", "STOPPED");
        assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo("dev-1"));
    }

    @Test
    void disabledSharingAndDeniedEntitlementAre403WithTheHelp() {
        operator(settings(false, "all", 0, List.of(), 5), null);
        start(ONLINE).statusCode(403).body("reason", equalTo("SHARING_DISABLED_BY_OPERATOR"));

        operator(settings(true, "missing", 0, List.of(), 5), null);
        start(ONLINE).statusCode(403).contentType("application/problem+json").body("result", equalTo("FAILED"))
                .body("reason", equalTo("ENTITLEMENT_PROVIDER_MISSING")).body("help.moHelpNumber", equalTo("+1 555 0100"));
        get().body("state", equalTo("OFF")).body("entitlement.lastResult", equalTo("FAILED"))
                .body("lastRefusal", equalTo("ENTITLEMENT_FAILED"));
    }

    @Test
    void sharingDoesNotStartWithoutADedicatedConnection() {
        operator(settings(true, "all", 0, List.of("tether-apn"), 5), "ALLOW_ALL");
        start(Map.of("connections", List.of("internet"))).statusCode(409)
                .body("reason", equalTo("DEDICATED_CONNECTION_MISSING"));
        start(Map.of("connections", List.of("internet", "tether-apn"), "publicConnection",
                Map.of("available", true, "connection", "internet"))).statusCode(200)
                .body("publicConnection.usable", equalTo(false))
                .body("publicConnection.missingDedicatedConnections", contains("tether-apn"))
                .body("timers.timer", hasItem("PUBLIC_CONNECTION"));
    }

    @Test
    void thePeerlessTimerTurnsSharingOffAndAClientCancelsIt() {
        operator(settings(true, "all", 0, List.of(), 1), "ALLOW_ALL");
        start(ONLINE).statusCode(200).body("timers.timer", hasItem("PEERLESS"));
        join("w1", "WIFI").statusCode(200).body("timers.timer", not(hasItem("PEERLESS")));
        given().auth().oauth2(device()).when().delete("/v1/devices/dev-1/sharing/clients/w1").then().statusCode(200)
                .body("timers.timer", hasItem("PEERLESS"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> get().body("state", equalTo("OFF")).body("stopReason", equalTo("PEERLESS_TIMEOUT")));
    }

    @Test
    void aLostPublicConnectionTurnsSharingOffAfterItsTimeout() {
        operator(settings(true, "all", 0, List.of(), 60), "ALLOW_ALL");
        start(ONLINE).statusCode(200);
        given().auth().oauth2(device()).contentType(ContentType.JSON).body(Map.of("available", false)).when()
                .put("/v1/devices/dev-1/sharing/public-connection").then().statusCode(200)
                .body("publicConnection.unavailableSince", org.hamcrest.Matchers.notNullValue())
                .body("diagnosis", hasItem(org.hamcrest.Matchers.startsWith("No usable public connection since")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> get().body("state", equalTo("OFF")).body("stopReason", equalTo("NO_PUBLIC_CONNECTION")));
    }

    @Test
    void anExhaustedAllowanceAlertRechecksAtOnceAndRevokes() {
        operator(settings(true, "allowance", 0, List.of(), 60), "PLAN_ALLOWANCE");
        start(ONLINE).statusCode(200).body("state", equalTo("ON"));
        TestEvents.send("usage.alerts.v1", "dev-1", UsageEvents.ALERT_RAISED,
                new UsageAlertRaised(EntitlementFixtures.newId("alert"), operator, "dev-1",
                        "TETHERING_ALLOWANCE_EXHAUSTED", null, null, null, 100, 100L,
                        BillingPeriods.periodOf(null, Instant.now()).start(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get().body("state", equalTo("OFF"))
                .body("stopReason", equalTo("ENTITLEMENT_REVOKED"))
                .body("entitlement.lastReason", equalTo("TETHERING_ALLOWANCE_EXHAUSTED")));
    }

    @Test
    void periodicUnavailableRechecksGetTheGraceThenTurnSharingOff() throws Exception {
        try (var backend = new io.hop.entitlement.check.OperatorBackendStub("grace-secret-0123456789")) {
            operator(settings(true, "hook", 1, List.of(), 60), null);
            given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                    .body(Map.of("type", "WEBHOOK", "url", backend.url(), "secret", "grace-secret-0123456789")).when()
                    .put("/v1/operators/{o}/entitlement-providers/hook", operator).then().statusCode(201);
            start(ONLINE).statusCode(200).body("timers.timer", hasItem("ENTITLEMENT_RECHECK"));
            backend.answer(503, "maintenance");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get().body("state", equalTo("ON"))
                    .body("entitlement.lastResult", equalTo("UNAVAILABLE")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get().body("state", equalTo("OFF"))
                    .body("stopReason", equalTo("ENTITLEMENT_UNAVAILABLE")));
        }
    }

    @Test
    void aPeriodicRecheckCallsTheBackendWithoutHoldingTheSessionOrATransaction() throws Exception {
        try (var backend = new io.hop.entitlement.check.OperatorBackendStub("slow-secret-0123456789")) {
            operator(settings(true, "hook", 1, List.of(), 60), null);
            given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                    .body(Map.of("type", "WEBHOOK", "url", backend.url(), "secret", "slow-secret-0123456789",
                            "timeoutMs", 8000))
                    .when().put("/v1/operators/{o}/entitlement-providers/hook", operator).then().statusCode(201);
            start(ONLINE).statusCode(200).body("state", equalTo("ON"));
            backend.answer(200, "{\"result\":\"SUCCESS\",\"reason\":\"ALLOWED\"}", 4000);
            await().atMost(Duration.ofSeconds(20)).until(() -> backend.inFlight() > 0);
            // the re-check's webhook call is in progress: the session row is not locked by it, and no connection of
            // this service sits in a transaction waiting for the backend
            long before = System.nanoTime();
            given().auth().oauth2(device()).contentType(ContentType.JSON)
                    .body(Map.of("available", true, "connection", "internet")).when()
                    .put("/v1/devices/dev-1/sharing/public-connection").then().statusCode(200);
            QuarkusTransaction.requiringNew().run(() -> {
                try (var connection = dataSource.getConnection();
                        var lock = connection.prepareStatement(
                                "select 1 from sharing_session where operator_id = ? and device_id = 'dev-1' for update nowait")) {
                    lock.setString(1, operator);
                    lock.executeQuery().close();
                } catch (java.sql.SQLException e) {
                    throw new AssertionError("the session row is locked while the backend is called", e);
                }
            });
            assertThat(backend.inFlight()).as("still calling the backend").isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
            // and the result is applied afterwards: the re-check succeeded, sharing stays on
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get().body("state", equalTo("ON"))
                    .body("entitlement.lastResult", equalTo("SUCCESS"))
                    .body("entitlement.lastCheckedAt", org.hamcrest.Matchers.notNullValue()));
        }
    }

    @Test
    void aRecheckResultIsAppliedOnlyToTheSessionAndDueRecheckItWasMadeFor() {
        operator(settings(true, "all", 60, List.of(), 60), "ALLOW_ALL");
        start(ONLINE).statusCode(200);
        SharingSession running = sharing.get(operator, "dev-1");
        assertThat(running.recheckDueAt()).isNotNull();
        SharingService.Recheck due = new SharingService.Recheck(operator, "dev-1", running.sessionId(),
                running.recheckDueAt(), running.settings(), "PERIODIC");

        // another session's, or an already superseded re-check's, FAILED result is stored but changes nothing
        assertThat(sharing.applyRecheck(new SharingService.Recheck(operator, "dev-1", java.util.UUID.randomUUID(),
                due.dueAt(), due.settings(), "PERIODIC"), failed())).isFalse();
        assertThat(sharing.applyRecheck(new SharingService.Recheck(operator, "dev-1", due.sessionId(),
                due.dueAt().minusSeconds(1), due.settings(), "PERIODIC"), failed())).isFalse();
        get().body("state", equalTo("ON"));

        // the due re-check's result applies once; the same result again (a repeated firing) changes nothing more
        assertThat(sharing.applyRecheck(due, failed())).isTrue();
        get().body("state", equalTo("OFF")).body("stopReason", equalTo("ENTITLEMENT_REVOKED"));
        assertThat(sharing.applyRecheck(due, failed())).isFalse();
        get().body("timers", org.hamcrest.Matchers.empty());
        assertThat(count("select count(*) from hop_timer where timer_key like '%:' || ? || ':dev-1'"))
                .as("no durable timer left").isZero();
        assertThat(count("select count(*) from entitlement_decision where operator_id = ? and trigger = 'PERIODIC'"))
                .as("every decision is stored, stale ones too").isEqualTo(4L);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (var connection = dataSource.getConnection(); var count = connection.prepareStatement(sql)) {
                count.setString(1, operator);
                try (var rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private EntitlementChecks.Decision failed() {
        return new EntitlementChecks.Decision(new EntitlementDecided(java.util.UUID.randomUUID().toString(), operator,
                "dev-1", "FAILED", "NOT_ALLOWED", "WEBHOOK", "PERIODIC", Instant.now().truncatedTo(
                        java.time.temporal.ChronoUnit.MICROS)), null);
    }

    @Test
    void theSharedPassphraseIsValidatedAndNeverReturned() {
        operator(settings(true, "all", 0, List.of(), 60), "ALLOW_ALL");
        given().auth().oauth2(device()).contentType(ContentType.JSON).body(Map.of("ssid", "", "passphrase", "short"))
                .when().put("/v1/devices/dev-1/sharing/network").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("ssid", "passphrase"));
        String body = given().auth().oauth2(device()).contentType(ContentType.JSON)
                .body(Map.of("ssid", "My phone", "passphrase", "correct horse battery")).when()
                .put("/v1/devices/dev-1/sharing/network").then().statusCode(200).body("passphraseSet", equalTo(true))
                .body("passphrase", nullValue()).extract().asString();
        assertThat(body).doesNotContain("correct horse");
        assertThat(get().body("network.ssid", equalTo("My phone")).extract().asString()).doesNotContain("correct horse");
    }

    @Test
    void anotherOperatorCannotSeeOrChangeTheSession() {
        operator(settings(true, "all", 0, List.of(), 60), "ALLOW_ALL");
        start(ONLINE).statusCode(200);
        String intruder = EntitlementFixtures.newId("op");
        given().auth().oauth2(Tokens.operator(intruder)).when().get("/v1/devices/dev-1/sharing").then().statusCode(404);
        given().auth().oauth2(Tokens.operator(intruder)).when().delete("/v1/devices/dev-1/sharing").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.device(operator, "dev-2")).when().get("/v1/devices/dev-1/sharing").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/dev-1/sharing").then().statusCode(200)
                .body("state", equalTo("ON"));
    }
}
