package io.hop.entitlement.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.BillingPeriods;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.entitlement.EntitlementFixtures;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class EntitlementCheckApiTest {

    @Inject
    EntitlementFixtures fixtures;

    static ValidatableResponse check(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when()
                .post("/v1/entitlement-checks").then();
    }

    static ValidatableResponse putProvider(String token, String operator, String name, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when()
                .put("/v1/operators/{o}/entitlement-providers/{n}", operator, name).then();
    }

    @Test
    void allowAllProviderSucceedsAndTheDecisionIsStoredAndPublished() {
        String operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("unlocked"));
        fixtures.device(operator, "dev-1", "001010000000001");
        putProvider(Tokens.operator(operator), operator, "unlocked", Map.of("type", "ALLOW_ALL")).statusCode(201);

        String decisionId = check(Tokens.operator(operator), Map.of("deviceId", "dev-1")).statusCode(200)
                .body("result", equalTo("SUCCESS")).body("providerType", equalTo("ALLOW_ALL"))
                .body("help.moHelpNumber", equalTo("+1 555 0100")).extract().path("decisionId");

        var published = TestEvents.read("entitlement.decisions.v1",
                r -> r.value() != null && r.value().contains(decisionId), 1, Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.get(0);
        assertThat(record.key()).isEqualTo("dev-1");
        assertThat(record.value()).contains("\"trigger\":\"API\"").contains("\"result\":\"SUCCESS\"");
    }

    @Test
    void aPolicyRequiringEntitlementWithoutProviderFailsWithProviderMissing() {
        String operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings(null));
        fixtures.device(operator, "dev-1", "001010000000001");
        check(Tokens.operator(operator), Map.of("deviceId", "dev-1")).statusCode(200).body("result", equalTo("FAILED"))
                .body("reason", equalTo("ENTITLEMENT_PROVIDER_MISSING"))
                .body("help.moInfoLink", equalTo("https://help.example/tether"));

        String other = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(other, EntitlementFixtures.settings("not-defined"));
        fixtures.device(other, "dev-1", "001010000000001");
        check(Tokens.operator(other), Map.of("deviceId", "dev-1")).statusCode(200)
                .body("reason", equalTo("ENTITLEMENT_PROVIDER_MISSING"));
    }

    @Test
    void aDeviceThatNeedsNoEntitlementSucceeds() {
        String operator = EntitlementFixtures.newId("op");
        var s = EntitlementFixtures.settings(null);
        fixtures.operatorWithPolicy(operator, new io.hop.contracts.provisioning.SharingPolicySettings(true, false, null,
                0, 2, 1, 1, 1, null, null, null, null, java.util.List.of(), null));
        fixtures.device(operator, "dev-1", "001010000000001");
        check(Tokens.device(operator, "dev-1"), Map.of("deviceId", "dev-1")).statusCode(200)
                .body("result", equalTo("SUCCESS")).body("reason", equalTo("ENTITLEMENT_NOT_REQUIRED"));
        assertThat(s).isNotNull();
    }

    @Test
    void anOperatorBackendNamesTheDeviceByImsi() {
        String operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("all"));
        fixtures.device(operator, "dev-imsi", "001019999999999");
        putProvider(Tokens.operator(operator), operator, "all", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("imsi", "001019999999999")).statusCode(200)
                .body("deviceId", equalTo("dev-imsi")).body("result", equalTo("SUCCESS"));
        check(Tokens.operator(operator), Map.of("imsi", "001010000000404")).statusCode(404);
    }

    @Test
    void planAllowanceFailsOnceExhaustedAndIsReArmedByANewBillingPeriod() {
        String operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("allowance"));
        fixtures.device(operator, "dev-1", "001010000000001");
        putProvider(Tokens.operator(operator), operator, "allowance", Map.of("type", "PLAN_ALLOWANCE")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-1")).statusCode(200).body("result", equalTo("SUCCESS"));

        // the device has no plan: its period is the calendar month
        Instant monthStart = BillingPeriods.periodOf(null, Instant.now()).start();
        TestEvents.send("usage.alerts.v1", "dev-1", UsageEvents.ALERT_RAISED, alert(operator, monthStart));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> check(Tokens.operator(operator),
                Map.of("deviceId", "dev-1")).statusCode(200).body("result", equalTo("FAILED"))
                .body("reason", equalTo("TETHERING_ALLOWANCE_EXHAUSTED")).body("providerType", equalTo("PLAN_ALLOWANCE")));

        // an alert of the previous period (late, redelivered) changes nothing; the next check of a device whose
        // exhausted period is over is re-armed: shown with a second device exhausted last month
        fixtures.device(operator, "dev-2", "001010000000002");
        TestEvents.send("usage.alerts.v1", "dev-2", UsageEvents.ALERT_RAISED,
                new UsageAlertRaised(EntitlementFixtures.newId("alert"), operator, "dev-2", "TETHERING_ALLOWANCE_EXHAUSTED",
                        null, null, null, 10, 10L, monthStart.minus(31, ChronoUnit.DAYS), Instant.now()));
        TestEvents.send("usage.alerts.v1", "dev-1", UsageEvents.ALERT_RAISED,
                new UsageAlertRaised(EntitlementFixtures.newId("alert"), operator, "dev-1", "PERCENT_STEP", null, 50,
                        null, 5, 10L, monthStart, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().auth().oauth2(Tokens.admin()).when().get("/q/health/ready").statusCode()).isEqualTo(200));
        check(Tokens.operator(operator), Map.of("deviceId", "dev-2")).statusCode(200).body("result", equalTo("SUCCESS"));
    }

    static UsageAlertRaised alert(String operator, Instant periodStart) {
        return new UsageAlertRaised(EntitlementFixtures.newId("alert"), operator, "dev-1", "TETHERING_ALLOWANCE_EXHAUSTED",
                null, null, null, 1000, 1000L, periodStart, Instant.now());
    }

    @Test
    void anotherOperatorSeesNothing() {
        String operator = EntitlementFixtures.newId("op");
        String intruder = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("all"));
        fixtures.device(operator, "dev-1", "001010000000001");
        putProvider(Tokens.operator(operator), operator, "all", Map.of("type", "ALLOW_ALL")).statusCode(201);

        check(Tokens.operator(intruder), Map.of("deviceId", "dev-1")).statusCode(404);
        check(Tokens.device(operator, "dev-2"), Map.of("deviceId", "dev-1")).statusCode(404);
        given().auth().oauth2(Tokens.operator(intruder)).when()
                .get("/v1/operators/{o}/entitlement-providers/all", operator).then().statusCode(404);
        given().auth().oauth2(Tokens.operator(intruder)).when()
                .get("/v1/operators/{o}/entitlement-providers", operator).then().statusCode(403);
        putProvider(Tokens.operator(intruder), operator, "all", Map.of("type", "ALLOW_ALL")).statusCode(403);
        given().auth().oauth2(Tokens.operator(intruder)).when()
                .delete("/v1/operators/{o}/entitlement-providers/all", operator).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("deviceId", "dev-1")).when().post("/v1/entitlement-checks")
                .then().statusCode(401);
    }

    @Test
    void invalidChecksAndProvidersAre400NamingEachFieldAndStoreNothing() {
        String operator = EntitlementFixtures.newId("op");
        check(Tokens.operator(operator), Map.of()).statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("deviceId"));
        check(Tokens.operator(operator), Map.of("deviceId", "d", "imsi", "12")).statusCode(400)
                .body("violations.field", containsInAnyOrder("imsi", "imsi"));
        putProvider(Tokens.operator(operator), operator, "hook",
                Map.of("type", "WEBHOOK", "url", "ftp://x", "timeoutMs", 5)).statusCode(400)
                .body("violations.field", containsInAnyOrder("url", "timeoutMs", "secret"));
        given().auth().oauth2(Tokens.operator(operator)).when()
                .get("/v1/operators/{o}/entitlement-providers/hook", operator).then().statusCode(404);
    }

    @Test
    void aWebhookSecretIsStoredSealedAndNeverReturned() {
        String operator = EntitlementFixtures.newId("op");
        String secret = "webhook-secret-0123456789";
        putProvider(Tokens.operator(operator), operator, "hook", Map.of("type", "WEBHOOK", "url",
                "https://backend.example/entitlement", "secret", secret, "bearerToken", "bearer-xyz")).statusCode(201)
                .body("secretSet", equalTo(true)).body("bearerTokenSet", equalTo(true)).body("secret", nullValue());
        String body = given().auth().oauth2(Tokens.operator(operator)).when()
                .get("/v1/operators/{o}/entitlement-providers", operator).then().statusCode(200)
                .body("[0].timeoutMs", equalTo(2000)).body("[0].version", notNullValue()).extract().asString();
        assertThat(body).doesNotContain(secret).doesNotContain("bearer-xyz");
        // a replace without the secret keeps it
        putProvider(Tokens.operator(operator), operator, "hook",
                Map.of("type", "WEBHOOK", "url", "https://backend.example/v2", "timeoutMs", 500)).statusCode(200)
                .body("secretSet", equalTo(true)).body("version", equalTo(2));
    }
}
